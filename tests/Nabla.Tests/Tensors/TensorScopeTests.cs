using Nabla.Autodiff;
using Nabla.NN;
using Nabla.NN.Optimizers;
using Nabla.Tensors;
using Nabla.Tensors.Kernels;

namespace Nabla.Tests.Tensors;

/// <summary>
/// TensorScope: which arrays it hands back (large results of autodiff operations made inside it), which it leaves
/// alone (data, parameters, optimizer state, views passed through, small arrays, kept tensors), what a released
/// tensor does, nesting and threads, and that training in scopes ends bit for bit where training without them does.
/// In the collection that runs alone, since the pool of arrays is shared by the whole process.
/// </summary>
[Collection("SimdLevel")]
public class TensorScopeTests
{
    private const int Large = 100_019; // above StoragePool.MinBytes in float32; a length no other test uses

    private static Variable Leaf(int n = Large, int seed = 1) => new(Tensor.Randn(new Generator(seed), n));

    [Fact]
    public void AResultMadeInTheScope_IsReleasedWithItsViews_AndSaysSo()
    {
        var x = Leaf();
        Variable y;
        Tensor view;
        using (var scope = TensorScope.Begin())
        {
            y = F.Exp(x);
            view = y.Data.Reshape(1, Large);
            Assert.False(y.Data.IsReleased);
            Assert.Equal(0, scope.ReleasedArrays);
        }
        Assert.True(y.Data.IsReleased);
        Assert.True(view.IsReleased);
        var e = Assert.Throws<ObjectDisposedException>(() => y.Data.Sum());
        Assert.Contains("released when the TensorScope it was made in ended", e.Message);
        Assert.Contains($"({Large},)", e.Message);
        Assert.Throws<ObjectDisposedException>(() => view.ToArray<float>());
        Assert.False(x.Data.IsReleased);
    }

    [Fact]
    public void DataParametersSmallResultsAndPassThroughViews_AreLeftAlone()
    {
        Tensor data, passed, small;
        Parameter p;
        Variable fromResult;
        using (var scope = TensorScope.Begin())
        {
            data = Tensor.Randn(new Generator(2), Large) * 2.0; // a plain tensor operation, not an autodiff one
            passed = F.Reshape(new Variable(data), 1, Large).Data; // a view of its input: not the function's own
            small = F.Exp(Leaf(1000)).Data;
            p = new Parameter(Tensor.Zeros(Large));
            fromResult = F.Exp(Leaf());
            p.Data = fromResult.Data; // a weight outlives the step
            scope.Dispose();
            Assert.Equal(0, scope.ReleasedArrays);
        }
        Assert.False(data.IsReleased);
        Assert.False(passed.IsReleased);
        Assert.False(small.IsReleased);
        Assert.False(p.Data.IsReleased);
        Assert.Equal(F.Exp(Leaf()).Data.ToArray<float>(), p.Data.ToArray<float>());
    }

