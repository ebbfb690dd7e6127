using Nabla.Autodiff;

namespace Nabla.Examples.CustomFunction;

/// <summary>A facade for the functions of this example, as <see cref="F"/> is for Nabla's.</summary>
public static class MyF
{
    public static Variable Softplus(Variable x) => new Softplus().Call(x);
}
