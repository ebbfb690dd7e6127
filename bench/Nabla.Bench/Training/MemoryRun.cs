using System.Diagnostics;
using System.Globalization;
using System.Text;
using Nabla.Bench.Harness;

namespace Nabla.Bench.Training;

/// <summary>
/// <c>--memory SIDE</c>: one system trains alone in this process for the workload's test epochs, and after each epoch
/// the process's working set (current and peak: native memory included, so TorchSharp's tensors count too), the managed
/// heap as the last garbage collection left it (<c>GCMemoryInfo.HeapSizeBytes</c>, no collection forced) and the
/// collections of the epoch are recorded. Nothing forces a collection until the end, where one full collection (with
/// finalizers) shows what stays alive.
/// </summary>
internal static class MemoryRun
{
    public static string Run(TrainingWorkload workload, string side, RunSettings settings, Action<string> progress)
    {
        var process = Process.GetCurrentProcess();
        double Mb(long bytes) => bytes / (1024.0 * 1024.0);
        string N(double v) => MarkdownTable.Number(v);
        using var trainer = side == "nabla" ? workload.CreateNablaTrainer(settings) : workload.CreateTorchTrainer(settings, Mode(side));
        process.Refresh();
        var sb = new StringBuilder();
        string who = side == "nabla" ? "Nabla" : $"TorchSharp ({TorchMemoryPolicy.Describe(Mode(side))})";
        sb.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"{workload.Id} {workload.Name}, {who} alone, {workload.TestEpoch} epochs of {trainer.StepsPerEpoch} steps; before training: working set {Mb(process.WorkingSet64):0} MB, managed heap {Mb(GC.GetTotalMemory(false)):0} MB"));
        sb.AppendLine();
        var table = new MarkdownTable("epoch", "s", "train loss", "working set MB", "peak working set MB", "managed heap after last GC MB",
            "allocated MB", "GC gen0/1/2", "GC pause ms");
        for (int epoch = 1; epoch <= workload.TestEpoch; epoch++)
        {
            long allocated = GC.GetTotalAllocatedBytes();
            var collections = Enumerable.Range(0, 3).Select(GC.CollectionCount).ToArray();
            var pause = GC.GetTotalPauseDuration();
            var stats = trainer.TrainEpoch();
            process.Refresh();
            var gcs = Enumerable.Range(0, 3).Select(g => GC.CollectionCount(g) - collections[g]).ToArray();
            table.Add(epoch.ToString(CultureInfo.InvariantCulture), N(stats.Seconds), stats.MeanLoss.ToString("0.0000", CultureInfo.InvariantCulture),
                N(Mb(process.WorkingSet64)), N(Mb(process.PeakWorkingSet64)), HeapAfterLastCollection(),
                N(Mb(GC.GetTotalAllocatedBytes() - allocated)), string.Join("/", gcs), N((GC.GetTotalPauseDuration() - pause).TotalMilliseconds));
            progress($"  epoch {epoch}: {stats.Seconds:0.00} s, loss {stats.MeanLoss:0.0000}, working set {Mb(process.WorkingSet64):0} MB");
        }
        sb.Append(table);
        double test = trainer.Test();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        process.Refresh();
        sb.AppendLine();
        sb.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"Test {(workload.TestIsAccuracy ? $"accuracy {test * 100:0.0}%" : $"MSE {test:0.00000}")} after {workload.TestEpoch} epochs. After a full collection at the end: working set {Mb(process.WorkingSet64):0} MB, managed heap {Mb(GC.GetTotalMemory(false)):0} MB; peak working set {Mb(process.PeakWorkingSet64):0} MB."));
        return sb.ToString();
    }

    /// <summary>The managed heap as the last collection left it, in MB; "-" before the first collection.</summary>
    private static string HeapAfterLastCollection() =>
        GC.CollectionCount(0) == 0 ? "-" : MarkdownTable.Number(GC.GetGCMemoryInfo().HeapSizeBytes / (1024.0 * 1024.0));

    private static TorchMemory Mode(string side) => side switch
    {
        "torch" => TorchMemory.Scope,
        "torch-gc" => TorchMemory.Collect,
        _ => TorchMemory.Finalizers,
    };
}
