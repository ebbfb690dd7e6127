using Nabla.Cli;

return CommandLine.Run(args);
