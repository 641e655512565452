using System.Security.Cryptography;
using System.Text;

namespace DiploSim.Server;

/// <summary>
/// Guards what operators see: the Orleans dashboard (<c>/dashboard</c>) and the Prometheus metrics (<c>/metrics</c>).
/// Both answer 404 while <c>DiploSim:OperatorKey</c> is unset (metrics can be opened to scrapers without a key with
/// <c>DiploSim:Metrics:Open</c>), and 401 to a request without the key. The key is presented in the
/// <c>X-Operator-Key</c> header, as a bearer token, or once as <c>?key=</c> in a browser, which then keeps it in a
/// cookie for the dashboard's own requests.
/// </summary>
public sealed class OperatorGate(RequestDelegate next, IConfiguration configuration)
{
    public const string Header = "X-Operator-Key";

    public const string Cookie = "diplosim-operator";

    /// <summary>The operator key, or null when none is set (the dashboard is then off).</summary>
    public static string? Key(IConfiguration configuration) =>
        configuration[ServerOptions.Section + ":OperatorKey"] is { Length: > 0 } key ? key : null;

    /// <summary>Whether <c>/metrics</c> is served without the operator key (for a scraper on a private network).</summary>
    public static bool MetricsOpen(IConfiguration configuration) =>
        string.Equals(configuration[ServerOptions.Section + ":Metrics:Open"], "true", StringComparison.OrdinalIgnoreCase);

    public static bool MetricsServed(IConfiguration configuration) => Key(configuration) is not null || MetricsOpen(configuration);

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var path = context.Request.Path;
        var dashboard = path.StartsWithSegments(NodeHosting.DashboardPath, StringComparison.OrdinalIgnoreCase);
        var metrics = path.StartsWithSegments(NodeHosting.MetricsPath, StringComparison.OrdinalIgnoreCase);
        if ((!dashboard && !metrics) || (metrics && MetricsOpen(configuration)))
        {
            await next(context);
            return;
        }

        if (Key(configuration) is not { } key)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var fromQuery = context.Request.Query["key"].ToString();
        var presented = Presented(context.Request) ?? (fromQuery.Length > 0 ? fromQuery : null);
        if (presented is null || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(key)))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await context.Response.WriteAsync($"the operator key is needed: the {Header} header, a bearer token, or ?key= once in a browser");
            return;
        }

        if (dashboard && fromQuery.Length > 0)
        {
            context.Response.Cookies.Append(Cookie, key, new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Strict,
                Path = NodeHosting.DashboardPath,
                Secure = context.Request.IsHttps,
            });
        }

        await next(context);
    }

    private static string? Presented(HttpRequest request)
    {
        if (request.Headers[Header].ToString() is { Length: > 0 } header)
        {
            return header;
        }

        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            return authorization["Bearer ".Length..];
        }

        return request.Cookies.TryGetValue(Cookie, out var cookie) && cookie.Length > 0 ? cookie : null;
    }
}
