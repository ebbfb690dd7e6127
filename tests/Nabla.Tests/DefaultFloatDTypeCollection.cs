namespace Nabla.Tests;

/// <summary>
/// Tests that change the process-wide <c>Tensor.DefaultFloatDType</c> join this collection, which runs alone so that
/// no other test creates tensors while the default is changed.
/// </summary>
[CollectionDefinition("DefaultFloatDType", DisableParallelization = true)]
public class DefaultFloatDTypeCollection
{
}
