using Nabla.Bench.Training;
using Nabla.Bench.Workloads;

namespace Nabla.Bench.Harness;

/// <summary>Every workload the harness knows, in report order.</summary>
internal static class Registry
{
    public static IReadOnlyList<IWorkload> All { get; } =
    [
        new MlpMnist(),
        new MlpMnist(TorchMemory.Collect),
        new CnnMnist(),
        new ScalarGraph(),
        new HigherOrder(),
        new Gemm(),
        new Elementwise(),
        new LstmSinCurve(),
        new HessianVector(),
        new JacobianModes("AD2a", n: 10, m: 1000),
        new JacobianModes("AD2b", n: 1000, m: 10),
        new JacobianModes("AD2c", n: 100, m: 100),
    ];

    /// <summary>The workloads named by <c>--only</c> (ids like "W3" or names like "gemm", any case).</summary>
    public static IReadOnlyList<IWorkload> Select(IReadOnlyCollection<string>? only)
    {
        if (only is null || only.Count == 0) return All;
        var unknown = only.Where(o => !All.Any(w => Matches(w, o))).ToArray();
        if (unknown.Length > 0)
            throw new ArgumentException(
                $"--only: unknown workload(s) {string.Join(", ", unknown)}; known: {string.Join(", ", All.Select(w => $"{w.Id} ({w.Name})"))}");
        return All.Where(w => only.Any(o => Matches(w, o))).ToArray();
    }

    private static bool Matches(IWorkload w, string name) =>
        string.Equals(w.Id, name, StringComparison.OrdinalIgnoreCase) || string.Equals(w.Name, name, StringComparison.OrdinalIgnoreCase);
}
