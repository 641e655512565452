using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace DiploSim.Cluster.Tests;

/// <summary>Finds the repository's files and reads YAML as JSON with YAML 1.2 core-schema scalars and merge keys resolved.</summary>
public static class DeploymentFiles
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    /// <summary>
    /// The runtime's settings <c>dotnet run</c> gives the server from its Properties/launchSettings.json (the young
    /// generation's least budget, <c>DOTNET_GCgen0size</c>), for a server process started as it ships.
    /// </summary>
    public static IEnumerable<KeyValuePair<string, string>> RuntimeSettings()
    {
        var settings = JsonNode.Parse(File.ReadAllText(PathOf("src/DiploSim.Server/Properties/launchSettings.json")))!;
        return settings["profiles"]!.AsObject()
            .SelectMany(profile => profile.Value?["environmentVariables"]?.AsObject() ?? [])
            .Where(variable => variable.Key.StartsWith("DOTNET_", StringComparison.Ordinal))
            .Select(variable => KeyValuePair.Create(variable.Key, variable.Value!.GetValue<string>()));
    }

    public static JsonNode ComposeAsJson(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new MergingParser(new Parser(new StringReader(yaml))));
        return ToJson(stream.Documents.Single().RootNode) ?? throw new InvalidDataException("empty compose file");
    }

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(c => KeyValuePair.Create(((YamlScalarNode)c.Key).Value!, ToJson(c.Value)))),
        YamlSequenceNode list => new JsonArray([.. list.Children.Select(ToJson)]),
        YamlScalarNode scalar => Scalar(scalar),
        _ => throw new InvalidDataException($"unexpected YAML node {node.NodeType}"),
    };

    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style != ScalarStyle.Plain)
        {
            return JsonValue.Create(text);
        }

        return text switch
        {
            "" or "~" or "null" or "Null" or "NULL" => null,
            "true" or "True" or "TRUE" => JsonValue.Create(true),
            "false" or "False" or "FALSE" => JsonValue.Create(false),
            _ when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i) => JsonValue.Create(i),
            _ when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && text.Any(char.IsDigit) => JsonValue.Create(d),
            _ => JsonValue.Create(text),
        };
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DiploSim.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("DiploSim.sln not found above " + AppContext.BaseDirectory);
    }
}
