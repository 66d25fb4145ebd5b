using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Bundler.Testing;

namespace Bundler.Integration.Tests.Resolution;

/// <summary>npm's answer for one scenario: the installed (path, package, version) entries, or the error code it failed with.</summary>
internal sealed record NpmAnswer(IReadOnlyList<string> Entries, string? ErrorCode, string Output);

/// <summary>The test class's fixture: one <see cref="NpmOracle"/>, made by the first test (it needs the shared registry).</summary>
public sealed class NpmOracleFixture : IDisposable
{
    private readonly object _gate = new();
    private NpmOracle? _oracle;

    internal NpmOracle For(VerdaccioFixture registry)
    {
        lock (_gate)
        {
            return _oracle ??= new NpmOracle(registry);
        }
    }

    public void Dispose() => _oracle?.Dispose();
}

/// <summary>
/// Publishes every scenario to the shared Verdaccio once, then asks npm about all of them in parallel (npm's runs
/// are mostly waiting), so each test only runs ipm's resolver and compares.
/// </summary>
internal sealed class NpmOracle : IDisposable
{
    private readonly ConcurrentDictionary<string, NpmAnswer> _answers = new(StringComparer.Ordinal);

    public NpmOracle(VerdaccioFixture registry)
    {
        Registry = registry;
        Work = new TempDirectory("ipm-differential");
        ScenarioPublisher.Publish(registry.Server, NpmScenarios.All.SelectMany(s => s.Packages));
        Parallel.ForEach(NpmScenarios.All, new ParallelOptions { MaxDegreeOfParallelism = 4 }, s => _answers[s.Id] = Ask(s));
    }

    public VerdaccioFixture Registry { get; }

    /// <summary>Holds each scenario's project folder (ipm resolves the same folder npm did).</summary>
    public TempDirectory Work { get; }

    public NpmAnswer Answer(string id) => _answers[id];

    public string ProjectDirectory(Scenario s) => Path.Combine(Work.Path, s.Id, "project");

    /// <summary>An entry as both sides write it: install path, package name, version.</summary>
    public static string Entry(string path, string name, string version) => $"{path} {name}@{version}";

    public void Dispose() => Work.Dispose();

    private NpmAnswer Ask(Scenario s)
    {
        var dir = Path.Combine(Work.Path, s.Id);
        var project = s.WriteProject(dir, Registry.Url);
        try
        {
            if (s.Oracle == OracleKind.Installed)
            {
                var result = NpmClient.Run(["install", "--ignore-scripts", "--no-audit", "--no-fund", .. s.NpmArgs], project, Registry.Url, null);
                return new NpmAnswer(Installed(Path.Combine(project, "node_modules"), "node_modules"), null, result.StdOut + result.StdErr);
            }

            var locked = NpmClient.LockOnlyInstall(project, Registry.Url, null, s.NpmArgs);

            // Bundled packages come inside their parent's tarball; ipm takes them from there and never places them.
            var entries = locked.Where(p => !p.InBundle).Select(p => Entry(p.Path, p.Name, p.Version)).Order(StringComparer.Ordinal).ToList();
            return new NpmAnswer(entries, null, File.ReadAllText(Path.Combine(project, "package-lock.json")));
        }
        catch (NpmCommandException e)
        {
            return new NpmAnswer([], e.NpmErrorCode ?? "exit " + e.ExitCode, e.Message);
        }
    }

    /// <summary>What npm actually installed: every package.json under node_modules, recursively.</summary>
    private static List<string> Installed(string nodeModules, string prefix)
    {
        var result = new List<string>();
        if (!Directory.Exists(nodeModules))
        {
            return result;
        }

        foreach (var dir in Directory.GetDirectories(nodeModules))
        {
            var name = Path.GetFileName(dir);
            if (name.StartsWith('.'))
            {
                continue;
            }

            var packages = name.StartsWith('@') ? Directory.GetDirectories(dir).Select(d => (Dir: d, Name: name + "/" + Path.GetFileName(d))) : [(dir, name)];
            foreach (var (packageDir, packageName) in packages)
            {
                var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(packageDir, "package.json")))!;
                var path = $"{prefix}/{packageName}";
                result.Add(Entry(path, (string)manifest["name"]!, (string)manifest["version"]!));
                result.AddRange(Installed(Path.Combine(packageDir, "node_modules"), path + "/node_modules"));
            }
        }

        result.Sort(StringComparer.Ordinal);
        return result;
    }
}
