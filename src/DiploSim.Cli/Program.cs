using DiploSim.Cli;

if (Relaunch.Applies(args))
{
    return await Relaunch.WithBudget(args);
}

return await DiploSimCommand.InvokeAsync(args, Console.Out, Console.Error, BatchEnvironment.Default with { Interactive = !Console.IsOutputRedirected });
