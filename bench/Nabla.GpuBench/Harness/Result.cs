using System.Text.Json.Nodes;

namespace Nabla.GpuBench.Harness;

/// <summary>
/// One JSON line, the format bench/gpu/torch_workloads.py writes too and bench/gpu/report.py reads: system, id, name,
/// device, status (ok, error, unavailable), figure, work, median_ms, min_ms, times_ms, warmups, reps, check, extra.
/// </summary>
internal static class Result
{
    public static JsonObject Ok(RunContext ctx, string id, string name, string figure, string work, Timing timing,
        IReadOnlyDictionary<string, double> check, IReadOnlyDictionary<string, double>? extra = null)
    {
        var line = Header(ctx, id, name, "ok");
        line["figure"] = figure;
        line["work"] = work;
        line["median_ms"] = Number(timing.Median);
        line["min_ms"] = Number(timing.Min);
        line["times_ms"] = new JsonArray([.. timing.Milliseconds.Select(t => (JsonNode?)Number(t))]);
        line["warmups"] = timing.Warmups;
        line["reps"] = timing.Milliseconds.Count;
        line["cut_by_budget"] = timing.CutByBudget;
        line["check"] = Numbers(check);
        if (extra is not null) line["extra"] = Numbers(extra);
        return line;
    }

    public static JsonObject Failed(RunContext ctx, string id, string name, string status, string error)
    {
        var line = Header(ctx, id, name, status);
        line["error"] = error;
        return line;
    }

    private static JsonObject Header(RunContext ctx, string id, string name, string status) => new()
    {
        ["system"] = "nabla",
        ["id"] = id,
        ["name"] = name,
        ["device"] = ctx.DeviceText,
        ["device_name"] = ctx.DeviceName,
        ["quick"] = ctx.Quick,
        ["status"] = status,
    };

    private static JsonObject Numbers(IReadOnlyDictionary<string, double> values)
    {
        var o = new JsonObject();
        foreach (var (k, v) in values) o[k] = Number(v);
        return o;
    }

    /// <summary>JSON has no NaN or infinity: those become null (a diverged loss shows as a missing check).</summary>
    private static JsonNode? Number(double v) => double.IsFinite(v) ? JsonValue.Create(v) : null;
}
