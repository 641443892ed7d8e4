using System.Globalization;
using MelGenre.Features.Descriptors;

namespace MelGenre.Model.Tabular;

/// <summary>
/// Rows in the format of the Kaggle GTZAN feature table (<c>features_30_sec.csv</c>) and of <c>melgenre features</c>:
/// a header naming <c>filename</c>, <c>length</c>, the feature columns and optionally <c>label</c>, then one row per
/// clip. Columns are found by name, so their order and any extra columns do not matter.
/// </summary>
public sealed class FeatureTable
{
    private const string FileColumn = "filename";
    private const string LengthColumn = "length";
    private const string LabelColumn = "label";

    private FeatureTable(IReadOnlyList<string> columns, IReadOnlyList<FeatureRow> rows, bool hasLabels)
    {
        Columns = columns;
        Rows = rows;
        HasLabels = hasLabels;
    }

    /// <summary>The feature columns each row's values follow.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>The rows, in file order.</summary>
    public IReadOnlyList<FeatureRow> Rows { get; }

    /// <summary>Whether the table had a <c>label</c> column (then every row has a label).</summary>
    public bool HasLabels { get; }

    /// <summary>Reads the table at <paramref name="path"/> with <see cref="MusicFeatureSummary.ColumnNames"/> as features.</summary>
    /// <exception cref="InvalidDataException">A missing column, a row of the wrong width or a value that is not a number (the message names the line).</exception>
    public static FeatureTable Load(string path) => Load(path, MusicFeatureSummary.ColumnNames);

    /// <summary>Reads the table at <paramref name="path"/>, taking <paramref name="columns"/> as the features.</summary>
    /// <exception cref="InvalidDataException">A missing column, a row of the wrong width or a value that is not a number (the message names the line).</exception>
    public static FeatureTable Load(string path, IReadOnlyList<string> columns)
    {
        using var reader = File.OpenText(path);
        return Read(reader, path, columns);
    }

    /// <summary>Reads a table from <paramref name="reader"/>; <paramref name="source"/> names it in error messages.</summary>
    /// <param name="reader">The CSV text: comma-separated, no quoted fields (the table's file names have no commas).</param>
    /// <param name="source">The file name errors mention.</param>
    /// <param name="columns">The feature columns to read, in the order the rows' values will have.</param>
    /// <exception cref="InvalidDataException">An empty input, a missing column, a row of the wrong width, an empty file
    /// name or a value that is not a finite number (the message names the line and column).</exception>
    public static FeatureTable Read(TextReader reader, string source, IReadOnlyList<string> columns)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(columns);
        var header = reader.ReadLine() ?? throw new InvalidDataException($"{source}: empty; expected a header line with {FileColumn},{LengthColumn},<features>.");
        var names = header.Split(',').Select(n => n.Trim()).ToArray();
        var position = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < names.Length; i++)
            position.TryAdd(names[i], i);
        var missing = columns.Prepend(LengthColumn).Prepend(FileColumn).Where(c => !position.ContainsKey(c)).ToList();
        if (missing.Count > 0)
            throw new InvalidDataException($"{source} line 1: missing column(s) {string.Join(", ", missing)}.");
        var featureAt = columns.Select(c => position[c]).ToArray();
        var labelAt = position.TryGetValue(LabelColumn, out var l) ? l : -1;

        var rows = new List<FeatureRow>();
        var number = 1;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
                continue;
            var fields = line.Split(',');
            if (fields.Length != names.Length)
                throw new InvalidDataException($"{source} line {number}: {fields.Length} fields, the header has {names.Length}.");
            var file = fields[position[FileColumn]].Trim();
            if (file.Length == 0)
                throw new InvalidDataException($"{source} line {number}: empty {FileColumn}.");
            var values = new double[featureAt.Length];
            for (var c = 0; c < featureAt.Length; c++)
                values[c] = Number(fields[featureAt[c]], columns[c]);
            var length = Number(fields[position[LengthColumn]], LengthColumn);
            string? label = null;
            if (labelAt >= 0 && (label = fields[labelAt].Trim()).Length == 0)
                throw new InvalidDataException($"{source} line {number}: empty {LabelColumn}.");
            rows.Add(new FeatureRow(file, (long)length, values, label));
        }
        return new FeatureTable([.. columns], rows, labelAt >= 0);

        double Number(string field, string column) =>
            double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
                ? value
                : throw new InvalidDataException($"{source} line {number}: column {column}: '{field}' is not a finite number.");
    }
}
