using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace DiploSim.Agents;

/// <summary>
/// How the protocol's documents are written and read: camelCase names, enums by name, nulls left out, numbers as
/// numbers. Reading is strict: a property the document does not declare, a null where a value is required, or a
/// number in quotes is refused, so a misspelt field is reported instead of silently ignored.
/// </summary>
public static class AgentJson
{
    public static JsonSerializerOptions Options { get; } = Create(strict: true);

    /// <summary>
    /// For reading back the documents DiploSim writes (observations, recordings), where a property that is null is
    /// left out: a constructor parameter that may be null is then not required.
    /// </summary>
    public static JsonSerializerOptions Documents { get; } = Create(strict: false);

    /// <summary>Reads a document DiploSim wrote.</summary>
    public static T Read<T>(string json) => JsonSerializer.Deserialize<T>(json, Documents) ?? throw new JsonException($"null is not a {typeof(T).Name}");

    public static string Write<T>(T document) => JsonSerializer.Serialize(document, Options);

    private static JsonSerializerOptions Create(bool strict)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = strict,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            NumberHandling = JsonNumberHandling.Strict,
            PropertyNameCaseInsensitive = false,
            MaxDepth = 32,
            // Messages are people's text: keep non-ASCII letters readable on the wire and in recordings.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
