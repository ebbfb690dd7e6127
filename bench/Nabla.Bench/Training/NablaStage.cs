using Nabla.Autodiff;

namespace Nabla.Bench.Training;

/// <summary>One step of a Nabla model's forward computation, named for the profile ("conv1", "relu", ...).</summary>
internal sealed record NablaStage(string Name, Func<Variable, Variable> Forward);
