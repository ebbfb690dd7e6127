namespace Nabla.NN;

/// <summary>
/// What <see cref="Layer.LoadStateDict"/> found: the model's keys the state dict lacks and the state dict's keys the
/// model does not have (PyTorch's <c>missing_keys</c> and <c>unexpected_keys</c>), each in order.
/// </summary>
/// <param name="MissingKeys">Keys of the model that the state dict has no tensor for (left unchanged).</param>
/// <param name="UnexpectedKeys">Keys of the state dict that name nothing in the model (ignored).</param>
public sealed record StateDictLoadResult(IReadOnlyList<string> MissingKeys, IReadOnlyList<string> UnexpectedKeys)
{
    /// <summary>Whether every key matched both ways.</summary>
    public bool IsExact => MissingKeys.Count == 0 && UnexpectedKeys.Count == 0;
}
