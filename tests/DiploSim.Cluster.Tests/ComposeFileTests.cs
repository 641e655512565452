using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DiploSim.Hosting;
using Json.Schema;

namespace DiploSim.Cluster.Tests;

/// <summary>
/// docker-compose.yml against the Compose Specification's JSON Schema (no Docker engine here), its topology, the
/// Dockerfile and the proxy. Docker's own parser (<c>docker compose config</c>) is run by test.sh where a compose plugin
/// exists, and test.sh says when it was not.
/// </summary>
public sealed partial class ComposeFileTests
{
    private static readonly string[] Nodes = ["node1", "node2", "node3"];

    // The schema (draft 2019-09) names its draft as http://…/schema#, an id JsonSchema.Net does not register, and keeps
    // draft-4 "id" annotations: it is read as 2019-09 explicitly, whose dialect passes unknown keywords over.
    private static readonly Lazy<JsonSchema> Schema = new(() => JsonSchema.FromText(
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Schemas", "compose-spec.json"))
            .Replace("\"$schema\": \"http://json-schema.org/draft/2019-09/schema#\",", "", StringComparison.Ordinal),
        new BuildOptions { Dialect = Dialect.Draft201909 }));

    private static JsonNode Compose() => DeploymentFiles.ComposeAsJson(File.ReadAllText(DeploymentFiles.PathOf("docker-compose.yml")));

    private static JsonObject Service(string name) => Compose()["services"]![name]!.AsObject();

    private static EvaluationResults Validate(JsonNode compose) =>
        Schema.Value.Evaluate(System.Text.Json.JsonSerializer.SerializeToElement(compose), new EvaluationOptions { OutputFormat = OutputFormat.List });

    [Fact]
    public void The_compose_file_satisfies_the_compose_specification_schema()
    {
        var result = Validate(Compose());

        Assert.True(result.IsValid, string.Join(Environment.NewLine, Errors(result)));
    }

    [Theory]
    [InlineData("healthchek")]
    [InlineData("port")]
    public void The_schema_check_catches_a_misspelt_service_key(string misspelt)
    {
        var compose = Compose();
        compose["services"]!["node1"]![misspelt] = "x";

        Assert.False(Validate(compose).IsValid);
    }

    [Fact]
    public void Redis_three_nodes_and_a_proxy_with_a_persistent_redis_volume_and_health_checks()
    {
        var compose = Compose();
        Assert.Equal(["node1", "node2", "node3", "proxy", "redis"], compose["services"]!.AsObject().Select(s => s.Key).Order(StringComparer.Ordinal));

        var redis = Service("redis");
        var volume = redis["volumes"]!.AsArray().Single()!.GetValue<string>().Split(':');
        Assert.Equal("/data", volume[1]);
        Assert.True(compose["volumes"]!.AsObject().ContainsKey(volume[0]), "the Redis volume is a named volume");
        Assert.Contains("--appendonly yes", string.Join(' ', redis["command"]!.AsArray().Select(a => a!.GetValue<string>())), StringComparison.Ordinal);
        Assert.NotNull(redis["healthcheck"]);

        foreach (var name in Nodes)
        {
            var node = Service(name);
            Assert.Contains("/health/ready", node["healthcheck"]!["test"]!.ToJsonString(), StringComparison.Ordinal);
            Assert.Equal("service_healthy", node["depends_on"]!["redis"]!["condition"]!.GetValue<string>());
            Assert.Equal("Dockerfile", node["build"]!["dockerfile"]!.GetValue<string>());
        }

        var proxy = Service("proxy");
        Assert.All(Nodes, n => Assert.Equal("service_healthy", proxy["depends_on"]![n]!["condition"]!.GetValue<string>()));
        Assert.All(proxy["ports"]!.AsArray(), p => Assert.StartsWith("127.0.0.1:", p!.GetValue<string>(), StringComparison.Ordinal));
    }

    [Fact]
    public void Every_node_is_in_redis_mode_advertises_its_own_name_and_sets_only_options_that_exist()
    {
        var known = typeof(ClusterNodeOptions).GetProperties().Where(p => p.CanWrite).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var gateways = new HashSet<string>();
        foreach (var name in Nodes)
        {
            var environment = Service(name)["environment"]!.AsObject();
            var cluster = environment.Where(e => e.Key.StartsWith("DiploSim__Cluster__", StringComparison.Ordinal))
                .ToDictionary(e => e.Key["DiploSim__Cluster__".Length..], e => e.Value!.ToString(), StringComparer.Ordinal);

            Assert.All(cluster.Keys, k => Assert.Contains(k, known));
            Assert.Equal("Redis", cluster["Mode"]);
            Assert.Equal("redis:6379", cluster["RedisConnectionString"]);
            Assert.Equal(name, cluster["AdvertisedAddress"]);
            Assert.Equal(name, Service(name)["hostname"]!.GetValue<string>());
            gateways.Add(cluster["ClusterId"] + "/" + cluster["ServiceId"]);
        }

        Assert.Single(gateways);
    }

    [Fact]
    public void The_image_is_built_in_stages_and_runs_as_a_user_other_than_root()
    {
        var dockerfile = File.ReadAllLines(DeploymentFiles.PathOf("Dockerfile"));
        var stages = dockerfile.Where(l => l.StartsWith("FROM ", StringComparison.Ordinal)).ToList();
        var user = dockerfile.Last(l => l.StartsWith("USER ", StringComparison.Ordinal))["USER ".Length..].Trim();

        Assert.True(stages.Count >= 2, "multi-stage");
        Assert.Contains("aspnet", stages[^1], StringComparison.Ordinal);
        Assert.NotEqual("root", user);
        Assert.NotEqual("0", user);
        Assert.Contains(dockerfile, l => l.StartsWith("COPY --from=build", StringComparison.Ordinal));
        Assert.Contains(dockerfile, l => l.Contains("/health/ready", StringComparison.Ordinal));
    }

    [Fact]
    public void The_proxy_balances_over_every_node_and_checks_their_readiness()
    {
        var caddyfile = File.ReadAllText(DeploymentFiles.PathOf("deploy/Caddyfile"));
        var mounted = Service("proxy")["volumes"]!.AsArray().Select(v => v!.GetValue<string>()).ToList();

        Assert.Contains("./deploy/Caddyfile:/etc/caddy/Caddyfile:ro", mounted);
        Assert.Equal(Nodes.Select(n => n + ":8080"), UpstreamPattern().Match(caddyfile).Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Matches(@"health_uri\s+/health/ready", caddyfile);
        Assert.Matches(@"lb_policy\s+cookie", caddyfile);
    }

    private static IEnumerable<string> Errors(EvaluationResults result) =>
        (result.Details ?? []).Where(d => d.Errors is not null)
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"));

    [GeneratedRegex(@"reverse_proxy\s+([^{\n]+)\{")]
    private static partial Regex UpstreamPattern();
}
