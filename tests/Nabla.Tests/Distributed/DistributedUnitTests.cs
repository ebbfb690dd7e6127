using Nabla.Autodiff;
using Nabla.Distributed;
using Nabla.NN;
using Nabla.Tensors;

namespace Nabla.Tests.Distributed;

/// <summary>The sampler, the single-process communicator and DistributedDataParallel without mpirun.</summary>
public class DistributedUnitTests
{
    [Theory]
    [InlineData(100, 2)]
    [InlineData(7, 3)]
    [InlineData(2, 4)]
    [InlineData(1000, 7)]
    public void ShardsAreDisjointAndTheirUnionIsTheBatchInOrder(int count, int size)
    {
        var batch = Enumerable.Range(0, count).Select(i => (i * 37) % 1009).ToArray();
        var union = new List<int>();
        for (int rank = 0; rank < size; rank++)
        {
            var shard = new DistributedSampler(rank, size).Shard(batch).ToArray();
            Assert.InRange(shard.Length, count / size, count / size + 1);
            union.AddRange(shard);
        }
        Assert.Equal(batch, union);
    }

    [Fact]
    public void SamplerRejectsBadRanks()
    {
        Assert.Contains("rank must be 0 to 1", Assert.Throws<ArgumentOutOfRangeException>(() => new DistributedSampler(2, 2)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new DistributedSampler(0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DistributedSampler(0, 2).Range(-1));
    }

    [Fact]
    public void OneRankAveragingScalesByTheWeightAndCountsMissingGradientsAsZero()
    {
        var model = Built();
        var parallel = new DistributedDataParallel(model, new SingleProcessCommunicator(), bucketElements: 7);
        parallel.Start();
        Assert.True(parallel.BucketCount > 1);
        var parameters = model.Parameters().ToArray();
        foreach (var p in parameters) p.Grad = new Variable(Tensor.Ones(p.Data.Shape));
        parameters[0].Grad = null;
        parallel.AverageGradients(0.25);
        Assert.All(parameters[0].Grad!.Data.ToArray<float>(), v => Assert.Equal(0f, v));
        foreach (var p in parameters.Skip(1))
        {
            Assert.Equal(p.Data.Shape, p.Grad!.Data.Shape);
            Assert.All(p.Grad.Data.ToArray<float>(), v => Assert.Equal(0.25f, v));
        }
        Assert.Equal(parallel.ParameterHash(), parallel.CheckParametersIdentical());
    }

    [Fact]
    public void HashChangesWithAnyParameterBit()
    {
        var model = Built();
        var parallel = new DistributedDataParallel(model, new SingleProcessCommunicator());
        long before = parallel.ParameterHash();
        var p = model.Parameters().Last();
        var values = p.Data.ToArray<float>();
        values[^1] = BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(values[^1]) ^ 1);
        p.Data = Tensor.FromArray(values).Reshape(p.Data.Shape);
        Assert.NotEqual(before, parallel.ParameterHash());
    }

    [Fact]
    public void AModelThatDiffersOnAnotherRankAbortsWithTheReason()
    {
        var log = new StringWriter();
        var fake = new TwoRanks { Other = new DistributedDataParallel(Built(5), new SingleProcessCommunicator()).ModelHash() };
        var parallel = new DistributedDataParallel(Built(), fake, log: log);
        Assert.Throws<AbortedException>(parallel.Start);
        Assert.Equal(1, fake.AbortCode);
        Assert.Contains("rank 0 of 2: the model differs between ranks (parameter names, shapes or dtypes): rank(s) 1 differ from rank 0", log.ToString());
        Assert.Contains("Float32 [5, 4]", log.ToString());
    }

    [Fact]
    public void ACollectiveThatNeverReturnsAbortsAfterTheTimeout()
    {
        var log = new StringWriter();
        var fake = new TwoRanks { Hang = true };
        var parallel = new DistributedDataParallel(Built(), fake, timeout: TimeSpan.FromMilliseconds(300), log: log);
        parallel.Start(); // the pretend collective returns after 3 s; the watchdog fired long before
        Assert.Equal(1, fake.AbortCode);
        Assert.Contains("the start-up check of the model (the first collective) did not complete within 0.3 s", log.ToString());
    }

    [Fact]
    public void Float64ParametersAreRejectedByName()
    {
        var model = Built();
        var p = model.NamedParameters().First();
        p.Parameter.Replace(p.Parameter.Data.AsType(DType.Float64));
        var e = Assert.Throws<ArgumentException>(() => new DistributedDataParallel(model, new SingleProcessCommunicator()));
        Assert.Contains(p.Name, e.Message);
        Assert.Contains("Float64", e.Message);
    }

    [Fact]
    public void EnvironmentWithoutMpirunIsOneRank()
    {
        if (Communicators.FromEnvironment() is not null) return; // the tests themselves run under mpirun
        using var communicator = Communicators.Create();
        Assert.IsType<SingleProcessCommunicator>(communicator);
        Assert.Equal((0, 1), (communicator.Rank, communicator.Size));
    }

    private static MLP Built(int hidden = 4)
    {
        var model = new MLP([hidden, 3], F.ReLU);
        using (Config.NoGrad()) model.Forward(new Variable(Tensor.Ones(2, 5)));
        return model;
    }

    private sealed class AbortedException(int code) : Exception($"aborted with {code}")
    {
        public int Code => code;
    }

    /// <summary>Rank 0 of a pretend job of two, whose other rank gathers <see cref="Other"/> (or this rank's value).</summary>
    private sealed class TwoRanks : ICommunicator
    {
        public long? Other { get; init; }
        public bool Hang { get; init; }
        public int? AbortCode { get; private set; }
        public int Rank => 0;
        public int Size => 2;
        public string Description => "two pretend ranks";
        public void AllReduceSum(Span<float> values) { }
        public void AllReduceSum(Span<double> values) { }
        public void Broadcast(Span<float> values, int root) { }
        public void Broadcast(Span<double> values, int root) { }

        public long[] AllGather(long value)
        {
            if (Hang) Thread.Sleep(TimeSpan.FromSeconds(3));
            return [value, Other ?? value];
        }

        public void Barrier() { }

        /// <summary>Records the call; throws on the calling thread, except from the watchdog's (a hang test).</summary>
        public void Abort(int code)
        {
            AbortCode = code;
            if (!Hang) throw new AbortedException(code);
        }

        public void Dispose() { }
    }
}
