using System.Text.Json;
using Bundler.Testing;

namespace Bundler.Integration.Tests.Fetching;

/// <summary>A fixture packed by <c>npm pack</c>: the archive and the integrity and shasum npm computed for it.</summary>
internal sealed record PackedPackage(FixturePackage Package, byte[] Tarball, string Integrity, string Shasum)
{
    public string Name => Package.Name;

    public string Version => Package.Version;

    public string Label => Package.Id;
}

/// <summary>Packs fixtures with the real npm CLI, so archives and hashes come from npm, not from the code under test.</summary>
internal static class PackedFixtures
{
    private static readonly Dictionary<string, PackedPackage> Packed = new(StringComparer.Ordinal);

    /// <summary>Packs what is not packed yet (one npm call) and returns every package, in the order given.</summary>
    public static IReadOnlyList<PackedPackage> Pack(params FixturePackage[] packages)
    {
        lock (Packed)
        {
            var missing = packages.Where(p => !Packed.ContainsKey(p.Id)).ToList();
            if (missing.Count > 0)
            {
                using var work = new TempDirectory("ipm-pack");
                var dirs = missing.Select(p => p.WriteTo(work.Combine("src"))).ToList();
                var dest = Directory.CreateDirectory(work.Combine("packed")).FullName;
                var result = NpmClient.Run(["pack", .. dirs, "--json", "--pack-destination", dest], work.Path, "http://127.0.0.1:9/", token: null);
                foreach (var info in JsonDocument.Parse(result.StdOut).RootElement.EnumerateArray())
                {
                    var id = $"{info.GetProperty("name").GetString()}@{info.GetProperty("version").GetString()}";
                    var fixture = missing.Single(p => p.Id == id);
                    var bytes = File.ReadAllBytes(Path.Combine(dest, info.GetProperty("filename").GetString()!));
                    Packed[id] = new PackedPackage(fixture, bytes, info.GetProperty("integrity").GetString()!, info.GetProperty("shasum").GetString()!);
                }
            }

            return packages.Select(p => Packed[p.Id]).ToList();
        }
    }

    /// <summary>Text that gzip cannot shrink much (deterministic), to make archives of a given size.</summary>
    public static string Noise(int seed, int length)
    {
        var random = new Random(seed);
        const string alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = i % 80 == 79 ? '\n' : alphabet[random.Next(alphabet.Length)];
        }

        return new string(chars);
    }
}
