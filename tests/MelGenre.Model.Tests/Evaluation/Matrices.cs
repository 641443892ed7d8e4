using MelGenre.Model.Evaluation;

namespace MelGenre.Model.Tests.Evaluation;

/// <summary>Hand-made confusion matrices whose scores the tests derive by hand.</summary>
internal static class Matrices
{
    public const double Tolerance = 1e-12;

    /// <summary>
    /// 3 classes, 20 examples (rows true, columns predicted):
    /// <code>
    ///          blues jazz rock   support
    /// blues        5    1    0      6
    /// jazz         2    3    1      6
    /// rock         0    2    6      8
    /// predicted    7    6    7     20
    /// </code>
    /// accuracy = (5 + 3 + 6) / 20 = 0.7;
    /// precision: blues 5/7, jazz 3/6 = 1/2, rock 6/7; recall: blues 5/6, jazz 3/6 = 1/2, rock 6/8 = 3/4;
    /// F1 = 2·tp / (support + predicted): blues 10/13, jazz 6/12 = 1/2, rock 12/15 = 4/5;
    /// balanced accuracy = (5/6 + 1/2 + 3/4) / 3 = 25/36; macro F1 = (10/13 + 1/2 + 4/5) / 3.
    /// </summary>
    public static ConfusionMatrix ThreeGenres() => new(["blues", "jazz", "rock"], [5, 1, 0, 2, 3, 1, 0, 2, 6]);

    /// <summary>
    /// 4 classes, 10 examples; "country" is predicted twice but never true, "disco" is true twice but never predicted:
    /// <code>
    ///           blues classical country disco   support
    /// blues         3         0       1     0      4
    /// classical     1         2       1     0      4
    /// country       0         0       0     0      0
    /// disco         2         0       0     0      2
    /// predicted     6         2       2     0     10
    /// </code>
    /// accuracy = 5/10; blues P 3/6, R 3/4, F1 6/10; classical P 2/2, R 2/4, F1 4/6;
    /// country P 0/2 = 0, R 0/0 → 0, F1 0/2 = 0; disco P 0/0 → 0, R 0/2 = 0, F1 0/2 = 0 (zero_division = 0);
    /// balanced accuracy over the classes with support (blues, classical, disco) = (3/4 + 1/2 + 0) / 3 = 5/12
    /// (scikit-learn drops country's 0/0 recall); macro F1 over the same = (3/5 + 2/3 + 0) / 3 = 19/45.
    /// </summary>
    public static ConfusionMatrix OnlyPredictedAndNeverPredicted() =>
        new(["blues", "classical", "country", "disco"], [3, 0, 1, 0, 1, 2, 1, 0, 0, 0, 0, 0, 2, 0, 0, 0]);

    /// <summary>Two classes "a", "b" from row-major counts.</summary>
    public static ConfusionMatrix Binary(int aa, int ab, int ba, int bb) => new(["a", "b"], [aa, ab, ba, bb]);
}
