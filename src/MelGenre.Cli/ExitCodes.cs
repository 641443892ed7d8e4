namespace MelGenre.Cli;

/// <summary>What <c>melgenre</c>'s exit status means, for scripts that call it.</summary>
public static class ExitCodes
{
    /// <summary>Every input was processed.</summary>
    public const int Success = 0;

    /// <summary>At least one input failed (each failure was reported on stderr; the others were processed), or the
    /// command as a whole failed for a reason it reported (e.g. training diverged).</summary>
    public const int SomeInputsFailed = 1;

    /// <summary>The command line itself is wrong (unknown option, missing argument, conflicting options).</summary>
    public const int UsageError = 2;

    /// <summary>An unexpected internal error outside any one input (a bug: please report the line printed).</summary>
    public const int InternalError = 3;
}
