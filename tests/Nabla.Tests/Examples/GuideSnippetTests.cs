using System.Text.RegularExpressions;
using Nabla;                      // F: the differentiable functions
using Nabla.Autodiff;             // Variable, Function, Config, Derivatives, Graph
using Nabla.Data;                 // datasets and loaders
using Nabla.Data.Transforms;
using Nabla.Examples.CustomFunction;
using Nabla.IO;                   // SaveWeights / LoadWeights
using Nabla.NN;                   // layers and models
using Nabla.NN.Optimizers;        // SGD, Adam, ... and their hooks
using Nabla.Numerical;            // finite differences
using Nabla.Tensors;              // Tensor, DType, Generator

namespace Nabla.Tests.Examples;

// The test folder Derivatives is also a namespace, Nabla.Tests.Derivatives, which would hide the class.
using Derivatives = Nabla.Autodiff.Derivatives;

/// <summary>
/// The code of docs/GUIDE.md, section by section, copied verbatim and run, with checks of what its comments
/// claim. <see cref="EveryGuideLineIsHere"/> keeps the copy honest: each line of each C# block of the guide must
/// occur here or in examples/CustomFunction (the guide's Softplus, compiled as a user would, without this
/// project's access to Nabla's internals).
/// </summary>
public sealed class GuideSnippetTests
{
    [Fact]
    public void Section2Tensors()
    {
        var a = Tensor.FromArray(new float[,] { { 1, 2, 3 }, { 4, 5, 6 } });   // Float32, shape (2,3)
        var b = Tensor.Arange(0.0, 3.0);                                        // [0 1 2]
        var c = a + b;                                                          // broadcast to (2,3): [[1 3 5] [4 6 8]]
        var rowSums = a.Sum(axis: 1);                                           // [ 6 15]
        var gram = Tensor.MatMul(a, a.T);                                       // [[14 32] [32 77]]; a.T is a view
        var column = a[.., 1];                                                  // [2 5], a view as in NumPy
        var doubles = a.AsType(DType.Float64);                                  // a converted copy
        var rng = new Generator(seed: 42);
        var noise = Tensor.Randn(rng, 2, 3);                                    // seeded: same seed, same numbers
        Console.WriteLine(gram);                                                // prints like NumPy

        Assert.Equal(DType.Float32, a.DType);
        Assert.True(Tensor.ArrayEqual(c, Tensor.FromArray(new float[,] { { 1, 3, 5 }, { 4, 6, 8 } })));
        Assert.True(Tensor.ArrayEqual(rowSums, Tensor.FromArray(new float[] { 6, 15 })));
        Assert.True(Tensor.ArrayEqual(gram, Tensor.FromArray(new float[,] { { 14, 32 }, { 32, 77 } })));
        Assert.True(Tensor.ArrayEqual(column, Tensor.FromArray(new float[] { 2, 5 })));
        Assert.Equal(DType.Float64, doubles.DType);
        Assert.True(Tensor.ArrayEqual(noise, Tensor.Randn(new Generator(seed: 42), 2, 3)));
        var e = Assert.Throws<ArgumentException>(() => a + Tensor.Zeros(4));
        Assert.Contains("(2,3)", e.Message);
        Assert.Contains("(4,)", e.Message);
    }

    [Fact]
    public void Section3VariablesAndBackprop()
    {
        var x = new Variable(Tensor.Scalar(3.0));     // a Float64 scalar
        var y = x * x + 2 * x + 1;                    // (x + 1)², recorded as it runs
        y.Backward();
        Console.WriteLine(x.Grad!.Data);              // 8 = 2x + 2

        var w = new Variable(Tensor.FromArray(new[] { 0.5, 1.0, 2.0 }), "w");
        var loss = F.Sum(F.Sin(w) * w);               // a scalar from a vector
        loss.Backward();
        Console.WriteLine(w.Grad!.Data);              // cos(w)·w + sin(w), elementwise

        Assert.Equal(8.0, x.Grad!.Data.Item());
        var wd = w.Data;
        Assert.True(Tensor.AllClose(w.Grad!.Data, wd.Cos() * wd + wd.Sin(), 1e-14, 0));

        using (Config.NoGrad())
        {
            var z = F.Exp(x);                         // a value only: no graph, nothing to backprop
            Console.WriteLine(z.Data);
            Assert.Null(z.Creator);
            Assert.Throws<InvalidOperationException>(() => z.Backward());
        }
    }

