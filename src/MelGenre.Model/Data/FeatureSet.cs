using MelGenre.Audio;
using MelGenre.Features.Mel;

namespace MelGenre.Model.Data;

/// <summary>A clip and its log-mel spectrogram.</summary>
public sealed record ClipFeatures(LabeledClip Clip, MelSpectrogram Mel);

/// <summary>A clip that could not be decoded, and why.</summary>
public sealed record ClipFailure(LabeledClip Clip, AudioDecodeException Error);

/// <summary>What <see cref="FeatureCache.Load"/> produced.</summary>
/// <param name="Features">The clips that decoded, in input order.</param>
/// <param name="Failures">The clips that did not, in input order.</param>
/// <param name="ComputedCount">Clips not found in the cache (decoded and extracted this time), failures excluded.</param>
public sealed record FeatureSet(IReadOnlyList<ClipFeatures> Features, IReadOnlyList<ClipFailure> Failures, int ComputedCount);

/// <summary>Progress of <see cref="FeatureCache.Load"/>, reported after each clip.</summary>
/// <param name="Done">Clips finished (cached, computed or failed).</param>
/// <param name="Total">Clips in the call.</param>
/// <param name="Computed">Clips computed so far (cache misses).</param>
/// <param name="Failed">Clips failed so far.</param>
/// <param name="Clip">The clip just finished.</param>
public readonly record struct FeatureProgress(int Done, int Total, int Computed, int Failed, LabeledClip Clip);
