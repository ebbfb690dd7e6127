using Nabla.Autodiff;
using Nabla.NN;

namespace Nabla.GpuBench.Models;

/// <summary>
/// A ResNet basic block: conv 3x3 (stride s) → BN → ReLU → conv 3x3 → BN, plus the input (or, when the stride or width
/// changes, a 1x1 strided projection with BN), then ReLU. Convolutions carry no bias (BN's beta is the bias), as in
/// torchvision's; torch_workloads.py builds the same block.
/// </summary>
internal sealed class BasicBlock : Layer
{
    private readonly Conv2d conv1, conv2;
    private readonly BatchNorm bn1 = new(), bn2 = new();
    private readonly Conv2d? projection;
    private readonly BatchNorm? projectionBn;

    public BasicBlock(int inChannels, int outChannels, int stride)
    {
        conv1 = new Conv2d(outChannels, 3, stride, pad: 1, noBias: true, inChannels: inChannels);
        conv2 = new Conv2d(outChannels, 3, 1, pad: 1, noBias: true, inChannels: outChannels);
        if (stride != 1 || inChannels != outChannels)
        {
            projection = new Conv2d(outChannels, 1, stride, noBias: true, inChannels: inChannels);
            projectionBn = new BatchNorm();
        }
    }

    /// <summary>The convolutions in the order torch_workloads.py seeds them: conv1, conv2, then the projection.</summary>
    public IEnumerable<Conv2d> Convolutions() => projection is null ? [conv1, conv2] : [conv1, conv2, projection];

    public override Variable Forward(Variable x)
    {
        var h = F.ReLU(bn1.Forward(conv1.Forward(x)));
        h = bn2.Forward(conv2.Forward(h));
        var shortcut = projection is null ? x : projectionBn!.Forward(projection.Forward(x));
        return F.ReLU(h + shortcut);
    }
}
