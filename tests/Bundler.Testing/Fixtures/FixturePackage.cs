using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Bundler.Testing;

/// <summary>
/// A package to publish to a test registry, built fluently:
/// <c>new FixturePackage("a", "1.0.0").DependsOn("b", "^2.0.0").WithFile("index.js", "module.exports = 1;")</c>.
/// With no files it gets an index.js exporting its name and version.
/// </summary>
public sealed class FixturePackage(string name, string version)
{
    // Written like npm writes package.json: indented, with '>' and non-ASCII left as they are.
    private static readonly JsonSerializerOptions ManifestJson = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly SortedDictionary<string, string> _files = new(StringComparer.Ordinal);
    private readonly List<FixturePackage> _bundled = [];

    public string Name { get; } = name;

    public string Version { get; } = version;

    public string Id => $"{Name}@{Version}";

    public SortedDictionary<string, string> Dependencies { get; } = new(StringComparer.Ordinal);

    public SortedDictionary<string, string> OptionalDependencies { get; } = new(StringComparer.Ordinal);

    public SortedDictionary<string, string> PeerDependencies { get; } = new(StringComparer.Ordinal);

    /// <summary>Peer dependencies marked optional in <c>peerDependenciesMeta</c>.</summary>
    public SortedSet<string> OptionalPeers { get; } = new(StringComparer.Ordinal);

    public SortedDictionary<string, string> DevDependencies { get; } = new(StringComparer.Ordinal);

    public IReadOnlyList<FixturePackage> Bundled => _bundled;

    public string? Main { get; private set; }

    /// <summary>Files by relative path ('/' separated).</summary>
    public IReadOnlyDictionary<string, string> Files => _files;

    /// <summary>package.json fields beyond the ones above (<c>files</c>, <c>browser</c>, <c>engines</c>, ...).</summary>
    public JsonObject ExtraFields { get; } = [];

    /// <summary>Deprecation message applied with <c>npm deprecate</c> after publishing, or null.</summary>
    public string? DeprecationMessage { get; private set; }

    /// <summary>Dist-tags pointed at this version with <c>npm dist-tag add</c> after everything is published.</summary>
    public SortedSet<string> DistTags { get; } = new(StringComparer.Ordinal);

    public FixturePackage DependsOn(string dependency, string range) => Set(Dependencies, dependency, range);

    public FixturePackage Optional(string dependency, string range) => Set(OptionalDependencies, dependency, range);

    public FixturePackage Peer(string dependency, string range, bool optional = false)
    {
        if (optional)
        {
            OptionalPeers.Add(dependency);
        }

        return Set(PeerDependencies, dependency, range);
    }

    public FixturePackage Dev(string dependency, string range) => Set(DevDependencies, dependency, range);

    /// <summary>Ships <paramref name="inner"/> inside this tarball (node_modules/NAME, listed in bundleDependencies
    /// and, with its exact version unless already there, in dependencies).</summary>
    public FixturePackage Bundles(FixturePackage inner)
    {
        _bundled.Add(inner);
        Dependencies.TryAdd(inner.Name, inner.Version);
        return this;
    }

    public FixturePackage WithMain(string main)
    {
        Main = main;
        return this;
    }

    public FixturePackage WithFile(string relativePath, string content)
    {
        _files[relativePath.Replace('\\', '/')] = content;
        return this;
    }

    public FixturePackage WithField(string key, JsonNode? value)
    {
        ExtraFields[key] = value;
        return this;
    }

    public FixturePackage Deprecated(string message)
    {
        DeprecationMessage = message;
        return this;
    }

    public FixturePackage TaggedAs(string tag)
    {
        DistTags.Add(tag);
        return this;
    }

    /// <summary>The package.json this package publishes, keys in a fixed order.</summary>
    public JsonObject Manifest()
    {
        var m = new JsonObject { ["name"] = Name, ["version"] = Version, ["description"] = "test fixture " + Id };
        if (Main is not null)
        {
            m["main"] = Main;
        }

        AddMap(m, "dependencies", Dependencies);
        AddMap(m, "optionalDependencies", OptionalDependencies);
        AddMap(m, "peerDependencies", PeerDependencies);
        if (OptionalPeers.Count > 0)
        {
            var meta = new JsonObject();
            foreach (var p in OptionalPeers)
            {
                meta[p] = new JsonObject { ["optional"] = true };
            }

            m["peerDependenciesMeta"] = meta;
        }

        AddMap(m, "devDependencies", DevDependencies);
        if (_bundled.Count > 0)
        {
            m["bundleDependencies"] = new JsonArray([.. _bundled.Select(b => JsonValue.Create(b.Name)).Distinct()]);
        }

        m["license"] = "MIT";
        foreach (var (key, value) in ExtraFields)
        {
            m[key] = value?.DeepClone();
        }

        return m;
    }

    /// <summary>The files written besides package.json (the default index.js when none were given).</summary>
    public IReadOnlyDictionary<string, string> EffectiveFiles() => _files.Count > 0
        ? _files
        : new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["index.js"] = $"module.exports = {{ name: {JsonSerializer.Serialize(Name)}, version: {JsonSerializer.Serialize(Version)} }};\n",
        };

    /// <summary>Writes the publishable folder <c>parent/NAME-VERSION</c> (scope '/' becomes '+') and returns it.</summary>
    public string WriteTo(string parentDirectory)
    {
        var dir = Path.Combine(parentDirectory, $"{Name.Replace('/', '+')}-{Version}");
        WriteInto(dir);
        return dir;
    }

    /// <summary>A hash of everything published, to tell two different packages with the same name@version apart.</summary>
    public string Fingerprint()
    {
        var sb = new StringBuilder(Manifest().ToJsonString());
        foreach (var (path, content) in EffectiveFiles())
        {
            sb.Append('\0').Append(path).Append('\0').Append(content);
        }

        foreach (var b in _bundled)
        {
            sb.Append("\0bundled\0").Append(b.Fingerprint());
        }

        sb.Append('\0').Append(DeprecationMessage).Append('\0').AppendJoin(',', DistTags);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())));
    }

    public override string ToString() => Id;

    private void WriteInto(string dir)
    {
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "package.json"), Manifest().ToJsonString(ManifestJson) + "\n");
        foreach (var (path, content) in EffectiveFiles())
        {
            var full = Path.Combine(dir, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, content);
        }

        foreach (var inner in _bundled)
        {
            inner.WriteInto(Path.Combine(dir, "node_modules", inner.Name));
        }
    }

    private FixturePackage Set(SortedDictionary<string, string> map, string dependency, string range)
    {
        map[dependency] = range;
        return this;
    }

    private static void AddMap(JsonObject m, string key, SortedDictionary<string, string> map)
    {
        if (map.Count > 0)
        {
            m[key] = new JsonObject([.. map.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))]);
        }
    }
}
