using Nabla.IO;
using Nabla.Tests.IO;

namespace Nabla.Tests.Distributed;

/// <summary><c>nabla train mnist --distributed</c> under <c>mpirun -np 2</c> on loopback.</summary>
[Collection("Mpi")]
public class MpiTrainingTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(5);

    private static string[] Train(string folder, params string[] more) =>
        ["mnist", "--distributed", "--plain", "--threads", "1", "--data", MpiJob.MnistDirectory, "--out", folder, .. more];

    [MpiFact]
    public void TwoRanksOfBatch50EndWhereOneRankOfBatch100Ends()
    {
        using var dir = new TempDirectory();
        string one = Path.Combine(dir.Path, "one"), two = Path.Combine(dir.Path, "two");
        // 5000 examples in global batches of 100: 50 steps of the MLP, the same seed and data order.
        string[] run = ["--epochs", "1", "--limit", "5000", "--batch-size", "100", "--seed", "3"];
        using (var alone = MpiJob.Alone(Train(one, run)))
            Assert.True(alone.Wait(Limit) == 0, alone.Output);
        using var job = MpiJob.Mpirun(2, Train(two, run));
        Assert.True(job.Wait(Limit) == 0, job.Output);

        Assert.Contains("distributed over 2 rank(s)", job.Output);
        Assert.Contains("50 examples per rank per step", job.Output);
        Assert.Contains("parameters identical on all 2 rank(s)", job.Output); // checked bit for bit by a hash allgather
        var checkpoint = Path.Combine(two, "model.safetensors");
        Assert.Single(job.Output.Split('\n'), line => line.Trim() == $"wrote {checkpoint}");
        Assert.DoesNotContain(Directory.GetFiles(two), f => f.Contains(".tmp-", StringComparison.Ordinal));

        var a = SafeTensors.Load(Path.Combine(one, "model.safetensors"));
        var b = SafeTensors.Load(checkpoint);
        Assert.Equal(a.Keys.Order(), b.Keys.Order());
        foreach (var (name, tensor) in a)
        {
            var x = tensor.ToArray<float>();
            var y = b[name].ToArray<float>();
            double worst = x.Zip(y, (p, q) => Math.Abs((double)p - q)).Max();
            Assert.True(worst <= 1e-5, $"{name}: 2 ranks differ from 1 rank by {worst:G3}");
        }
    }

    [MpiFact]
    public void KillingOneRankStopsTheOtherWithTheReasonAndKeepsTheCheckpoint()
    {
        using var dir = new TempDirectory();
        using var job = MpiJob.Mpirun(2, Train(dir.Path, "--epochs", "100000", "--limit", "400", "--batch-size", "100"));
        var checkpoint = Path.Combine(dir.Path, "model.safetensors");
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!File.Exists(checkpoint) && waited.Elapsed < Limit) Thread.Sleep(200);
        Assert.True(File.Exists(checkpoint), "no checkpoint after 5 minutes:\n" + job.Output);
        var rank1 = MpiJob.RankProcesses(job.Id, 1);
        Assert.True(rank1.Length == 1, $"rank 1's process not found (found {rank1.Length})\n" + job.Output);
        System.Diagnostics.Process.GetProcessById(rank1[0]).Kill();

        var clock = System.Diagnostics.Stopwatch.StartNew();
        int? code = job.Wait(TimeSpan.FromSeconds(60));
        Assert.True(code is not null, "the job still ran 60 s after rank 1 was killed:\n" + job.Output);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"the job took {clock.Elapsed.TotalSeconds:F1} s to stop");
        Assert.NotEqual(0, code);
        Assert.Contains("process rank 1", job.Output); // mpirun: "... noticed that process rank 1 with PID ... exited on signal 9"
        var weights = SafeTensors.Load(checkpoint);
        Assert.NotEmpty(weights);
    }

    [MpiFact]
    public void RanksWithDifferentModelsStopAtStartWithOneMessage()
    {
        using var dir = new TempDirectory();
        string[] common = ["--epochs", "1", "--limit", "200"];
        using var job = MpiJob.Mpmd(Train(dir.Path, [.. common, "--model", "mlp"]), Train(dir.Path, [.. common, "--model", "cnn"]));
        int? code = job.Wait(Limit);
        Assert.True(code is not null, job.Output);
        Assert.NotEqual(0, code);
        Assert.Contains("the model differs between ranks (parameter names, shapes or dtypes)", job.Output);
        Assert.Contains("stopping every rank (MPI_Abort)", job.Output);
        Assert.False(File.Exists(Path.Combine(dir.Path, "model.safetensors")));
    }

    [Fact]
    public void DistributedOutsideMpirunIsOneRank()
    {
        using var dir = new TempDirectory();
        using var job = MpiJob.Alone(Train(dir.Path, "--epochs", "1", "--limit", "300"));
        Assert.True(job.Wait(Limit) == 0, job.Output);
        Assert.Contains("distributed over 1 rank(s) (single process)", job.Output);
        Assert.Contains("parameters identical on all 1 rank(s)", job.Output);
    }
}
