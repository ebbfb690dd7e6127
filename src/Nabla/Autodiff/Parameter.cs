using Nabla.Tensors;

namespace Nabla.Autodiff;

/// <summary>A trainable weight: a Variable that layers collect and optimizers update.</summary>
public class Parameter(Tensor data, string? name = null) : Variable(data, name)
{
}
