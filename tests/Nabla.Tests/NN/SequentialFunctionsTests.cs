using Nabla.Autodiff;
using Nabla.NN;
using Nabla.Tensors;
using Xunit;

namespace Nabla.Tests.NN;

/// <summary>Sequential built from layers and functions (F.ReLU, lambdas), and layer forward hooks.</summary>
public class SequentialFunctionsTests
{
    [Fact]
    public void FunctionsAndLambdasRunInOrderBetweenLayers()
    {
        var gen = new Generator(0);
        var l0 = new Linear(4, dtype: DType.Float64, gen: gen);
        var l2 = new Linear(2, dtype: DType.Float64, gen: gen);
        var model = new Sequential(l0, F.ReLU, l2, x => x * 2.0, (Variable x) => F.Tanh(x));
        var input = Tensor.Randn(new Generator(1), DType.Float64, 3, 5);
        var expected = F.Tanh(l2.Forward(F.ReLU(l0.Forward(input))) * 2.0).Data;
        Assert.True(Tensor.AllClose(model.Forward(input).Data, expected, 0, 0));
        Assert.Equal(5, model.Count);
        Assert.Same(l0, model[0]);
        Assert.Equal("ReLU", ((Activation)model[1]).Name);
        Assert.Equal("Lambda", ((Activation)model[3]).Name);
        Assert.Equal(["0.W", "0.b", "2.W", "2.b"], model.NamedParameters().Select(p => p.Name).OrderBy(n => n, StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public void NullStepsAreRefused()
    {
        Func<Variable, Variable>? none = null;
        var e = Assert.Throws<ArgumentNullException>(() => new Sequential(new Linear(2), none!));
        Assert.Contains("layer 1 is null", e.Message);
        Assert.Throws<ArgumentNullException>(() => new Linear(2).RegisterForwardHook(null!));
    }

    [Fact]
    public void ForwardHooksSeeLayerInputAndOutputUntilRemoved()
    {
        var gen = new Generator(2);
        var hidden = new Linear(3, dtype: DType.Float64, gen: gen);
        var model = new Sequential(hidden, F.Sigmoid, new Linear(1, dtype: DType.Float64, gen: gen));
        var seen = new List<(Layer Layer, Variable X, Variable Y)>();
        var handle = hidden.RegisterForwardHook((layer, x, y) => seen.Add((layer, x, y)));
        var input = Tensor.Randn(new Generator(3), DType.Float64, 2, 4);
        var output = model.Forward(input);
        Assert.Single(seen);
        Assert.Same(hidden, seen[0].Layer);
        Assert.Equal(input.ToArray<double>(), seen[0].X.Data.ToArray<double>());
        Assert.Equal([2, 3], seen[0].Y.Shape);
        // The output read by the hook is in the graph: its gradient can be retained and read (Grad-CAM).
        output.Backward(retainGrad: true);
        Assert.NotNull(seen[0].Y.Grad);
        handle.Dispose();
        handle.Dispose();
        model.Forward(input);
        Assert.Single(seen);
    }

    [Fact]
    public void HooksRunInOrderAndOnCall()
    {
        var layer = new Linear(2, dtype: DType.Float64, gen: new Generator(4));
        var order = new List<int>();
        using var a = layer.RegisterForwardHook((_, _, _) => order.Add(1));
        using var b = layer.RegisterForwardHook((_, _, _) => order.Add(2));
        layer.Call(Tensor.Ones(DType.Float64, 1, 3));
        layer.Forward(Tensor.Ones(DType.Float64, 1, 3));
        Assert.Equal([1, 2], order);
    }
}
