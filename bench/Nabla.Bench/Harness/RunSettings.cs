namespace Nabla.Bench.Harness;

/// <summary>What the command line asked for, as the workloads see it.</summary>
/// <param name="Quick">A short run: fewer iterations and repetitions (a smoke test, not a measurement).</param>
/// <param name="Repetitions">Overrides every workload's repetition count when set.</param>
internal sealed record RunSettings(bool Quick, int? Repetitions)
{
    /// <summary>The workload's own count unless <c>--reps</c> overrode it.</summary>
    public int Reps(int normal, int quick) => Repetitions ?? (Quick ? quick : normal);
}