    [Fact]
    public void Section4Newton()
    {
        var x = new Variable(Tensor.Scalar(2.0));
        for (int i = 0; i < 10; i++)
        {
            var y = x.Pow(4) - 2 * x.Pow(2);          // f(x) = x⁴ − 2x²
            x.ClearGrad();
            y.Backward(createGraph: true);            // f′(x) = 4x³ − 4x, as a Variable with a graph
            var gx = x.Grad!;
            x.ClearGrad();
            gx.Backward();                            // f″(x) = 12x² − 4
            var gx2 = x.Grad!;
            x.Data = x.Data - gx.Data / gx2.Data;     // x ← x − f′/f″
        }
        Console.WriteLine(x.Data);                    // 1: the minimum, to full precision after 7 steps

        Assert.Equal(1.0, x.Data.Item());
    }

    [Fact]
    public void Section4DerivativeOperator()
    {
        double third = Derivatives.Derivative(F.Tanh, 0.5, order: 3);                  // -0.5652092882597703
        var grid = Tensor.Linspace(-5, 5, 101, dtype: DType.Float64);
        var fourth = Derivatives.Derivative(F.Tanh, grid, order: 4);                   // tanh'''' at 101 points

        Assert.Equal(-0.5652092882597703, third, 1e-14);
        var t = grid.Tanh();
        var closedForm = t * 8.0 * (1.0 - t * t) * (2.0 - t * t * 3.0);
        Assert.True(Tensor.AllClose(fourth, closedForm, 1e-10, 1e-12));
    }

    [Fact]
    public void Section5ForwardModeAndOperators()
    {
        var x = new Variable(Tensor.FromArray(new[] { 0.5, 1.0 })) { Tangent = Tensor.FromArray(new[] { 1.0, 0.0 }) };
        var y = F.Sin(x) * x;
        Console.WriteLine(y.Tangent);                 // [0.91821682 0.]: (x·cos x + sin x)·v
        Assert.Equal(0.5 * Math.Cos(0.5) + Math.Sin(0.5), y.Tangent!.GetDouble(0), 1e-15);
        Assert.Equal(0.0, y.Tangent!.GetDouble(1));

        Variable Rosenbrock(Variable x)
        {
            var a = x[1..] - x[..^1] * x[..^1];
            var b = 1.0 - x[..^1];
            return F.Sum(100.0 * a * a + b * b);
        }
        var x0 = Tensor.FromArray(new[] { -1.2, 1.0 });

        var g = Derivatives.Grad(Rosenbrock, x0);                                       // [-215.6 -88]: reverse mode
        var (value, jv) = Derivatives.Jvp(F.Sin, x0, Tensor.FromArray(new[] { 1.0, 0.0 })); // f(x) and J·v: forward mode
        var (_, uj) = Derivatives.Vjp(F.Sin, x0, Tensor.FromArray(new[] { 1.0, 1.0 }));     // uᵀJ: reverse mode
        var jacobian = Derivatives.Jacobian(v => F.Sin(v) * v, x0);                     // (2,2), mode chosen by shape
        var hessian = Derivatives.Hessian(Rosenbrock, x0);                              // [[1330 480] [480 200]]
        var hv = Derivatives.Hvp(Rosenbrock, x0, Tensor.FromArray(new[] { 1.0, 0.0 })); // H·v without forming H

        Assert.True(Tensor.AllClose(g, Tensor.FromArray(new[] { -215.6, -88.0 }), 1e-12, 1e-12));
        Assert.True(Tensor.AllClose(value, x0.Sin(), 0, 0));
        Assert.True(Tensor.AllClose(jv, Tensor.FromArray(new[] { Math.Cos(-1.2), 0.0 }), 1e-15, 0));
        Assert.True(Tensor.AllClose(uj, x0.Cos(), 1e-15, 0));
        double d0 = Math.Cos(-1.2) * -1.2 + Math.Sin(-1.2), d1 = Math.Cos(1.0) + Math.Sin(1.0);
        Assert.True(Tensor.AllClose(jacobian, Tensor.FromArray(new[,] { { d0, 0 }, { 0, d1 } }), 1e-14, 1e-15));
        Assert.True(Tensor.AllClose(hessian, Tensor.FromArray(new[,] { { 1330.0, 480.0 }, { 480.0, 200.0 } }), 1e-12, 1e-12));
        Assert.True(Tensor.AllClose(hv, Tensor.FromArray(new[] { 1330.0, 480.0 }), 1e-12, 1e-12));
    }

