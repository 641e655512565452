using System.Text.Json;
using System.Text.Json.Serialization;

namespace DiploSim.Server.Hub;

/// <summary>
/// How the hub's JSON protocol and the HTTP API write records: property names as declared and enums by name, which is
/// what the MessagePack protocol writes too, so a page reads the same shape from either.
/// </summary>
public static class WireJson
{
    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.PropertyNamingPolicy = null;
        options.Converters.Add(new JsonStringEnumConverter());
        return options;
    }
}
