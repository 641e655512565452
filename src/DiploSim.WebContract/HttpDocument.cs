using DiploSim.Server;
using DiploSim.Server.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.OpenApi;

namespace DiploSim.WebContract;

/// <summary>
/// The HTTP API's OpenAPI document as the server gives it at <see cref="HttpContract.Path"/>: the server's own wiring is
/// built (not started: no silo, no port) and ASP.NET Core's document provider asked for it, so the file is what a running server serves.
/// </summary>
public static class HttpDocument
{
    public const string File = "openapi.json";

    /// <summary>The TypeScript that openapi-typescript writes from <see cref="File"/> (the web client's <c>npm run contract:http</c>).</summary>
    public const string TypeScript = "http.ts";

    public static string Text() => TextAsync().GetAwaiter().GetResult();

    private static async Task<string> TextAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.Configuration["DiploSim:Storage"] = "Memory";
        builder.Logging.ClearProviders();
        builder.AddDiploSim();
        await using var app = builder.Build();
        app.MapDiploSim();
        return await Of(app, HttpContract.DocumentName);
    }

    /// <summary>The OpenAPI document <paramref name="name"/> of an app whose routes are mapped, without starting it.</summary>
    public static async Task<string> Of(WebApplication app, string name)
    {
        ArgumentNullException.ThrowIfNull(app);
        // A started host hands its routes to the routing services as it builds its pipeline; unstarted, this does.
        app.UseRouting();
        app.UseEndpoints(_ => { });
        var document = await app.Services.GetRequiredKeyedService<IOpenApiDocumentProvider>(name).GetOpenApiDocumentAsync();
        return Normalised(await document.SerializeAsJsonAsync(OpenApiSpecVersion.OpenApi3_1)) + "\n";
    }

    private static string Normalised(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);
}
