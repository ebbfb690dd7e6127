namespace Nabla.NN.Optimizers;

/// <summary>A function used as an optimizer hook (<see cref="Optimizer.AddHook(Action{IReadOnlyList{GradientEntry}})"/>).</summary>
internal sealed class FunctionHook(Action<IReadOnlyList<GradientEntry>> apply) : IOptimizerHook
{
    public void Apply(IReadOnlyList<GradientEntry> entries) => apply(entries);
}
