using TorchSharp;

namespace Nabla.Bench.Training;

/// <summary>What each <see cref="TorchMemory"/> mode does around a training step.</summary>
internal static class TorchMemoryPolicy
{
    /// <summary>Steps between forced collections in <see cref="TorchMemory.Collect"/> mode.</summary>
    public const int CollectEvery = 10;

    /// <summary>The scope a step runs in (Scope mode), or null.</summary>
    public static IDisposable? StepScope(TorchMemory mode) => mode == TorchMemory.Scope ? torch.NewDisposeScope() : null;

    /// <summary>After step <paramref name="step"/> (0-based): a forced collection every <see cref="CollectEvery"/> steps in Collect mode.</summary>
    public static void AfterStep(TorchMemory mode, int step)
    {
        if (mode == TorchMemory.Collect && (step + 1) % CollectEvery == 0) GC.Collect();
    }

    /// <summary>The mode in words, for the report.</summary>
    public static string Describe(TorchMemory mode) => mode switch
    {
        TorchMemory.Scope => "NewDisposeScope per step",
        TorchMemory.Collect => $"no scope, GC.Collect() every {CollectEvery} steps",
        _ => "no scope, no forced GC (finalizers only)",
    };
}
