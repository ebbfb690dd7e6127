namespace Nabla.Tensors;

/// <summary>The activations whose backward has a fused kernel (<c>Tensor.ActivationGrad</c>).</summary>
internal enum FusedActivation
{
    /// <summary>gy·(x &gt; 0 ? 1 : 0), from the input x.</summary>
    ReLU,

    /// <summary>gy·(1 − y²), from the output y.</summary>
    Tanh,

    /// <summary>gy·(y·(1 − y)), from the output y.</summary>
    Sigmoid,
}
