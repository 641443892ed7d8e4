namespace MelGenre.Model.Evaluation;

/// <summary>
/// One class's scores, as scikit-learn's <c>precision_recall_fscore_support(y_true, y_pred, labels=labels,
/// zero_division=0)</c> gives them. With <c>tp</c> = correct predictions of the class, <c>fp</c> = other classes'
/// examples predicted as it, <c>fn</c> = its examples predicted as something else:
/// </summary>
/// <param name="Label">Class name.</param>
/// <param name="Precision"><c>tp / (tp + fp)</c>; 0 when the class was never predicted.</param>
/// <param name="Recall"><c>tp / (tp + fn)</c>; 0 when the class has no true examples.</param>
/// <param name="F1">Harmonic mean of precision and recall, computed as <c>2·tp / (2·tp + fp + fn)</c> (as scikit-learn
/// ≥ 1.3 does); 0 when <c>tp + fp + fn = 0</c>.</param>
/// <param name="Support">Number of true examples of the class, <c>tp + fn</c>.</param>
public sealed record ClassMetrics(string Label, double Precision, double Recall, double F1, int Support);
