namespace Nabla.Cli.Training;

/// <summary>What <c>nabla train</c> was asked to do.</summary>
public sealed record TrainOptions
{
    public required string Dataset { get; init; }
    public required string Model { get; init; }
    public int Epochs { get; init; }
    public int BatchSize { get; init; }
    public double LearningRate { get; init; }
    public double WeightDecay { get; init; }
    public long Seed { get; init; }
    public string? DataDirectory { get; init; }
    public required string OutDirectory { get; init; }
    public int Threads { get; init; }
    public bool Plain { get; init; }

    /// <summary>Draw data, weights and shuffles from NumPy's legacy generator (<c>--numpy-rng</c>), as DeZero does.</summary>
    public bool NumPyRng { get; init; }

    /// <summary>Run the book's step 48 exactly and print each epoch's loss (<c>--book</c>, spiral only).</summary>
    public bool Book { get; init; }

    /// <summary>Data-parallel over the ranks of the MPI job this process runs in (<c>--distributed</c>); one rank outside mpirun.</summary>
    public bool Distributed { get; init; }

    /// <summary>Where the model, its optimizer state and the data live (<c>--device</c>).</summary>
    public Nabla.Tensors.Device Device { get; init; } = Nabla.Tensors.Device.Cpu;

    /// <summary>Use only the first N training and N/4 test examples (a quick smoke run); 0 for all.</summary>
    public int Limit { get; init; }
}
