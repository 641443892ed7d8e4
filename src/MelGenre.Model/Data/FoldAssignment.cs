namespace MelGenre.Model.Data;

/// <summary>Which of <see cref="FoldCount"/> folds each item belongs to (items numbered as given to
/// <see cref="GroupedFolds.Create{T}"/>).</summary>
public sealed class FoldAssignment
{
    private readonly int[] _foldOf;

    internal FoldAssignment(int foldCount, int[] foldOf)
    {
        FoldCount = foldCount;
        _foldOf = foldOf;
    }

    /// <summary>Number of folds <c>k</c>.</summary>
    public int FoldCount { get; }

    /// <summary>The fold of each item, 0 … k−1.</summary>
    public IReadOnlyList<int> FoldOf => _foldOf;

    /// <summary>Indices of the items in <paramref name="fold"/> (its validation part), ascending.</summary>
    public IReadOnlyList<int> Validation(int fold) => Where(f => f == CheckFold(fold));

    /// <summary>Indices of the items outside <paramref name="fold"/> (its training part), ascending.</summary>
    public IReadOnlyList<int> Training(int fold) => Where(f => f != CheckFold(fold));

    /// <summary>Number of items in each fold.</summary>
    public IReadOnlyList<int> Sizes()
    {
        var sizes = new int[FoldCount];
        foreach (var f in _foldOf)
            sizes[f]++;
        return sizes;
    }

    private int CheckFold(int fold)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fold);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(fold, FoldCount);
        return fold;
    }

    private int[] Where(Func<int, bool> keep)
    {
        var indices = new List<int>();
        for (var i = 0; i < _foldOf.Length; i++)
        {
            if (keep(_foldOf[i]))
                indices.Add(i);
        }
        return [.. indices];
    }
}
