namespace Nabla.Bench.Training;

/// <summary>One step of a TorchSharp model's forward computation, named as its Nabla counterpart.</summary>
internal sealed record TorchStage(string Name, Func<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor> Forward);
