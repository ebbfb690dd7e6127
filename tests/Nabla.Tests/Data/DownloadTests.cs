using System.Net;
using System.Security.Cryptography;
using Nabla.Data;
using Nabla.Tests.IO;

namespace Nabla.Tests.Data;

/// <summary>
/// Dataset downloads against an in-process stub HTTP handler (no network): verified files land in the directory,
/// bad sums, HTTP errors and being offline leave nothing behind and say why.
/// </summary>
public class DownloadTests
{
    private const string BaseUrl = "http://datasets.invalid/mnist/";

    /// <summary>Serves the given files by name; anything else is 404. Counts requests.</summary>
    private sealed class StubHandler(Dictionary<string, byte[]> files) : HttpMessageHandler
    {
        public List<string> Requests { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add(request.RequestUri!.AbsoluteUri);
            string name = Path.GetFileName(request.RequestUri.AbsolutePath);
            var response = files.TryGetValue(name, out var bytes)
                ? new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(bytes) }
                : new HttpResponseMessage(HttpStatusCode.NotFound) { ReasonPhrase = "Not Found" };
            return Task.FromResult(response);
        }
    }

    private sealed class OfflineHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            throw new HttpRequestException("Name or service not known (datasets.invalid:80)");
    }

    private static Dictionary<string, byte[]> TestSplitFiles()
    {
        var (images, labels) = IdxFiles.Digits(6);
        return new()
        {
            ["t10k-images-idx3-ubyte.gz"] = IdxFiles.Gzip(images),
            ["t10k-labels-idx1-ubyte.gz"] = IdxFiles.Gzip(labels),
        };
    }

    private static Dictionary<string, string> Sums(Dictionary<string, byte[]> files) =>
        files.ToDictionary(kv => kv.Key, kv => Convert.ToHexString(SHA256.HashData(kv.Value)));

    [Fact]
    public void MissingFilesAreDownloadedVerifiedAndThenReused()
    {
        using var cache = new TempDirectory();
        var files = TestSplitFiles();
        var stub = new StubHandler(files);
        var download = new DatasetDownload(BaseUrl) { Handler = stub, Sha256 = Sums(files) };
        var ds = new Mnist(train: false, directory: cache.Path, download: download);
        Assert.Equal(6, ds.Count);
        Assert.Equal(new[] { BaseUrl + "t10k-images-idx3-ubyte.gz", BaseUrl + "t10k-labels-idx1-ubyte.gz" }, stub.Requests);
        Assert.Equal(files.Keys.Order(StringComparer.Ordinal), cache.FileNames());
        Assert.Equal(files["t10k-images-idx3-ubyte.gz"], File.ReadAllBytes(cache.File("t10k-images-idx3-ubyte.gz")));
        // Present files are not fetched again.
        Assert.Equal(6, new Mnist(train: false, directory: cache.Path, download: download).Count);
        Assert.Equal(2, stub.Requests.Count);
    }

    [Fact]
    public void AWrongSumKeepsNothing()
    {
        using var cache = new TempDirectory();
        var files = TestSplitFiles();
        var sums = Sums(files);
        sums["t10k-images-idx3-ubyte.gz"] = new string('0', 64);
        var download = new DatasetDownload(BaseUrl) { Handler = new StubHandler(files), Sha256 = sums };
        var e = Assert.Throws<InvalidDataException>(() => new Mnist(train: false, directory: cache.Path, download: download));
        Assert.Contains(BaseUrl + "t10k-images-idx3-ubyte.gz", e.Message);
        Assert.Contains("expected " + new string('0', 64), e.Message);
        Assert.Empty(cache.FileNames());
    }

    [Fact]
    public void TheKnownSumsOfRealMnistAreChecked()
    {
        using var cache = new TempDirectory();
        var download = new DatasetDownload(BaseUrl) { Handler = new StubHandler(TestSplitFiles()) };
        var e = Assert.Throws<InvalidDataException>(() => new Mnist(train: false, directory: cache.Path, download: download));
        Assert.Contains(Mnist.KnownSha256["t10k-images-idx3-ubyte.gz"], e.Message);
        Assert.Empty(cache.FileNames());
    }

    [Fact]
    public void OfflineAndHttpErrorsSayWhat()
    {
        using var cache = new TempDirectory();
        var offline = new DatasetDownload(BaseUrl) { Handler = new OfflineHandler() };
        var e = Assert.Throws<IOException>(() => new FashionMnist(train: false, directory: cache.Path, download: offline));
        Assert.Contains("could not download " + BaseUrl + "t10k-images-idx3-ubyte.gz", e.Message);
        Assert.Contains("Name or service not known", e.Message);
        var notFound = new DatasetDownload(BaseUrl) { Handler = new StubHandler([]) };
        Assert.Contains("HTTP 404", Assert.Throws<IOException>(() => new Mnist(train: true, directory: cache.Path, download: notFound)).Message);
        Assert.Empty(cache.FileNames());
    }

    [Fact]
    public void AFileWithoutAnyKnownSumIsRefused()
    {
        using var cache = new TempDirectory();
        var download = new DatasetDownload(BaseUrl) { Handler = new StubHandler(TestSplitFiles()) };
        var e = Assert.Throws<InvalidOperationException>(() => Downloader.Fetch(download, "Test", "t10k-images-idx3-ubyte.gz", cache.Path, new Dictionary<string, string>()));
        Assert.Contains("no SHA-256 is known", e.Message);
        Assert.Empty(cache.FileNames());
    }

    [Fact]
    public void OptionsAreChecked()
    {
        Assert.Equal("http://h/a/b/", new DatasetDownload("http://h/a/b").BaseUrl.AbsoluteUri);
        Assert.Throws<ArgumentException>(() => new DatasetDownload(new Uri("relative/path", UriKind.Relative)));
        Assert.EndsWith(Path.Combine("nabla", "datasets", "mnist"), DatasetDownload.CacheDirectory("mnist"));
        using var cache = new TempDirectory();
        var bad = new DatasetDownload(BaseUrl) { Handler = new StubHandler(TestSplitFiles()), Sha256 = new Dictionary<string, string> { ["t10k-images-idx3-ubyte.gz"] = "abc" } };
        Assert.Contains("not 64 hex digits", Assert.Throws<ArgumentException>(() => new Mnist(false, cache.Path, bad)).Message);
    }
}
