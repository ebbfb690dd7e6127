using Nabla.Tensors;

namespace Nabla.Tests;

/// <summary>The SIMD levels this machine can run, for tests in the <see cref="SimdLevelCollection"/> that pin a kernel at each.</summary>
public static class SimdLevels
{
    /// <summary>Every level up to <see cref="Simd.Detected"/>, as theory data.</summary>
    public static TheoryData<SimdLevel> Supported()
    {
        var data = new TheoryData<SimdLevel>();
        foreach (var level in Enum.GetValues<SimdLevel>())
            if (level <= Simd.Detected) data.Add(level);
        return data;
    }

    /// <summary>Runs <paramref name="body"/> with <see cref="Simd.Level"/> set to <paramref name="level"/>, then restores it.</summary>
    public static void With(SimdLevel level, Action body)
    {
        var saved = Simd.Level;
        try
        {
            Simd.Level = level;
            body();
        }
        finally
        {
            Simd.Level = saved;
        }
    }
}
