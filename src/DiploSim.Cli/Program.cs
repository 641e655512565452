using DiploSim.Cli;

return DiploSimCommand.Invoke(args, Console.Out, Console.Error);
