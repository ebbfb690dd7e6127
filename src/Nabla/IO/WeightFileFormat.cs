namespace Nabla.IO;

/// <summary>The weight file formats Nabla reads, told apart by their first bytes.</summary>
public enum WeightFileFormat
{
    /// <summary>safetensors: an 8-byte little-endian header length, then a JSON header starting with '{'.</summary>
    SafeTensors,

    /// <summary>NumPy's <c>.npz</c>: a zip archive ("PK") of <c>.npy</c> entries.</summary>
    Npz,

    /// <summary>NumPy's <c>.npy</c>: one array, starting with "\x93NUMPY".</summary>
    Npy,
}
