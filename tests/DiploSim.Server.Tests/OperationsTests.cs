using System.Net;

namespace DiploSim.Server.Tests;

/// <summary>The health endpoints and the operator gate of a node with no operator key set (the default).</summary>
[Collection(ServerCollection.Name)]
public sealed class OperationsTests(ServerFixture server)
{
    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task A_started_embedded_node_is_live_and_ready(string path)
    {
        using var response = await server.Http.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/dashboard")]
    [InlineData("/dashboard/")]
    [InlineData("/metrics")]
    public async Task Without_an_operator_key_the_dashboard_and_metrics_are_not_there_even_with_a_guessed_key(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Add("X-Operator-Key", "guess");
        using var response = await server.Http.SendAsync(request);

        // Not the web client's index page, which the fallback route serves for other paths.
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
