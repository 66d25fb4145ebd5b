using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Bundler.Testing;

namespace Bundler.Integration.Tests.Resolution;

/// <summary>npm's answer for one scenario: the installed (path, package, version) entries, or the error code it failed
/// with; <paramref name="Links"/> are the install paths where npm put a link to an ancestor (a dependency loop).</summary>
internal sealed record NpmAnswer(IReadOnlyList<string> Entries, string? ErrorCode, string Output, IReadOnlyList<string> Links)
{
    /// <summary>Entries npm flags extraneous: kept in its lock, reached by no dependency.</summary>
    public IReadOnlyList<string> Extraneous { get; init; } = [];

    /// <summary>For an update scenario, npm's answer before the change.</summary>
    public NpmAnswer? Before { get; init; }
}

/// <summary>The test class's fixture: one <see cref="NpmOracle"/>, made by the first test (it needs the shared registry).</summary>
public sealed class NpmOracleFixture : IDisposable
{
    private readonly object _gate = new();
    private NpmOracle? _oracle;
    private Exception? _failure;

    internal NpmOracle For(VerdaccioFixture registry)
    {
        lock (_gate)
        {
            // A failure to publish is reported by every test, not retried by each (the registry keeps what got in).
            if (_failure is not null)
            {
                throw new InvalidOperationException("publishing the scenarios failed", _failure);
            }

            try
            {
                return _oracle ??= new NpmOracle(registry);
            }
            catch (Exception e)
            {
                _failure = e;
                throw;
            }
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
                return new NpmAnswer(Installed(Path.Combine(project, "node_modules"), "node_modules"), null, result.StdOut + result.StdErr, []);
            }

            var locked = NpmClient.LockOnlyInstall(project, Registry.Url, null, s.NpmArgs);
            if (s.Oracle == OracleKind.Update)
            {
                // npm install with its lock present and package.json changed, as a user editing a range does.
                var before = Answer(project, locked);
                s.WriteManifest(project, Registry.Url, updated: true);
                return Answer(project, NpmClient.LockOnlyInstall(project, Registry.Url, null, s.NpmArgs)) with { Before = before };
            }

            return Answer(project, locked);
        }
        catch (NpmCommandException e)
        {
            return new NpmAnswer([], e.NpmErrorCode ?? "exit " + e.ExitCode, e.Message, []);
        }
        catch (TimeoutException e)
        {
            return new NpmAnswer([], "timeout", e.Message, []);
        }
    }

    private static NpmAnswer Answer(string project, IReadOnlyList<LockedPackage> locked)
    {
        // Bundled packages come inside their parent's tarball; ipm takes them from there and never places them.
        // Extraneous ones (no dependency path reaches them) are compared apart: ipm keeps them in its lock, not in the bundle.
        var text = File.ReadAllText(Path.Combine(project, "package-lock.json"));
        var (extraneous, links) = Flags(text);
        var entries = locked.Where(p => !p.InBundle && !extraneous.Contains(p.Path))
            .Select(p => Entry(p.Path, p.Name, p.Version)).Order(StringComparer.Ordinal).ToList();
        var unused = locked.Where(p => !p.InBundle && extraneous.Contains(p.Path))
            .Select(p => Entry(p.Path, p.Name, p.Version)).Order(StringComparer.Ordinal).ToList();
        return new NpmAnswer(entries, null, text, links) { Extraneous = unused };
    }

    /// <summary>Lock entries flagged extraneous, and links inside node_modules (npm's answer to a dependency loop).</summary>
    private static (HashSet<string> Extraneous, List<string> Links) Flags(string packageLock)
    {
        var extraneous = new HashSet<string>(StringComparer.Ordinal);
        var links = new List<string>();
        foreach (var (path, node) in JsonNode.Parse(packageLock)!["packages"]!.AsObject())
        {
            if (node?["extraneous"]?.GetValue<bool>() == true)
            {
                extraneous.Add(path);
            }

            if (node?["link"]?.GetValue<bool>() == true && path.StartsWith("node_modules/", StringComparison.Ordinal))
            {
                links.Add(path);
            }
        }

        return (extraneous, links);
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
