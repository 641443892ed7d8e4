using System.Text.Json;
using System.Text.Json.Serialization;
using MelGenre.Features;

namespace MelGenre.Model.Checkpoints;

/// <summary>manifest.json's serialisation: generated at compile time, camelCase, indented, enums as names, and
/// strict: a property this version does not know is an error, so a manifest asking for something we cannot
/// honour (a new feature parameter, say) is refused instead of silently ignored.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    UseStringEnumConverter = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    RespectRequiredConstructorParameters = true,
    Converters = [typeof(DecibelReferenceJsonConverter)])]
[JsonSerializable(typeof(ModelManifest))]
internal sealed partial class ManifestJson : JsonSerializerContext;

/// <summary>Writes <see cref="DecibelReference"/> as librosa spells it: <c>"max"</c> for <c>ref=np.max</c>, else the number.</summary>
internal sealed class DecibelReferenceJsonConverter : JsonConverter<DecibelReference>
{
    private const string MaximumName = "max";

    public override DecibelReference Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.String when reader.GetString() == MaximumName => DecibelReference.Maximum,
            JsonTokenType.Number when reader.GetDouble() is var value && value > 0 => DecibelReference.Fixed(value),
            _ => throw new JsonException($"A decibel reference is \"{MaximumName}\" or a positive number."),
        };

    public override void Write(Utf8JsonWriter writer, DecibelReference value, JsonSerializerOptions options)
    {
        if (value.IsMaximum)
            writer.WriteStringValue(MaximumName);
        else
            writer.WriteNumberValue(value.Value);
    }
}
