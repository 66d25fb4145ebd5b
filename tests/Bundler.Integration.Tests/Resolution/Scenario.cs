using System.Text.Json.Nodes;
using Bundler.Testing;

namespace Bundler.Integration.Tests.Resolution;

/// <summary>How a scenario's answer is judged.</summary>
internal enum OracleKind
{
    /// <summary>The (path, name, version) set of npm's package-lock.json.</summary>
    LockOnly,

    /// <summary>npm must refuse with ERESOLVE, and so must we (IPM3008).</summary>
    Conflict,

    /// <summary>The lock after changing the root's dependencies (<see cref="Scenario.Update"/>) with the first lock present.</summary>
    Update,

    /// <summary>What a real <c>npm install</c> puts in node_modules: for failed optional dependencies, which npm
    /// records in the lock but does not install (its "inert" nodes).</summary>
    Installed,
}

/// <summary>
/// A dependency tree to resolve with npm and with ipm: packages under names of its own (<c>id-name</c>, or
/// <c>@id/name</c> for scoped ones) on the shared registry, and the project's dependencies.
/// </summary>
internal sealed class Scenario(string id, string title)
{
    /// <summary>Stands for the registry URL (with a trailing slash) in root specs.</summary>
    public const string RegistryToken = "{registry}";

    public string Id { get; } = id;

    public string Title { get; } = title;

    public List<FixturePackage> Packages { get; } = [];

    /// <summary>The project's dependencies (name to spec).</summary>
    public SortedDictionary<string, string> Root { get; } = new(StringComparer.Ordinal);

    /// <summary>Local folders next to the project (folder name to package.json), for <c>file:../x</c> specs.</summary>
    public SortedDictionary<string, JsonObject> LocalFolders { get; } = new(StringComparer.Ordinal);

    public OracleKind Oracle { get; set; } = OracleKind.LockOnly;

    /// <summary>For <see cref="OracleKind.Update"/>: the root's dependencies after the change.</summary>
    public SortedDictionary<string, string> Update { get; } = new(StringComparer.Ordinal);

    /// <summary>Extra npm arguments; <c>--install-links</c> makes npm copy local folders as ipm does.</summary>
    public List<string> NpmArgs { get; } = [];

    public string N(string local) => local.StartsWith('@') ? $"@{Id}/{local[1..]}" : $"{Id}-{local}";

    /// <summary>Adds a package version under this scenario's names.</summary>
    public FixturePackage P(string local, string version)
    {
        var p = new FixturePackage(N(local), version);
        Packages.Add(p);
        return p;
    }

    public Scenario Requires(string local, string spec)
    {
        Root[N(local)] = spec;
        return this;
    }

    public Scenario Updates(string local, string spec)
    {
        Update[N(local)] = spec;
        return this;
    }

    /// <summary>The root dependencies (after the update when <paramref name="updated"/>) with the registry URL filled in.</summary>
    public SortedDictionary<string, string> RootFor(string registryUrl, bool updated = false) =>
        new((updated ? Update : Root).ToDictionary(kv => kv.Key, kv => kv.Value.Replace(RegistryToken, registryUrl, StringComparison.Ordinal)), StringComparer.Ordinal);

    /// <summary>Writes the project's package.json (with the updated dependencies when <paramref name="updated"/>).</summary>
    public void WriteManifest(string project, string registryUrl, bool updated)
    {
        var deps = new JsonObject();
        foreach (var (name, spec) in RootFor(registryUrl, updated))
        {
            deps[name] = spec;
        }

        var manifest = new JsonObject { ["name"] = "ipm-differential-" + Id, ["version"] = "1.0.0", ["private"] = true, ["dependencies"] = deps };
        File.WriteAllText(Path.Combine(project, "package.json"), manifest.ToJsonString() + "\n");
    }

    /// <summary>Writes <c>dir/project/package.json</c> and the local folders beside it; returns the project folder.</summary>
    public string WriteProject(string dir, string registryUrl)
    {
        var project = Path.Combine(dir, "project");
        Directory.CreateDirectory(project);
        WriteManifest(project, registryUrl, updated: false);
        foreach (var (folder, json) in LocalFolders)
        {
            var local = Path.Combine(dir, folder);
            Directory.CreateDirectory(local);
            File.WriteAllText(Path.Combine(local, "package.json"), json.ToJsonString() + "\n");
            File.WriteAllText(Path.Combine(local, "index.js"), "module.exports = 1;\n");
        }

        return project;
    }

    public override string ToString() => $"{Id}: {Title}";
}