    [Fact]
    public void Section5FiniteDifferences()
    {
        double estimate = NumericalDiff.Derivative(Math.Sin, 1.0);                     // central difference ≈ cos(1)
        var table = NumericalDiff.ErrorTable(Math.Sin, 1.0, exact: Math.Cos(1.0));
        Console.WriteLine(table);                     // estimates and errors for h = 1e-1 … 1e-12, three schemes

        Assert.Equal(Math.Cos(1.0), estimate, 1e-9);
        Assert.Equal(3, table.Schemes.Count);
        Assert.Equal(12, table.Steps.Count);
        Assert.Contains("1e-12", table.ToString());
    }

    [Fact]
    public void Section6CustomFunction()
    {
        var points = Tensor.FromArray(new[] { -30.0, -1.5, 0.0, 2.0, 40.0 });
        var report = NumericalDiff.GradientCheck(v => MyF.Softplus(v[0]), [points]);
        Console.WriteLine(report.Passed);                                                  // True
        var (_, tangent) = Derivatives.Jvp(MyF.Softplus, points, Tensor.OnesLike(points)); // σ(points), forward mode
        var slope = Derivatives.Grad(v => F.Sum(MyF.Softplus(v)), points);                 // σ(points), reverse mode
        double curvature = Derivatives.Derivative(MyF.Softplus, 0.0, order: 2);            // σ′(0) = 0.25

        Assert.True(report.Passed, report.ToString());
        var sigmoid = Tensor.FromArray(points.ToArray<double>().Select(p => 1 / (1 + Math.Exp(-p))).ToArray());
        // Absolute tolerance for σ(-30) ≈ 9e-14, which the tanh form of the JVP computes with cancellation.
        Assert.True(Tensor.AllClose(tangent, sigmoid, 1e-14, 1e-15));
        Assert.True(Tensor.AllClose(slope, sigmoid, 1e-14, 1e-15));
        Assert.Equal(0.25, curvature, 1e-15);
        var values = MyF.Softplus(new Variable(Tensor.FromArray(new[] { -1000.0, 0.0, 1000.0 }))).Data;
        Assert.True(Tensor.AllClose(values, Tensor.FromArray(new[] { 0.0, Math.Log(2), 1000.0 }), 1e-15, 0));
    }

    [Fact]
    public void CustomFunctionExampleRunsItsChecks()
    {
        var output = new StringWriter();
        Assert.Equal(0, Nabla.Examples.CustomFunction.Program.Run([], output));
        Assert.Contains("GradientCheck passed", output.ToString());
        Assert.Contains("forward = reverse = sigmoid: True", output.ToString());
        Assert.Contains("softplus''(0) by double backprop = 0.25 ", output.ToString());
    }

    [Fact]
    public void Section7Layers()
    {
        Init.Seed(0);                                          // the same initial weights on every run
        var linear = new Linear(3);                            // y = x·W + b; the input size is taken from the first call
        var y = linear.Forward(Tensor.Randn(new Generator(1), 5, 4));  // (5,3); W is now (4,3)

        var mlp = new MLP([100, 100, 10], F.ReLU);             // Linear layers with ReLU between them
        var net = new Sequential(
            new Conv2d(16, kernelSize: 3, pad: 1), Activation.ReLU(), new Activation(x => F.Pooling(x, 2), "MaxPool2"),
            Activation.Flatten(), new Dropout(0.25), new Linear(10));

        Assert.Equal([5, 3], y.Shape);
        Assert.Equal([4, 3], linear.W.Shape);
        Assert.Equal([2, 10], mlp.Forward(Tensor.Zeros(2, 7)).Shape);
        Assert.Equal([2, 10], net.Forward(Tensor.Zeros(2, 1, 8, 8)).Shape);
        Init.Seed(0);
        Assert.True(Tensor.ArrayEqual(new Linear(3).Forward(Tensor.Randn(new Generator(1), 5, 4)).Data, y.Data));
    }

