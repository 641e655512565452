using DiploSim.Cli;

return await DiploSimCommand.InvokeAsync(args, Console.Out, Console.Error, BatchEnvironment.Default with { Interactive = !Console.IsOutputRedirected });
