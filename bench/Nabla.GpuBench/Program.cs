using System.Text.Json.Nodes;
using Nabla.GpuBench.Harness;
using Nabla.GpuBench.Workloads;
using Nabla.Tensors;

namespace Nabla.GpuBench;

/// <summary>
/// Times Nabla's GPU workloads (W1, W2, W5, W6, R) on one device and prints one JSON line per workload, the format of
/// bench/gpu/torch_workloads.py, so bench/gpu/run-on-device.sh can put the two side by side. Exit codes: 0 all ran,
/// 1 a workload failed (its line says why), 2 bad arguments, 3 the device is not available.
/// </summary>
internal static class Program
{
    // Relaxed escaping keeps "+" and "->" readable in the lines; they are never embedded in HTML.
    private static readonly System.Text.Json.JsonSerializerOptions JsonOptions =
        new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly IWorkload[] Workloads =
        [new MnistClassifier(cnn: false), new MnistClassifier(cnn: true), new Gemm(), new Elementwise(), new ResNetStep()];

    private static int Main(string[] args)
    {
        Options options;
        Device device;
        try
        {
            options = Options.Parse(args);
            device = Device.Parse(options.Device);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }
        if (options.List)
        {
            foreach (var w in Workloads) Console.WriteLine($"{string.Join(",", w.Ids)}  {w.Name}");
            return 0;
        }
        var selected = Workloads.Select(w => (Workload: w, Ids: w.Ids.Where(options.Selects).ToArray())).Where(s => s.Ids.Length > 0).ToArray();
        if (selected.Length == 0)
        {
            Console.Error.WriteLine($"--only {string.Join(",", options.Only ?? [])}: no such workload; see --list");
            return 2;
        }
        using var output = options.Out is null ? null : new StreamWriter(options.Out, append: true);
        void Emit(JsonObject line)
        {
            string text = line.ToJsonString(JsonOptions);
            Console.WriteLine(text);
            output?.WriteLine(text);
            output?.Flush();
        }

        var available = Device.Available();
        string deviceName = available.FirstOrDefault(d => d.Device == device)?.Name ?? "";
        var ctx = new RunContext(device, device.ToString(), deviceName, options.Quick, options.Reps, options.BudgetSeconds, options.DataDirectory);
        Emit(Info(ctx, available));
        if (!device.IsAvailable)
        {
            string why = $"device {device} is not available on this machine (found: {string.Join(", ", available.Select(d => d.Device))}); " +
                "this build of Nabla may lack its backend";
            Console.Error.WriteLine(why);
            foreach (var (w, ids) in selected)
                foreach (var id in ids) Emit(Result.Failed(ctx, id, w.Name, "unavailable", why));
            return 3;
        }

        int failures = 0;
        foreach (var (w, ids) in selected)
        {
            var done = new HashSet<string>();
            try
            {
                foreach (var line in w.Run(ctx, ids))
                {
                    Emit(line);
                    done.Add((string)line["id"]!);
                }
            }
            catch (Exception e)
            {
                // One workload's failure (an op the backend lacks, out of memory) must not hide the others' figures.
                Console.Error.WriteLine($"{w.Name}: {e}");
                foreach (var id in ids.Where(i => !done.Contains(i)))
                {
                    Emit(Result.Failed(ctx, id, w.Name, "error", $"{e.GetType().Name}: {e.Message}"));
                    failures++;
                }
            }
            // Drop the workload's tensors before the next one allocates (device memory is freed with them).
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
        return failures == 0 ? 0 : 1;
    }

    private static JsonObject Info(RunContext ctx, IReadOnlyList<DeviceInfo> available) => new()
    {
        ["system"] = "nabla",
        ["id"] = "info",
        ["device"] = ctx.DeviceText,
        ["device_name"] = ctx.DeviceName,
        ["quick"] = ctx.Quick,
        ["status"] = "ok",
        ["runtime"] = System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription,
        ["os"] = System.Runtime.InteropServices.RuntimeInformation.OSDescription,
        ["processors"] = Environment.ProcessorCount,
        ["nabla"] = typeof(Tensor).Assembly.GetName().Version?.ToString() ?? "",
        ["devices"] = new JsonArray([.. available.Select(d => (JsonNode?)new JsonObject
        {
            ["device"] = d.Device.ToString(),
            ["name"] = d.Name,
            ["memory_bytes"] = d.MemoryBytes,
        })]),
    };
}
