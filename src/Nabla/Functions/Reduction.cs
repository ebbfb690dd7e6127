namespace Nabla.Functions;

/// <summary>How a loss turns its per-element (or per-example) values into what it returns.</summary>
public enum Reduction
{
    /// <summary>The sum divided by the number of elements (PyTorch's default; Nabla's default for every loss).</summary>
    Mean,

    /// <summary>The sum over all elements.</summary>
    Sum,

    /// <summary>No reduction: the per-element losses, of the input's shape.</summary>
    None,

    /// <summary>The sum divided by the length of the first axis, the batch size (DeZero's <c>len(x)</c>).</summary>
    BatchMean,
}
