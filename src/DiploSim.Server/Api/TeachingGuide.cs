using System.Net;
using System.Reflection;
using Markdig;

namespace DiploSim.Server.Api;

/// <summary>
/// The teachers' guide (docs/teaching.md, built into the server) as a page at <c>/teaching</c>, so the lobby can link
/// to something a teacher opens in a browser rather than name a file in the repository.
/// </summary>
public static class TeachingGuide
{
    /// <summary>Where the guide is served.</summary>
    public const string Path = "/teaching";

    private static readonly Lazy<string> Page = new(Render);

    public static IEndpointRouteBuilder MapTeachingGuide(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, () => Results.Content(Page.Value, "text/html; charset=utf-8")).ExcludeFromDescription();
        return app;
    }

    /// <summary>The guide's Markdown as a page of its own: its first heading is the page's title.</summary>
    internal static string Render()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("DiploSim.Server.teaching.md")
            ?? throw new InvalidOperationException("the server was built without docs/teaching.md");
        using var reader = new StreamReader(stream);
        var markdown = reader.ReadToEnd();
        var title = markdown.Split('\n').FirstOrDefault(l => l.StartsWith("# ", StringComparison.Ordinal))?[2..].Trim() ?? "Teaching with DiploSim";
        var body = Markdown.ToHtml(markdown, new MarkdownPipelineBuilder().UsePipeTables().UseAutoIdentifiers().Build());
        return $$"""
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{{WebUtility.HtmlEncode(title)}}</title>
            <style>
            body { margin: 0 auto; padding: 1rem; max-width: 50rem; font: 17px/1.55 system-ui, sans-serif; color: #1b1f24; }
            h1 { font-size: 1.8rem; } h2 { font-size: 1.4rem; margin-top: 2rem; } h3 { font-size: 1.15rem; }
            code { font-size: .92em; background: #f6f8fa; padding: 0 .2em; border-radius: 4px; overflow-wrap: anywhere; }
            table { border-collapse: collapse; display: block; overflow-x: auto; } td, th { border: 1px solid #d0d7de; padding: .3rem .5rem; text-align: left; vertical-align: top; }
            li { margin: .25rem 0; } a { color: #0969da; }
            </style>
            </head>
            <body>
            <p><a href="/">← DiploSim</a></p>
            <main>
            {{body}}
            </main>
            </body>
            </html>
            """;
    }
}
