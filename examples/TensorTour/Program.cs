// A short tour of Nabla's Tensor: NumPy semantics in C#.
// Run: dotnet run --project examples/TensorTour -c Release
using Nabla.Tensors;

var rng = new Generator(seed: 0);

Show("a = FromArray(float[,])", Tensor.FromArray(new float[,] { { 1, 2, 3 }, { 4, 5, 6 } }), out var a);
Show("a + [10, 20, 30]   (broadcasting)", a + Tensor.FromArray(new float[] { 10, 20, 30 }), out _);
Show("a.Sum(axis: 0)", a.Sum(axis: 0), out _);
Show("a.Mean(axis: 1, keepDims: true)", a.Mean(axis: 1, keepDims: true), out _);
Show("a.T   (a view, no copy)", a.T, out _);
Show("MatMul(a, a.T)", Tensor.MatMul(a, a.T), out _);
Show("a[.., 1..]   (slicing)", a[.., 1..], out _);
Show("a[new[] { 1, 1, 0 }]   (fancy indexing)", a[new[] { 1, 1, 0 }], out _);
Show("Where(a > 3, a, 0)", Tensor.Where(a > 3, a, Tensor.Scalar(0.0, DType.Float32)), out _);
Show("Randn(rng, 2, 3)   (seeded)", Tensor.Randn(rng, 2, 3), out _);

var grad = Tensor.Zeros(2, 3);
grad.AddAt(Tensor.Ones(3, 3), new[] { 0, 0, 1 });
Show("AddAt: zeros(2,3) with rows [0, 0, 1] += 1   (the gradient of indexing)", grad, out _);

try
{
    _ = a + Tensor.Zeros(4);
}
catch (ArgumentException e)
{
    Console.WriteLine($"a + zeros(4) fails clearly:\n  {e.Message}");
}

static void Show(string title, Tensor value, out Tensor result)
{
    Console.WriteLine($"{title}:\n{value}\n");
    result = value;
}
