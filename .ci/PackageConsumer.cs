// The console app .ci/package-check builds outside the repository against the Nabla package: no data directory is
// given, so the MNIST subset the package ships (copied next to the app) must be found.
using Nabla;
using Nabla.Autodiff;
using Nabla.Data;
using Nabla.NN;
using Nabla.NN.Optimizers;

var train = new Mnist(train: true);
var test = new Mnist(train: false);
var model = new MLP([100, 10]);
var optimizer = new Adam().Setup(model);
foreach (var (x, t) in new DataLoader(train, 100, shuffle: true))
{
    var loss = F.SoftmaxCrossEntropy(model.Forward(x), t);
    model.ClearGrads();
    loss.Backward();
    optimizer.Update();
}
using (Config.NoGrad())
{
    var (xs, ts) = new DataLoader(test, test.Count).First();
    Console.WriteLine($"trained on {train.Count} digits for one epoch; test accuracy {F.Accuracy(model.Forward(xs), ts).Data.Item():P2}");
}
