// A short tour of Nabla's Tensor: NumPy semantics in C#.
// Run: dotnet run --project examples/TensorTour -c Release -- [--device cpu|cuda|cuda:N|ilgpu-cpu]
using Nabla.Examples;
using Nabla.Tensors;

// Everything here takes milliseconds: --quick and --out are accepted for uniformity and change nothing.
var options = ExampleOptions.Parse(args, "TensorTour", "a short tour of the Tensor API", Console.Out, out int exit);
if (options is null) return exit;
// Tensors are made on the CPU; each one the tour makes is moved here (printing copies it back).
var device = options.Device;
var rng = new Generator(seed: 0);

Show("a = FromArray(float[,])", Tensor.FromArray(new float[,] { { 1, 2, 3 }, { 4, 5, 6 } }).To(device), out var a);
Show("a + [10, 20, 30]   (broadcasting)", a + Tensor.FromArray(new float[] { 10, 20, 30 }).To(device), out _);
Show("a.Sum(axis: 0)", a.Sum(axis: 0), out _);
Show("a.Mean(axis: 1, keepDims: true)", a.Mean(axis: 1, keepDims: true), out _);
Show("a.T   (a view, no copy)", a.T, out _);
Show("MatMul(a, a.T)", Tensor.MatMul(a, a.T), out _);
Show("a[.., 1..]   (slicing)", a[.., 1..], out _);
Show("a[new[] { 1, 1, 0 }]   (fancy indexing)", a[new[] { 1, 1, 0 }], out _);
Show("Where(a > 3, a, 0)", Tensor.Where(a > 3, a, Tensor.Scalar(0.0, DType.Float32)), out _);
Show("Randn(rng, 2, 3)   (seeded)", Tensor.Randn(rng, 2, 3).To(device), out _);

var grad = Tensor.Zeros(2, 3).To(device);
grad.AddAt(Tensor.Ones(3, 3).To(device), new[] { 0, 0, 1 });
Show("AddAt: zeros(2,3) with rows [0, 0, 1] += 1   (the gradient of indexing)", grad, out _);

try
{
    // On the device too, so that the error is about the shapes rather than the devices.
    _ = a + Tensor.Zeros(4).To(device);
}
catch (ArgumentException e)
{
    Console.WriteLine($"a + zeros(4) fails clearly:\n  {e.Message}");
}
return 0;

static void Show(string title, Tensor value, out Tensor result)
{
    Console.WriteLine($"{title}:\n{value}\n");
    result = value;
}
