namespace Nabla.Bench.Harness;

/// <summary>Both systems' figures for one workload, and what is derived from them.</summary>
/// <param name="Work">What one repetition does (from <see cref="IWorkload.Describe"/>).</param>
/// <param name="NablaMemory">Nabla's managed allocation per repetition and its collections (gen0/1/2) over the timed runs.</param>
internal sealed record Result(IWorkload Workload, string Work, Side Nabla, Side Torch, string NablaMemory)
{
    /// <summary>Nabla's median divided by TorchSharp's (time: above 1 means Nabla is slower; rate: faster).</summary>
    public double Ratio => Nabla.Median / Torch.Median;

    /// <summary>"1.80x slower" / "1.30x faster", from Nabla's point of view.</summary>
    public string Verdict
    {
        get
        {
            double speedup = Workload.HigherIsBetter ? Ratio : 1 / Ratio;
            return speedup >= 1 ? $"{speedup:0.00}x faster" : $"{1 / speedup:0.00}x slower";
        }
    }

    /// <summary>Largest relative difference between the two systems' check values.</summary>
    public double CheckDifference
    {
        get
        {
            var a = Nabla.Checks;
            var b = Torch.Checks;
            if (a.Length != b.Length) return double.PositiveInfinity;
            double worst = 0;
            for (int i = 0; i < a.Length; i++)
                worst = Math.Max(worst, Math.Abs(a[i] - b[i]) / Math.Max(Math.Abs(b[i]), 1e-300));
            return worst;
        }
    }

    public bool ChecksAgree => CheckDifference <= Workload.CheckTolerance;
}
