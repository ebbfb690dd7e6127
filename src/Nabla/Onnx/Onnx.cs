using Nabla.IO;
using Nabla.NN;
using Nabla.Tensors;

namespace Nabla.Onnx;

/// <summary>
/// ONNX export and import. <see cref="Export"/> records one forward pass of a model and writes its graph (the
/// parameters as initializers, the batch axis dynamic); <see cref="Load"/> reads a file (Nabla's or, say, one from
/// torch.onnx.export) into an <see cref="OnnxModule"/> that evaluates and trains like any model. The operators
/// covered each way are listed in docs/ONNX.md.
/// </summary>
public static class Onnx
{
    /// <summary>
    /// Writes <paramref name="model"/> as an ONNX file, tracing it on <paramref name="sampleInput"/> (in test mode:
    /// dropout is the identity, batch norm uses its running statistics). The write is atomic.
    /// </summary>
    /// <exception cref="NotSupportedException">The forward pass used a function with no ONNX mapping (it is named).</exception>
    public static void Export(Layer model, Tensor sampleInput, string path, int opset = 17)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(sampleInput);
        ArgumentNullException.ThrowIfNull(path);
        var bytes = ToBytes(model, sampleInput, opset);
        AtomicFile.Write(path, stream => stream.Write(bytes));
    }

    /// <summary>The bytes <see cref="Export"/> would write.</summary>
    public static byte[] ToBytes(Layer model, Tensor sampleInput, int opset = 17) =>
        OnnxWriter.Write(OnnxExporter.Build(model, sampleInput, opset));

    /// <summary>Reads an ONNX file into a model whose float initializers are its parameters.</summary>
    /// <exception cref="InvalidDataException">The file is not valid ONNX, or is inconsistent (the problem is named).</exception>
    /// <exception cref="NotSupportedException">The graph uses operators Nabla does not import (all are named).</exception>
    public static OnnxModule Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return FromBytes(File.ReadAllBytes(path), path);
    }

    /// <summary>Builds a model from ONNX bytes; <paramref name="source"/> names them in messages.</summary>
    public static OnnxModule FromBytes(byte[] bytes, string source = "ONNX bytes")
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var model = OnnxReader.Read(bytes, source);
        if (model.Graph is null) throw new InvalidDataException($"Onnx.Load: '{source}' has no graph");
        var opset = model.Opsets.Where(o => o.Domain is "" or "ai.onnx").Select(o => o.Version).DefaultIfEmpty(0).Max();
        if (opset < 7) throw new InvalidDataException($"Onnx.Load: '{source}' imports ONNX opset {opset}; Nabla reads opsets 7 and later");
        return new OnnxModule(model.Graph, source, (int)opset);
    }
}
