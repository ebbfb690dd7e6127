namespace Nabla.Data;

/// <summary>
/// Where and how a dataset fetches files it does not find: from <see cref="BaseUrl"/> into a directory (by default
/// <see cref="CacheDirectory"/>). Every file is checked against a SHA-256 sum (the dataset's table of known sums,
/// or <see cref="Sha256"/>) and only lands in the directory once it matches; a file whose sum is unknown is refused.
/// </summary>
public sealed class DatasetDownload
{
    /// <summary>Downloads <c>&lt;baseUrl&gt;/&lt;file name&gt;</c>.</summary>
    public DatasetDownload(Uri baseUrl)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        if (!baseUrl.IsAbsoluteUri) throw new ArgumentException($"DatasetDownload: base URL '{baseUrl}' must be absolute");
        // Without a trailing slash, relative file names would replace the last path segment.
        BaseUrl = baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");
    }

    /// <summary>Downloads <c>&lt;baseUrl&gt;/&lt;file name&gt;</c>.</summary>
    public DatasetDownload(string baseUrl) : this(new Uri(baseUrl ?? throw new ArgumentNullException(nameof(baseUrl))))
    {
    }

    /// <summary>The address files are fetched from (ending in '/').</summary>
    public Uri BaseUrl { get; }

    /// <summary>SHA-256 sums (hex) by file name; they take precedence over the dataset's table of known sums.</summary>
    public IReadOnlyDictionary<string, string>? Sha256 { get; init; }

    /// <summary>The HTTP handler to use (tests pass a stub; null uses the default handler).</summary>
    public HttpMessageHandler? Handler { get; init; }

    /// <summary>The longest one file may take.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The per-user cache folder of a dataset: <c>LocalApplicationData/nabla/datasets/&lt;name&gt;</c>.</summary>
    public static string CacheDirectory(string datasetName)
    {
        ArgumentException.ThrowIfNullOrEmpty(datasetName);
        string root = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
        if (string.IsNullOrEmpty(root))
            throw new InvalidOperationException($"DatasetDownload: this system has no per-user data folder for the '{datasetName}' cache; pass a directory explicitly");
        return Path.Combine(root, "nabla", "datasets", datasetName);
    }
}
