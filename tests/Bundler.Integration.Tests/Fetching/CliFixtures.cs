using Bundler.Testing;

namespace Bundler.Integration.Tests.Fetching;

/// <summary>The packages the CLI fetching tests serve (names start with <c>cf-</c>; each Id has one content).</summary>
internal static class CliFixtures
{
    public static readonly FixturePackage Dep = new("cf-dep", "1.0.0");

    public static readonly FixturePackage App = new FixturePackage("cf-app", "1.0.0")
        .DependsOn("cf-dep", "^1.0.0")
        .WithFile("index.js", "var dep = require('cf-dep');\nmodule.exports = 'cf-app uses ' + dep.name;\n");

    public static readonly FixturePackage Other = new("cf-other", "2.0.0");

    /// <summary>About 60 KB that gzip cannot shrink: slow to drip, so a download is really in the middle of its body.</summary>
    public static readonly FixturePackage Slow = new FixturePackage("cf-slow", "1.0.0")
        .WithFile("index.js", "module.exports = 'slow';\n")
        .WithFile("data.txt", PackedFixtures.Noise(1, 80_000));

    /// <summary>A dependency chain, so packuments are read one after another and only tarballs download at once.</summary>
    public static readonly FixturePackage[] Chain = Enumerable.Range(1, 5).Select(i =>
    {
        var p = new FixturePackage($"cf-chain{i}", "1.0.0")
            .WithFile("index.js", "module.exports = " + i + ";\n")
            .WithFile("data.txt", PackedFixtures.Noise(10 + i, 4_000));
        return i < 5 ? p.DependsOn($"cf-chain{i + 1}", "1.0.0") : p;
    }).ToArray();

    /// <summary>Two MiB of one letter: far over the default compression ratio once the first MiB is unpacked.</summary>
    public static readonly FixturePackage Bomb = new FixturePackage("cf-bomb", "1.0.0")
        .WithFile("index.js", "module.exports = 'bomb';\n")
        .WithFile("blob.txt", new string('a', 2 * 1024 * 1024));

    public static readonly FixturePackage Deep = new FixturePackage("cf-deep", "1.0.0")
        .WithFile("index.js", "module.exports = 'deep';\n")
        .WithFile("lib/one/two/three/a-file-with-a-rather-long-name-for-path-limits.js", "module.exports = 3;\n");
}
