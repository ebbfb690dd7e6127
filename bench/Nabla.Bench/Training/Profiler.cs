using System.Globalization;
using System.Text;
using Nabla.Bench.Harness;

namespace Nabla.Bench.Training;

/// <summary>
/// <c>--profile</c>: where a training epoch's time goes, Nabla and TorchSharp (dispose scope per step) side by side.
/// (1) After warm-up epochs, epochs with a stopwatch per phase (batch, forward, loss, backward, optimizer) and
/// the GC's pause time (the fastest epoch of each system is shown); (2) each stage of the model (layer, activation, loss) run alone on one batch, forward and
/// backward, and for linear layers their GEMMs alone; (3) one optimizer step.
/// </summary>
internal static class Profiler
{
    public static string Run(TrainingWorkload workload, RunSettings settings, Action<string> progress)
    {
        using var nabla = workload.CreateNablaTrainer(settings);
        using var torch = workload.CreateTorchTrainer(settings, TorchMemory.Scope);
        int warmups = settings.Quick ? 1 : 3, profiled = settings.Quick ? 1 : 3;
        progress($"{workload.Id} {workload.Name}: {warmups} warm-up epochs each, then {profiled} profiled ...");
        // Several warm-ups: a short epoch (W7) is over before the JIT has recompiled the hot loops.
        for (int i = 0; i < warmups; i++)
        {
            nabla.TrainEpoch();
            torch.TrainEpoch();
        }
        (Phases Phases, EpochStats Stats)? bestN = null, bestT = null;
        for (int i = 0; i < profiled; i++)
        {
            // Interleaved as in the benchmark; of each system's epochs the fastest is shown (the least disturbed by other load).
            var (pn, pt) = (new Phases(), new Phases());
            var (sn, st) = (nabla.TrainEpoch(pn), torch.TrainEpoch(pt));
            if (bestN is null || sn.Seconds < bestN.Value.Stats.Seconds) bestN = (pn, sn);
            if (bestT is null || st.Seconds < bestT.Value.Stats.Seconds) bestT = (pt, st);
        }
        var sb = new StringBuilder();
        sb.AppendLine($"#### {workload.Id} {workload.Name}: one epoch ({nabla.StepsPerEpoch} steps) by phase, the fastest of {profiled}");
        sb.AppendLine();
        sb.Append(PhaseTable(bestN!.Value.Phases, bestN.Value.Stats, bestT!.Value.Phases, bestT.Value.Stats));
        sb.AppendLine();
        int reps = settings.Quick ? 3 : 15;
        progress($"{workload.Id}: stages alone ({reps} calls each) ...");
        var stagesN = nabla.ProfileStages(reps);
        var stagesT = torch.ProfileStages(reps);
        if (stagesN.Count > 0)
        {
            sb.AppendLine($"#### {workload.Id}: each stage alone on one batch (median of {reps} calls)");
            sb.AppendLine();
            sb.Append(StageTable(stagesN, stagesT, nabla.ProfileUpdate(reps), torch.ProfileUpdate(reps), nabla.StepsPerEpoch));
            sb.AppendLine();
        }
        return sb.ToString();
    }

    private static string PhaseTable(Phases n, EpochStats sn, Phases t, EpochStats st)
    {
        var table = new MarkdownTable("phase", "Nabla ms", "Nabla %", "TorchSharp ms", "TorchSharp %", "Nabla/TorchSharp");
        var torchPhases = t.Totals.ToDictionary(p => p.Name, p => p.Milliseconds);
        double totalN = sn.Seconds * 1e3, totalT = st.Seconds * 1e3;
        var names = n.Totals.Select(p => p.Name).Concat(t.Totals.Select(p => p.Name)).Distinct();
        var nabla = n.Totals.ToDictionary(p => p.Name, p => p.Milliseconds);
        foreach (var name in names)
        {
            double a = nabla.GetValueOrDefault(name, double.NaN), b = torchPhases.GetValueOrDefault(name, double.NaN);
            table.Add(name, Ms(a), Pct(a, totalN), Ms(b), Pct(b, totalT), Ratio(a, b));
        }
        table.Add("**epoch**", Ms(totalN), "100%", Ms(totalT), "100%", Ratio(totalN, totalT));
        table.Add("GC pause (inside the phases above)", Ms(n.Gc.PauseMs), Pct(n.Gc.PauseMs, totalN), Ms(t.Gc.PauseMs), Pct(t.Gc.PauseMs, totalT), "");
        table.Add("GC count gen0/1/2", $"{n.Gc.Gen0}/{n.Gc.Gen1}/{n.Gc.Gen2}", "", $"{t.Gc.Gen0}/{t.Gc.Gen1}/{t.Gc.Gen2}", "", "");
        return table.ToString();
    }

    private static string StageTable(IReadOnlyList<StageTime> n, IReadOnlyList<StageTime> t, double updateN, double updateT, int steps)
    {
        var table = new MarkdownTable("stage", "Nabla fwd ms", "Nabla bwd ms", "TorchSharp fwd ms", "TorchSharp bwd ms", "Nabla/TorchSharp fwd+bwd");
        double sumN = 0, sumT = 0;
        for (int i = 0; i < n.Count; i++)
        {
            var (a, b) = (n[i], t[i]);
            bool gemmOnly = a.Name.EndsWith("GEMMs alone", StringComparison.Ordinal);
            if (!gemmOnly)
            {
                sumN += a.ForwardMs + a.BackwardMs;
                sumT += b.ForwardMs + b.BackwardMs;
            }
            table.Add(gemmOnly ? $"({a.Name})" : a.Name, Ms(a.ForwardMs), Ms(a.BackwardMs), Ms(b.ForwardMs), Ms(b.BackwardMs),
                Ratio(a.ForwardMs + a.BackwardMs, b.ForwardMs + b.BackwardMs));
        }
        table.Add("optimizer step", Ms(updateN), "", Ms(updateT), "", Ratio(updateN, updateT));
        sumN += updateN;
        sumT += updateT;
        table.Add("**sum: one step** (GEMM rows not added)", Ms(sumN), "", Ms(sumT), "", Ratio(sumN, sumT));
        table.Add($"sum × {steps} steps", Ms(sumN * steps), "", Ms(sumT * steps), "", "");
        return table.ToString();
    }

    private static string Ms(double v) => MarkdownTable.Number(v);

    private static string Pct(double part, double total) =>
        double.IsNaN(part) ? "-" : (part / total * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    private static string Ratio(double a, double b) =>
        double.IsNaN(a) || double.IsNaN(b) || b == 0 ? "-" : (a / b).ToString("0.00", CultureInfo.InvariantCulture);
}