    [Fact]
    public void AnOpenScope_KeepsNoArrayAlive()
    {
        using var scope = TensorScope.Begin();
        var (temporary, result) = MakeAndDrop();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Assert.False(temporary.TryGetTarget(out _), "a plain temporary the program dropped is still alive");
        Assert.False(result.TryGetTarget(out _), "a result the program dropped is still alive");
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static (WeakReference<Tensor> Temporary, WeakReference<Tensor> Result) MakeAndDrop() =>
        (new(Tensor.Randn(new Generator(7), Large) * 3.0), new(F.Exp(Leaf()).Data));

    [Fact]
    public void AKeptResult_OutlivesTheScope_WithItsValue()
    {
        var x = Leaf();
        Tensor kept, expected = x.Data.Exp();
        using (TensorScope.Begin())
            kept = TensorScope.Keep(F.Exp(x).Data);
        Assert.False(kept.IsReleased);
        Assert.Equal(expected.ToArray<float>(), kept.ToArray<float>());
        Assert.Same(kept, TensorScope.Keep(kept)); // no scope open: nothing to do
    }

    [Fact]
    public void GradientsMadeInTheScope_AreReleasedToo()
    {
        var x = Leaf();
        using (var scope = TensorScope.Begin())
        {
            var y = F.Sum(F.Tanh(x) * x + F.Exp(-x));
            y.Backward();
            Assert.NotNull(x.Grad);
            Assert.True(double.IsFinite(x.Grad.Data.Sum().Item()));
            scope.Dispose();
            Assert.True(scope.ReleasedArrays >= 5, $"released {scope.ReleasedArrays}");
        }
        Assert.True(x.Grad.Data.IsReleased);
    }

    [Fact]
    public void ScopesNest_AndEndInnermostFirst()
    {
        var x = Leaf();
        var outer = TensorScope.Begin();
        var a = F.Exp(x);
        var inner = TensorScope.Begin();
        Assert.Same(inner, TensorScope.Current);
        var b = F.Sin(a);
        Assert.Equal("TensorScope.Dispose: an inner scope is still open; scopes end innermost first",
            Assert.Throws<InvalidOperationException>(outer.Dispose).Message);
        inner.Dispose();
        Assert.True(b.Data.IsReleased);
        Assert.False(a.Data.IsReleased);
        Assert.Same(outer, TensorScope.Current);
        outer.Dispose();
        outer.Dispose(); // a second Dispose does nothing
        Assert.True(a.Data.IsReleased);
        Assert.Null(TensorScope.Current);
    }

    [Fact]
    public void AScopeBelongsToItsThread()
    {
        using var scope = TensorScope.Begin();
        Exception? error = null;
        TensorScope? seen = scope;
        var other = new Thread(() =>
        {
            seen = TensorScope.Current;
            try { scope.Dispose(); } catch (Exception e) { error = e; }
        });
        other.Start();
        other.Join();
        Assert.Null(seen);
        Assert.Equal("TensorScope.Dispose: a scope ends on the thread that began it", Assert.IsType<InvalidOperationException>(error).Message);
    }

    [Fact]
    public void AReleasedArray_IsHandedOutAgain()
    {
        var x = Leaf();
        object storage;
        using (TensorScope.Begin()) storage = F.Exp(x).Data.Storage;
        Assert.Same(storage, StoragePool.Rent<float>(Large));
        // Zeroed storage comes from the pool too, cleared.
        using (TensorScope.Begin()) storage = F.Exp(x).Data.Storage;
        var zeros = Tensor.Zeros(Large);
        Assert.Same(storage, zeros.Storage);
        Assert.All(zeros.ToArray<float>(), v => Assert.Equal(0f, v));
    }

    [Fact]
    public void TrainingInScopes_EndsBitForBitAsWithout()
    {
        Assert.Equal(Train(scoped: false, out _), Train(scoped: true, out int released));
        Assert.True(released > 0);
    }

    [Fact]
    public void AnLstmInScopes_KeepsItsStateAcrossSteps()
    {
        Assert.Equal(TrainLstm(scoped: false), TrainLstm(scoped: true));
    }

    /// <summary>A lazily sized MLP (its weights made in the first step) with Adam and weight decay, 4 steps.</summary>
    private static float[] Train(bool scoped, out int released)
    {
        var model = new MLP([300, 10], gen: new Generator(3));
        var optimizer = new Adam().Setup(model).AddHook(new WeightDecay(1e-4));
        var x = Tensor.Randn(new Generator(4), 100, 400);
        var t = Tensor.FromArray(Enumerable.Range(0, 100).Select(i => (long)(i % 10)).ToArray());
        released = 0;
        for (int step = 0; step < 4; step++)
        {
            var scope = scoped ? TensorScope.Begin() : null;
            model.ClearGrads();
            var loss = F.SoftmaxCrossEntropy(model.Forward(x), t);
            loss.Backward();
            optimizer.Update();
            scope?.Dispose();
            released += scope?.ReleasedArrays ?? 0;
        }
        return [.. model.Parameters().SelectMany(p => p.Data.ToArray<float>())];
    }

    /// <summary>Truncated backpropagation through an LSTM of 200 hidden units, its state carried from step to step.</summary>
    private static float[] TrainLstm(bool scoped)
    {
        var lstm = new LSTM(200, inSize: 1, gen: new Generator(5));
        var head = new Linear(1, 200, gen: new Generator(6));
        var layers = new Sequential(lstm, head);
        var optimizer = new SGD(0.01).Setup(layers);
        for (int step = 0; step < 3; step++)
        {
            using var scope = scoped ? TensorScope.Begin() : null;
            layers.ClearGrads();
            Variable loss = new(Tensor.Scalar(0f));
            for (int k = 0; k < 4; k++)
            {
                var input = new Variable(Tensor.Full(new[] { 128, 1 }, (float)Math.Sin(step * 4 + k)));
                loss += F.MeanSquaredError(layers.Forward(input), new Variable(Tensor.Full(new[] { 128, 1 }, 0.5f)));
            }
            loss.Backward();
            loss.UnchainBackward(); // as DeZero: the states become leaves, so the next step does not reach into this one
            optimizer.Update();
        }
        return [.. layers.Parameters().SelectMany(p => p.Data.ToArray<float>()), .. lstm.H!.Data.ToArray<float>()];
    }
}
