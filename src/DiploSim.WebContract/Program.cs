using DiploSim.WebContract;

// dotnet run --project src/DiploSim.WebContract [DIR]      writes the web client's contract into DIR
// dotnet DiploSim.WebContract.dll --check DIR             fails (exit 1) when DIR does not hold what it would write
var check = args is ["--check", ..];
var dir = Path.GetFullPath(args.SkipWhile(a => a == "--check").FirstOrDefault()
    ?? Path.Combine(AppContext.BaseDirectory, "../../../../DiploSim.Web/src/generated"));
var stale = ContractFiles.Stale(dir);
if (!check)
{
    ContractFiles.Write(dir);
    Console.WriteLine(stale.Count == 0 ? $"{dir} is up to date" : $"wrote {string.Join(", ", stale)} in {dir}");
    // The HTTP API's TypeScript comes from the OpenAPI document through the web client's openapi-typescript.
    using var npm = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("npm", "run --silent contract:http")
    {
        WorkingDirectory = Path.GetFullPath(Path.Combine(dir, "../..")),
    })!;
    await npm.WaitForExitAsync();
    return npm.ExitCode;
}

if (stale.Count == 0)
{
    return 0;
}

Console.Error.WriteLine($"error: the web client's generated contract is stale ({string.Join(", ", stale)} in {dir}): run `dotnet run --project src/DiploSim.WebContract` and commit the result.");
return 1;
