namespace Nabla.Tensors.Kernels;

/// <summary>The reductions that fold values into an accumulator.</summary>
internal enum ReduceOp
{
    Sum,
    Max,
    Min,
}
