namespace MelGenre.Cli.Classification;

/// <summary>How <c>classify</c> writes its results.</summary>
internal enum ResultFormat
{
    /// <summary>For people: each file's top genres as percentages (and its timeline when asked for).</summary>
    Table,

    /// <summary>One JSON array of <c>PredictionJson</c> objects, written when the run ends.</summary>
    Json,

    /// <summary>JSON Lines: the same objects, one per line, written as each file is done (resumable).</summary>
    Jsonl,

    /// <summary>One row per file (and per segment with <c>--segments</c>), a column per genre.</summary>
    Csv,
}
