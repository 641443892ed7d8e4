using System.Text.Json.Serialization;
using MelGenre.Features.Mel;

namespace MelGenre.Model.Data;

/// <summary>Serialises <see cref="LogMelOptions"/> for <see cref="FeatureCache.HashParameters"/>: generated at compile
/// time (so it also works where reflection-based JSON is off, as in trimmed or AOT apps) and covering every property.
/// Enums as names, NaN (the <c>ref=np.max</c> reference's value) as a literal.</summary>
[JsonSourceGenerationOptions(
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(LogMelOptions))]
internal sealed partial class FeatureParameterJson : JsonSerializerContext;
