namespace Nabla.Tests;

/// <summary>
/// How hard the fuzz and kill tests push. CI runs the short, seeded mode (a few thousand inputs per parser within a
/// few seconds each); <c>NABLA_FUZZ_LONG=1 dotnet test -c Release --filter Category=Fuzz</c> runs about 20,000 inputs
/// per parser and more kill trials, and prints the counts of each parser's run.
/// </summary>
public static class FuzzSettings
{
    /// <summary>Whether the long mode was asked for.</summary>
    public static bool Long => Environment.GetEnvironmentVariable("NABLA_FUZZ_LONG") == "1";

    /// <summary>Inputs per parser: 20,000 in the long mode, <paramref name="ci"/> otherwise.</summary>
    public static int Inputs(int ci) => Long ? 20_000 : ci;

    /// <summary>The seed: NABLA_FUZZ_SEED when set (to replay a long run), else the fixed one of CI.</summary>
    public static int Seed(int ci) =>
        int.TryParse(Environment.GetEnvironmentVariable("NABLA_FUZZ_SEED"), out int seed) ? seed : ci;
}
