using Nabla.Autodiff;
using Nabla.NN;

namespace Nabla.GpuBench.Models;

/// <summary>
/// Workload R's network: conv 3→64 3x3 → BN → ReLU, basic blocks 64→64, 64→64, 64→128 (stride 2), 128→128, global
/// average pooling (AveragePooling over the whole map), Linear 128→10. About 0.67 M parameters; on 3x32x32 images the
/// last blocks run at 16x16.
/// </summary>
internal sealed class SmallResNet : Model
{
    private readonly Conv2d stem = new(64, 3, 1, pad: 1, noBias: true, inChannels: 3);
    private readonly BatchNorm stemBn = new();
    private readonly BasicBlock[] blocks = [new(64, 64, 1), new(64, 64, 1), new(64, 128, 2), new(128, 128, 1)];
    private readonly Linear fc = new(10, inSize: 128);

    /// <summary>Every convolution, in the order both runners seed their weights.</summary>
    public IEnumerable<Conv2d> Convolutions() => blocks.SelectMany(b => b.Convolutions()).Prepend(stem);

    public Linear Fc => fc;

    public override Variable Forward(Variable x)
    {
        var h = F.ReLU(stemBn.Forward(stem.Forward(x)));
        foreach (var block in blocks) h = block.Forward(h);
        h = F.AveragePooling(h, (h.Shape[2], h.Shape[3]));
        return fc.Forward(F.Flatten(h));
    }
}
