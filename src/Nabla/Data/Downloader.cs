using System.Security.Cryptography;
using Nabla.IO;

namespace Nabla.Data;

/// <summary>Fetches one dataset file, verifies its SHA-256 and only then moves it into place.</summary>
internal static class Downloader
{
    /// <summary>Downloads <paramref name="fileName"/> into <paramref name="directory"/> and returns its path.</summary>
    /// <exception cref="IOException">The download failed (offline, HTTP error).</exception>
    /// <exception cref="InvalidDataException">The downloaded bytes do not have the expected SHA-256.</exception>
    public static string Fetch(DatasetDownload download, string dataset, string fileName, string directory, IReadOnlyDictionary<string, string> knownSums)
    {
        string expected = ExpectedSum(download, dataset, fileName, knownSums);
        var url = new Uri(download.BaseUrl, fileName);
        Directory.CreateDirectory(directory);
        string target = Path.Combine(directory, fileName);
        using var client = new HttpClient(download.Handler ?? new HttpClientHandler(), disposeHandler: download.Handler is null) { Timeout = download.Timeout };
        AtomicFile.Write(target, file => Copy(client, url, file, expected, dataset));
        return target;
    }

    private static string ExpectedSum(DatasetDownload download, string dataset, string fileName, IReadOnlyDictionary<string, string> knownSums)
    {
        if (download.Sha256 is not null && download.Sha256.TryGetValue(fileName, out var given)) return Normalized(given, dataset, fileName);
        if (knownSums.TryGetValue(fileName, out var known)) return known;
        throw new InvalidOperationException($"{dataset}: no SHA-256 is known for '{fileName}', so it cannot be verified; give one in DatasetDownload.Sha256");
    }

    private static string Normalized(string sum, string dataset, string fileName)
    {
        string s = sum.Trim().ToLowerInvariant();
        if (s.Length != 64 || !s.All(char.IsAsciiHexDigit))
            throw new ArgumentException($"{dataset}: the SHA-256 given for '{fileName}' is not 64 hex digits: '{sum}'");
        return s;
    }

    /// <summary>Streams the response into <paramref name="file"/>, hashing as it goes; a mismatch throws before the rename.</summary>
    private static void Copy(HttpClient client, Uri url, Stream file, string expected, string dataset)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        try
        {
            // Sync over async: dataset constructors are synchronous, and HttpClient does not capture a context.
            using var response = client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead).GetAwaiter().GetResult();
            if (!response.IsSuccessStatusCode)
                throw new IOException($"{dataset}: downloading {url} failed with HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
            using var body = response.Content.ReadAsStream();
            var buffer = new byte[1 << 16];
            int n;
            while ((n = body.Read(buffer)) > 0)
            {
                hash.AppendData(buffer, 0, n);
                file.Write(buffer, 0, n);
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            throw new IOException($"{dataset}: could not download {url} (offline or unreachable?): {e.Message}", e);
        }
        string actual = Convert.ToHexString(hash.GetHashAndReset()).ToLowerInvariant();
        if (actual != expected)
            throw new InvalidDataException($"{dataset}: {url} has SHA-256 {actual}, expected {expected}; the file was not saved");
    }
}
