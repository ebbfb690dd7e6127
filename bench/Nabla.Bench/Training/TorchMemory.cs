namespace Nabla.Bench.Training;

/// <summary>
/// How TorchSharp's native tensors are freed during training. Each managed <c>torch.Tensor</c> owns a native
/// handle; TorchSharp's optimizers and autograd return new handles every step.
/// </summary>
internal enum TorchMemory
{
    /// <summary>A <c>torch.NewDisposeScope()</c> per step frees the step's tensors at once (TorchSharp's recommendation).</summary>
    Scope,

    /// <summary>No scope; <c>GC.Collect()</c> every <see cref="TorchMemoryPolicy.CollectEvery"/> steps lets the finalizers free them.</summary>
    Collect,

    /// <summary>No scope and no forced collection: tensors are freed whenever the GC happens to run their finalizers.</summary>
    Finalizers,
}