    /// <summary>The guide's model class.</summary>
    public sealed class TwoLayerNet(int hiddenSize, int outSize) : Model
    {
        private readonly Linear l1 = new(hiddenSize);
        private readonly Linear l2 = new(outSize);

        public override Variable Forward(Variable x) => l2.Forward(F.Sigmoid(l1.Forward(x)));
    }

    [Fact]
    public void Section7Model()
    {
        var model = new TwoLayerNet(10, 3);
        model.Forward(Tensor.Zeros(1, 2));                     // the first call creates W from the input's width
        foreach (var (name, p) in model.NamedParameters())
            Console.WriteLine($"{name} ({string.Join(",", p.Shape)})");   // l1.W (2,10)  l1.b (10)  l2.W (10,3)  l2.b (3)
        Console.WriteLine(model.ParameterCount());             // 63

        Assert.Equal(["l1.W (2,10)", "l1.b (10)", "l2.W (10,3)", "l2.b (3)"],
            model.NamedParameters().Select(item => $"{item.Name} ({string.Join(",", item.Parameter.Shape)})"));
        Assert.Equal(63, model.ParameterCount());
    }

    [Fact]
    public void Section8Optimizers()
    {
        var model = new MLP([100, 10], F.ReLU);
        var optimizer = new Adam(1e-3)
            .AddHook(new WeightDecay(1e-4))                    // g ← g + 1e-4·p
            .AddHook(new ClipGrad(maxNorm: 5.0))               // rescale when the total norm exceeds 5
            .Setup(model);

        var x = Tensor.Randn(new Generator(0), 8, 20);
        var t = Tensor.FromArray(new long[] { 0, 1, 2, 3, 4, 5, 6, 7 });
        var loss = F.SoftmaxCrossEntropy(model.Forward(x), t);
        var before = model.Parameters().Select(p => p.Data.Copy()).ToArray();
        model.ClearGrads();                                    // gradients accumulate: clear before each backward
        loss.Backward();
        optimizer.Update();

        Assert.Equal(1, optimizer.Steps);
        var after = model.Parameters().ToArray();
        for (int i = 0; i < after.Length; i++)
            Assert.False(Tensor.ArrayEqual(before[i], after[i].Data), $"parameter {i} did not move");
        Assert.True(F.SoftmaxCrossEntropy(model.Forward(x), t).Data.Item() < loss.Data.Item());
    }

    [Fact]
    public void Section9Data()
    {
        var train = new Mnist(train: true);                    // 8,000 digits, flattened to 784 values in [0, 1]
        var (x0, t0) = train[0];                               // one example: x0 (784), t0 its label
        var loader = new DataLoader(train, batchSize: 100, shuffle: true, generator: new Generator(0));
        int batches = 0;
        foreach (var (x, t) in loader)
        {
            // x (100, 784) Float32, t (100) Int64; 80 batches per epoch
            Assert.Equal([100, 784], x.Shape);
            Assert.Equal(DType.Float32, x.DType);
            Assert.Equal([100], t.Shape);
            Assert.Equal(DType.Int64, t.DType);
            batches++;
        }

        Assert.Equal(8000, train.Count);
        Assert.Equal([784], x0.Shape);
        Assert.InRange(x0.Max().Item(), 0.5, 1.0);
        Assert.InRange(t0.Item(), 0.0, 9.0);
        Assert.Equal(80, batches);
        train.Transform = new Normalize(0, 255);
        Assert.Equal([1, 28, 28], train[0].x.Shape);
    }

