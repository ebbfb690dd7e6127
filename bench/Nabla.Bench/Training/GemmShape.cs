namespace Nabla.Bench.Training;

/// <summary>
/// The matrix products of a linear layer for a batch, y = x·W with x (Batch, In) and W (In, Out): the profile times
/// the forward product and the backward pair gx = gy·Wᵀ, gW = xᵀ·gy alone, to separate GEMM from the rest of the layer.
/// </summary>
internal sealed record GemmShape(string Name, int Batch, int In, int Out);
