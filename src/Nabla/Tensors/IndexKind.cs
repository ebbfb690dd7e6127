namespace Nabla.Tensors;

/// <summary>What one entry of an index expression does.</summary>
public enum IndexKind
{
    /// <summary>Selects one position and drops the axis.</summary>
    Integer,
    /// <summary>Selects a range with a step; keeps the axis.</summary>
    Slice,
    /// <summary>Selects the positions in an integer tensor (fancy indexing), or where a Bool mask is true.</summary>
    Array,
    /// <summary>Inserts an axis of length 1.</summary>
    NewAxis,
    /// <summary>Stands for as many full slices as needed.</summary>
    Ellipsis,
}
