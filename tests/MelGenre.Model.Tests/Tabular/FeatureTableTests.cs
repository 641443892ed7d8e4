using MelGenre.Model.Tabular;

namespace MelGenre.Model.Tests.Tabular;

public sealed class FeatureTableTests
{
    private static readonly string[] Columns = ["a_mean", "b_var"];

    private static FeatureTable Read(string text) => FeatureTable.Read(new StringReader(text), "t.csv", Columns);

    [Fact]
    public void Columns_are_found_by_name_in_any_order_and_extra_columns_are_ignored()
    {
        var table = Read("label,b_var,extra,length,filename,a_mean\nblues,2.5,x,661794,blues.00000.wav,-1e-3\n");

        var row = Assert.Single(table.Rows);
        Assert.Equal("blues.00000.wav", row.File);
        Assert.Equal([-1e-3, 2.5], row.Values);
        Assert.Equal("blues", row.Label);
        Assert.True(table.HasLabels);
        Assert.Equal(661794 / 22050.0, row.Duration, 12);
    }

    [Fact]
    public void A_table_without_label_column_reads_rows_with_null_labels()
    {
        var table = Read("filename,length,a_mean,b_var\nx.wav,100,1,2\n");

        Assert.False(table.HasLabels);
        Assert.Null(Assert.Single(table.Rows).Label);
    }

    [Theory]
    [InlineData("filename,length,a_mean\nx.wav,1,2\n", "t.csv line 1: missing column(s) b_var")]
    [InlineData("", "t.csv: empty")]
    [InlineData("filename,length,a_mean,b_var\nx.wav,1,2,3\ny.wav,1,2,abc\n", "t.csv line 3: column b_var: 'abc' is not a finite number")]
    [InlineData("filename,length,a_mean,b_var\nx.wav,1,NaN,3\n", "t.csv line 2: column a_mean: 'NaN' is not a finite number")]
    [InlineData("filename,length,a_mean,b_var\nx.wav,1,2\n", "t.csv line 2: 3 fields, the header has 4")]
    [InlineData("filename,length,a_mean,b_var\n,1,2,3\n", "t.csv line 2: empty filename")]
    [InlineData("filename,length,a_mean,b_var,label\nx.wav,1,2,3,\n", "t.csv line 2: empty label")]
    public void Malformed_tables_are_refused_with_the_line_and_column(string text, string expected)
    {
        var error = Assert.Throws<InvalidDataException>(() => Read(text));

        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
    }
}
