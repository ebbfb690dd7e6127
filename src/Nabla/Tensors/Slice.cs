namespace Nabla.Tensors;

/// <summary>A Python-style slice <c>start:stop:step</c>; null ends mean "from the edge", negatives count from the end.</summary>
public readonly record struct Slice(int? Start = null, int? Stop = null, int Step = 1)
{
    /// <summary>The whole axis (<c>:</c>).</summary>
    public static Slice All => new(null, null, 1);

    /// <summary>The first index, the step and the count this slice selects on an axis of length <paramref name="length"/>.</summary>
    internal (int Start, int Step, int Count) Resolve(int length, string op)
    {
        if (Step == 0) throw new ArgumentException($"{op}: slice step cannot be zero");
        int start, stop;
        if (Step > 0)
        {
            start = Clamp(Start ?? 0, length, 0, length);
            stop = Clamp(Stop ?? length, length, 0, length);
        }
        else
        {
            start = Start is int s ? Clamp(s, length, -1, length - 1) : length - 1;
            stop = Stop is int e ? Clamp(e, length, -1, length - 1) : -1;
        }
        // In long: a huge step (x[::int.MaxValue], x[::int.MinValue]) would overflow int and give no elements.
        long step = Step;
        long count = step > 0 ? (stop - start + step - 1) / step : (start - stop - step - 1) / -step;
        return (start, Step, (int)Math.Max(0, count));
    }

    private static int Clamp(int i, int length, int low, int high) => Math.Clamp(i < 0 ? i + length : i, low, high);

    /// <summary>Prints as Python would write it, e.g. <c>1:5:2</c>.</summary>
    public override string ToString() => $"{Start}:{Stop}" + (Step != 1 ? $":{Step}" : "");
}
