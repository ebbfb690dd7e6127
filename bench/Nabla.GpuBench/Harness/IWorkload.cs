using System.Text.Json.Nodes;

namespace Nabla.GpuBench.Harness;

/// <summary>A workload family: its ids (W5 has one per matrix size) and a run that yields one JSON line per id asked for.</summary>
internal interface IWorkload
{
    IReadOnlyList<string> Ids { get; }

    string Name { get; }

    /// <summary>Runs the ids in <paramref name="ids"/> (a subset of <see cref="Ids"/>), one result line each.</summary>
    IEnumerable<JsonObject> Run(RunContext ctx, IReadOnlyList<string> ids);
}
