namespace Nabla.Tests.Cli;

/// <summary>
/// Tests that redirect Console.Out and Console.Error (to drive <c>CommandLine.Run</c> in-process) join this
/// collection, which runs alone so that no other test writes into the captured streams.
/// </summary>
[CollectionDefinition("Console", DisableParallelization = true)]
public class ConsoleCollection
{
}