    [Fact]
    public void Section10TrainingInAScope()
    {
        Init.Seed(0);
        var loader = new DataLoader(new Spiral(train: true), batchSize: 30, shuffle: true, generator: new Generator(0));
        var model = new MLP([10, 3], F.Sigmoid);
        var optimizer = new SGD(lr: 1.0).Setup(model);
        double sum = 0;
        foreach (var (x, t) in loader)
        {
            using var scope = TensorScope.Begin();
            var loss = F.SoftmaxCrossEntropy(model.Forward(x), t);
            model.ClearGrads();
            loss.Backward();
            optimizer.Update();
            sum += loss.Data.Item() * t.Dim(0);                // inside the scope
        }
        Assert.True(double.IsFinite(sum) && sum > 0);
    }

    [Fact]
    public void Section10And11TrainSaveLoad()
    {
        Init.Seed(0);
        var train = new Spiral(train: true);                   // 300 points in three arms
        var loader = new DataLoader(train, batchSize: 30, shuffle: true, generator: new Generator(0));
        var model = new MLP([10, 3], F.Sigmoid);
        var optimizer = new SGD(lr: 1.0).Setup(model);

        var losses = new List<double>();
        for (int epoch = 1; epoch <= 300; epoch++)
        {
            double sum = 0;
            foreach (var (x, t) in loader)
            {
                var loss = F.SoftmaxCrossEntropy(model.Forward(x), t);
                model.ClearGrads();
                loss.Backward();
                optimizer.Update();
                sum += loss.Data.Item() * t.Dim(0);
            }
            if (epoch % 100 == 0) Console.WriteLine($"epoch {epoch}: loss {sum / train.Count:F4}");
            losses.Add(sum / train.Count);
        }

        var test = new Spiral(train: false);
        using (Config.NoGrad())                                // no graph needed to evaluate
        using (Config.TestMode())                              // Dropout off, BatchNorm on its running averages
        {
            var accuracy = F.Accuracy(model.Forward(test.Data), test.Labels).Data.Item();
            Console.WriteLine($"test accuracy {accuracy:F3}"); // 0.960
            Assert.Equal("0.960", accuracy.ToString("F3", System.Globalization.CultureInfo.InvariantCulture));
        }
        Assert.True(losses[^1] < 0.15 && losses[^1] < losses[0] / 5, $"loss went from {losses[0]} to {losses[^1]}");

        string path = Path.Combine(Path.GetTempPath(), "spiral.safetensors");
        model.SaveWeights(path);

        var restored = new MLP([10, 3], F.Sigmoid);            // same architecture, fresh weights
        restored.LoadWeights(path);                            // lazy layers take their shapes from the file
        using (Config.NoGrad())
            Console.WriteLine(Tensor.AllClose(restored.Forward(test.Data).Data, model.Forward(test.Data).Data));  // True

        using (Config.NoGrad())
            Assert.True(Tensor.ArrayEqual(restored.Forward(test.Data).Data, model.Forward(test.Data).Data));
        File.Delete(path);
    }

    [Fact]
    public void EveryGuideLineIsHere()
    {
        string root = RepositoryRoot();
        string guide = File.ReadAllText(Path.Combine(root, "docs", "GUIDE.md"));
        string sources = string.Concat(
            new[] { "tests/Nabla.Tests/Examples/GuideSnippetTests.cs", "examples/CustomFunction/Softplus.cs", "examples/CustomFunction/MyF.cs" }
                .Select(p => File.ReadAllText(Path.Combine(root, p))));
        var blocks = Regex.Matches(guide, @"```csharp\n(.*?)```", RegexOptions.Singleline);
        Assert.True(blocks.Count >= 15, $"only {blocks.Count} C# blocks found in GUIDE.md");
        var missing = blocks.SelectMany(b => b.Groups[1].Value.Split('\n'))
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !sources.Contains(line, StringComparison.Ordinal))
            .ToList();
        Assert.True(missing.Count == 0, "lines of docs/GUIDE.md that no test compiles:\n" + string.Join("\n", missing));
    }

    /// <summary>The folder above the test binaries that holds docs/GUIDE.md.</summary>
    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "docs", "GUIDE.md"))) return dir.FullName;
        throw new DirectoryNotFoundException($"no docs/GUIDE.md above {AppContext.BaseDirectory}");
    }
}
