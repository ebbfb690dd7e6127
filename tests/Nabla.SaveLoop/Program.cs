using System.Globalization;
using Nabla.IO;
using Nabla.Tensors;

// Usage: Nabla.SaveLoop <path (.safetensors or .npz)> <first version> <elements>
// Saves version k, k+1, ... of a checkpoint to the path and prints each version's number once it is saved,
// so that whoever kills this process knows which versions the file on disk may hold.
string path = args[0];
long version = long.Parse(args[1], CultureInfo.InvariantCulture);
int elements = int.Parse(args[2], CultureInfo.InvariantCulture);
while (true)
{
    var tensors = new Dictionary<string, Tensor> { ["w"] = Checkpoint.Weights(version, elements), ["b"] = Tensor.FromArray(new[] { version }) };
    if (path.EndsWith(".npz", StringComparison.Ordinal)) Npz.Save(path, tensors);
    else SafeTensors.Save(path, tensors);
    Console.Out.WriteLine(version.ToString(CultureInfo.InvariantCulture));
    Console.Out.Flush();
    version++;
}

/// <summary>The weights of one version: element i of version k is k * elements + i, exact in float64 and unique to k.</summary>
internal static class Checkpoint
{
    public static Tensor Weights(long version, int elements)
    {
        var values = new double[elements];
        for (int i = 0; i < elements; i++) values[i] = (double)(version * elements + i);
        return Tensor.FromArray(values);
    }
}
