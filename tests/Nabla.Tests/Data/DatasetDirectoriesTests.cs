using Nabla.Data;
using Nabla.Tests.IO;

namespace Nabla.Tests.Data;

/// <summary>Where the shipped data sets are looked for: NABLA_DATA, next to the application, a clone's data/.</summary>
public class DatasetDirectoriesTests
{
    [Fact]
    public void TheShippedDigitsAreCopiedNextToTheApplication()
    {
        // What the NuGet package's content files and the project reference both do for a consumer.
        string dir = Path.Combine(AppContext.BaseDirectory, "data", "mnist-10k");
        foreach (var file in new[] { "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz" })
            Assert.True(File.Exists(Path.Combine(dir, file)), $"{file} is not in {dir}");
        Assert.Equal(8000, new Mnist(train: true, directory: dir).Count);
    }

    [Fact]
    public void TheEnvironmentVariableComesFirstAndAMissingOneFallsBack()
    {
        using var root = new TempDirectory();
        string env = Path.Combine(root.Path, "mine");
        string app = Path.Combine(root.Path, "app", "bin");
        string cwd = Path.Combine(root.Path, "elsewhere");
        Directory.CreateDirectory(Path.Combine(env, "mnist-10k"));
        Directory.CreateDirectory(Path.Combine(app, "data", "mnist-10k"));
        Directory.CreateDirectory(cwd);

        Assert.Equal(Path.Combine(env, "mnist-10k"), DatasetDirectories.Find("mnist-10k", env, app, cwd));
        Assert.Equal(Path.Combine(app, "data", "mnist-10k"), DatasetDirectories.Find("mnist-10k", Path.Combine(root.Path, "absent"), app, cwd));
        Assert.Equal(Path.Combine(app, "data", "mnist-10k"), DatasetDirectories.Find("mnist-10k", null, app, cwd));
    }

    [Fact]
    public void AClonesDataFolderIsFoundFromASubfolderOfTheCurrentDirectory()
    {
        using var root = new TempDirectory();
        string clone = Path.Combine(root.Path, "clone");
        string cwd = Path.Combine(clone, "src", "deep");
        Directory.CreateDirectory(Path.Combine(clone, "data", "mnist-10k"));
        Directory.CreateDirectory(cwd);
        string app = Path.Combine(root.Path, "tool");
        Directory.CreateDirectory(app);

        Assert.Equal(Path.Combine(clone, "data", "mnist-10k"), DatasetDirectories.Find("mnist-10k", null, app, cwd));
        Assert.Null(DatasetDirectories.Find("fashion-mnist", null, app, cwd));
        var candidates = DatasetDirectories.Candidates("mnist-10k", "/x", app, cwd).ToList();
        Assert.Equal(Path.Combine("/x", "mnist-10k"), candidates[0]);
        Assert.Equal(Path.Combine(app, "data", "mnist-10k"), candidates[1]);
    }

    [Fact]
    public void TheErrorSaysWhereItLookedAndWhatToDo()
    {
        var e = DatasetDirectories.NotFound("FashionMnist", "fashion-mnist");
        Assert.Contains("data/fashion-mnist", e.Message);
        Assert.Contains("NABLA_DATA", e.Message);
        Assert.Contains(AppContext.BaseDirectory, e.Message);
        Assert.Contains(Directory.GetCurrentDirectory(), e.Message);
        Assert.Contains("--data", e.Message);
        Assert.Contains("DatasetDownload", e.Message);
    }
}
