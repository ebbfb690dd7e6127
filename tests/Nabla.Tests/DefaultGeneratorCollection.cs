namespace Nabla.Tests;

/// <summary>
/// Tests that reseed a process-wide default generator (<c>DropoutFunction.SeedDefault</c>) join this collection, which
/// runs alone so that no other test draws from the generator between the reseeding and the draws checked.
/// </summary>
[CollectionDefinition("DefaultGenerator", DisableParallelization = true)]
public class DefaultGeneratorCollection
{
}
