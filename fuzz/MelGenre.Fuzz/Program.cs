using MelGenre.Fuzz;
using SharpFuzz;

// MelGenre.Fuzz TARGET           under afl-fuzz: the fork server (input on stdin); alone: decodes stdin once.
// MelGenre.Fuzz TARGET FILE...   replays files (crashes, hangs, seeds) and prints each outcome or finding.
if (args.Length == 0 || FuzzTarget.Find(args[0]) is not { } target)
{
    Console.Error.WriteLine($"usage: MelGenre.Fuzz {{{string.Join('|', FuzzTarget.All.Select(t => t.Name))}}} [FILE...]");
    return 2;
}

if (args.Length == 1)
{
    // Out of process: a hang or an uncatchable failure (stack overflow) kills only the child that runs the input,
    // which afl-fuzz then reports; the in-process Fuzzer.Run would lose its fork server with it.
    Fuzzer.OutOfProcess.Run(stdin =>
    {
        using var copy = new MemoryStream();
        stdin.CopyTo(copy);
        target.Run(copy.ToArray());
    });
    return 0;
}

var findings = 0;
foreach (var path in args[1..])
{
    try
    {
        var outcome = target.Run(File.ReadAllBytes(path), out var refusal);
        Console.WriteLine($"{path}: {outcome}{(refusal is null ? "" : $" ({refusal})")}");
    }
    catch (Exception e)
    {
        findings++;
        Console.WriteLine($"{path}: FINDING {e}");
    }
}
return findings == 0 ? 0 : 1;
