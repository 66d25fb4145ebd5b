using Bundler.Core.Diagnostics;
using Bundler.Core.Resolution;

namespace Bundler.Core.Tests.Resolution;

/// <summary>Runs the resolver over a <see cref="FakeRegistry"/> and prints trees compactly.</summary>
internal static class Resolve
{
    public static async Task<(ResolvedTree Tree, RecordingBundleLog Log)> RunAsync(FakeRegistry registry, ResolvedTree? previous, IReadOnlyDictionary<string, string> requires,
        string? projectDirectory = null, ITarballManifestSource? tarballs = null)
    {
        var log = new RecordingBundleLog();
        var resolver = new Resolver(_ => registry, log, tarballs);
        var options = new ResolveOptions { ProjectDirectory = projectDirectory ?? Path.GetTempPath(), RootName = "app" };
        return (await resolver.ResolveAsync(requires, previous, options, CancellationToken.None), log);
    }

    /// <summary>"name@spec" arguments as root requirements.</summary>
    public static Dictionary<string, string> Requires(params string[] specs) =>
        specs.Select(PackageSpec.ParseArgument).ToDictionary(s => s.Name, s => s.Raw.Length == 0 ? "*" : s.Raw, StringComparer.Ordinal);

    public static Task<(ResolvedTree Tree, RecordingBundleLog Log)> RunAsync(FakeRegistry registry, params string[] requires) =>
        RunAsync(registry, null, Requires(requires));

    /// <summary>"path@version" per package, in path order (the paths without their node_modules/ prefixes).</summary>
    public static string Layout(ResolvedTree tree) => string.Join(" ", tree.Packages.Select(Short));

    public static string Short(ResolvedPackage p) => p.Path.Replace("node_modules/", "", StringComparison.Ordinal) + "@" + p.Version;
}
