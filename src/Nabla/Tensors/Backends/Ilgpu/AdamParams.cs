namespace Nabla.Tensors.Backends.Ilgpu;

/// <summary>Adam's scalars as one kernel parameter.</summary>
internal struct AdamParams<T> where T : unmanaged
{
    public T Beta1, Beta2, StepSize, DenomScale, Eps;
}
