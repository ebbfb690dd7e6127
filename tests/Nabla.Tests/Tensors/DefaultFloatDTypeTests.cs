using Nabla.Autodiff;
using Nabla.NN.Optimizers;
using Nabla.Tensors;
using Xunit;

namespace Nabla.Tests.Tensors;

/// <summary>One settable default float dtype for tensors made from a shape; explicit dtypes and typed data win.</summary>
[Collection("DefaultFloatDType")]
public class DefaultFloatDTypeTests
{
    private static DType[] ShapeOnly() =>
    [
        Tensor.Zeros(2).DType, Tensor.Ones(2).DType, Tensor.Full([2], 3).DType, Tensor.Arange(0.0, 3.0).DType,
        Tensor.Linspace(0, 1, 3).DType, Tensor.Eye(2).DType, Tensor.Rand(new Generator(0), 2).DType,
        Tensor.Randn(new Generator(0), 2).DType,
    ];

    [Fact]
    public void Float32UnlessSetThenEveryShapeOnlyCreatorFollows()
    {
        Assert.Equal(DType.Float32, Tensor.DefaultFloatDType);
        Assert.All(ShapeOnly(), d => Assert.Equal(DType.Float32, d));
        try
        {
            Tensor.DefaultFloatDType = DType.Float64;
            Assert.All(ShapeOnly(), d => Assert.Equal(DType.Float64, d));
            // Explicit dtypes and typed data win.
            Assert.Equal(DType.Float32, Tensor.Zeros(DType.Float32, 2).DType);
            Assert.Equal(DType.Float32, Tensor.Linspace(0, 1, 3, dtype: DType.Float32).DType);
            Assert.Equal(DType.Float32, Tensor.FromArray(new float[] { 1 }).DType);
            Assert.Equal(DType.Int64, Tensor.Arange(3).DType);
        }
        finally
        {
            Tensor.DefaultFloatDType = DType.Float32;
        }
        Assert.Equal(DType.Float64, Tensor.FromArray(new double[] { 1 }).DType);
        Assert.Equal(DType.Float64, Tensor.Scalar(1.0).DType);
    }

    [Fact]
    public void OnlyFloatDTypesCanBeTheDefault()
    {
        var e = Assert.Throws<ArgumentException>(() => Tensor.DefaultFloatDType = DType.Int32);
        Assert.Contains("DefaultFloatDType", e.Message);
        Assert.Equal(DType.Float32, Tensor.DefaultFloatDType);
    }
}

/// <summary>A Parameter keeps its dtype when assigned another (a cast), unless replaced on purpose.</summary>
public class ParameterDTypeTests
{
    [Fact]
    public void AssigningAnotherDTypeCastsToTheParameters()
    {
        var p = new Parameter(Tensor.FromArray(new float[] { 1, 2 }));
        var g = Tensor.FromArray(new double[] { 0.5, 1.0 });
        p.Data -= 0.1 * g;
        Assert.Equal(DType.Float32, p.DType);
        Assert.Equal(new float[] { 0.95f, 1.9f }, p.Data.ToArray<float>());
        p.Data = Tensor.FromArray(new[] { 7, 8 });
        Assert.Equal(DType.Float32, p.DType);
        Assert.Equal(new float[] { 7, 8 }, p.Data.ToArray<float>());
    }

    [Fact]
    public void AMixedPrecisionSgdStepKeepsAFloat32Model()
    {
        // A Float32 weight used with Float64 data gets a Float64 gradient; the book's update keeps the weight Float32.
        var w = new Parameter(Tensor.FromArray(new float[,] { { 1 }, { 2 } }), "W");
        var x = new Variable(Tensor.FromArray(new double[,] { { 3, 4 } }));
        var loss = F.Sum(F.MatMul(x, w));
        loss.Backward();
        Assert.Equal(DType.Float64, loss.DType);
        w.Data -= 0.5 * w.Grad!.Data;
        Assert.Equal(DType.Float32, w.DType);
        Assert.Equal(new float[] { -0.5f, 0 }, w.Data.ToArray<float>());
    }

    [Fact]
    public void AnUninitialisedParameterTakesItsFirstDTypeAndReplaceChangesIt()
    {
        var lazy = new Parameter(Tensor.Zeros(DType.Float32, 0, 3));
        lazy.Data = Tensor.Ones(DType.Float64, 2, 3);
        Assert.Equal(DType.Float64, lazy.DType);
        var p = new Parameter(Tensor.Ones(DType.Float32, 2)) { Grad = new Variable(Tensor.Ones(DType.Float32, 2)) };
        p.Replace(Tensor.Ones(DType.Float64, 2));
        Assert.Equal(DType.Float64, p.DType);
        Assert.Null(p.Grad);
        p.Data = Tensor.Ones(DType.Float32, 2);
        Assert.Equal(DType.Float64, p.DType);
        Assert.Throws<ArgumentNullException>(() => p.Replace(null!));
        // A plain Variable still takes whatever it is given.
        var v = new Variable(Tensor.Ones(DType.Float32, 2)) { Data = Tensor.Ones(DType.Float64, 2) };
        Assert.Equal(DType.Float64, v.DType);
    }

    [Fact]
    public void OptimizersStillUpdateInPlace()
    {
        var p = new Parameter(Tensor.FromArray(new float[] { 1, 2 }));
        var model = new Holder(p);
        var opt = new SGD(1).Setup(model);
        F.Sum(p * p).Backward();
        opt.Update();
        Assert.Equal(new float[] { -1, -2 }, p.Data.ToArray<float>());
    }

    private sealed class Holder(Parameter p) : Nabla.NN.Model
    {
        public Parameter P { get; } = p;

        public override Variable Forward(Variable x) => x;
    }
}
