using System.Security.Cryptography;
using Bundler.Core.Diagnostics;
using Bundler.Core.Fetching;
using Bundler.Core.Registry.Http;
using Bundler.Core.Tests.Http;
using Bundler.Testing.Servers;

namespace Bundler.Core.Tests.Fetching;

/// <summary>Packages served by a <see cref="FaultServer"/>, with their hashes computed by the BCL (not by the code under test).</summary>
internal static class FetchTestKit
{
    public static string Sha512(byte[] data) => "sha512-" + Convert.ToBase64String(SHA512.HashData(data));

    public static string Sha1Hex(byte[] data) => Convert.ToHexString(SHA1.HashData(data)).ToLowerInvariant();

    /// <summary>Serves <paramref name="data"/> at <c>/{name}/-/{name}-1.0.0.tgz</c> and returns a request for it.</summary>
    public static TarballRequest Serve(FaultServer server, string name, byte[] data, params FaultResponse[] before)
    {
        var path = $"/{name}/-/{name}-1.0.0.tgz";
        server.On(path, [.. before, FaultResponse.Ok(data)]);
        return new TarballRequest(name, "1.0.0", server.Url(path), Sha512(data), null);
    }

    public static TarballFetcher Fetcher(HttpTransport transport, string cacheRoot, IBundleLog log, FetchOptions? options = null) =>
        new(transport, new ContentCache(cacheRoot), options ?? new FetchOptions(), log);

    public static HttpTransport Transport(IBundleLog log) => new(NoCredentials.Instance, HttpTestKit.Fast, log);

    public static string[] TempFiles(string root) => Directory.Exists(root)
        ? Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Where(f => f.EndsWith(".tmp", StringComparison.Ordinal) || f.EndsWith(".purge", StringComparison.Ordinal)).ToArray()
        : [];

    public static string[] Entries(string root) => Directory.Exists(root)
        ? Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Where(f => !TempFiles(root).Contains(f)).ToArray()
        : [];
}
