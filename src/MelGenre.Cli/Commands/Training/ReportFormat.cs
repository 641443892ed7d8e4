namespace MelGenre.Cli.Commands.Training;

/// <summary>How <c>evaluate</c> and <c>cv</c> print their report.</summary>
internal enum ReportFormat
{
    /// <summary>Aligned tables for people.</summary>
    Text,

    /// <summary>One JSON object for programs.</summary>
    Json,
}
