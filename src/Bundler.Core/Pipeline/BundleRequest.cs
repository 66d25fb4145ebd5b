namespace Bundler.Core.Pipeline;

/// <summary>
/// One declared package: a CLI spec (<c>echotest@^0.0.1</c>), a manifest dependency, or an MSBuild
/// <c>IpmModule</c> item. <see cref="Spec"/> is what npm accepts after the name: a range, a version, a dist-tag,
/// <c>npm:other@^1</c>, <c>file:../app</c> or a tarball URL.
/// <see cref="Name"/> is empty when only a local folder was given (<c>&lt;IpmModule Include="../app" /&gt;</c>,
/// <c>ipm bundle ../app</c>): <see cref="Spec"/> is then <c>file:../app</c> and the name comes from that
/// folder's package.json, as <c>npm install ../app</c> does.
/// </summary>
public sealed record ModuleRequest(string Name, string Spec)
{
    /// <summary>Registry URL or folder for this package only (MSBuild item metadata <c>Registry</c>).</summary>
    public string? Registry { get; init; }

    /// <summary>Globs (separated by ';') of package files to ship in addition to the reachable ones.</summary>
    public string? Files { get; init; }

    /// <summary>Globs (separated by ';') of package files never to ship.</summary>
    public string? ExcludeFiles { get; init; }

    /// <summary>Where the module was declared (project file), for diagnostics.</summary>
    public string? SourceFile { get; init; }

    /// <summary>1-based line of the declaration in <see cref="SourceFile"/>, 0 when unknown.</summary>
    public int SourceLine { get; init; }

    /// <summary>
    /// npm's test for "this names a path, not a package" (npm-package-arg's isFilespec): starts with <c>.</c>,
    /// <c>~/</c>, a slash or a drive letter. An MSBuild item or CLI argument that passes it is a local folder.
    /// </summary>
    public static bool IsLocalPath(string text) =>
        text.Length > 0 && (text[0] is '.' or '/' or '\\' || text.StartsWith("~/", StringComparison.Ordinal)
            || (text.Length > 1 && char.IsAsciiLetter(text[0]) && text[1] == ':'));
}

/// <summary>Everything one bundle run needs. The CLI and the MSBuild tasks both build one of these.</summary>
public sealed record BundleRequest
{
    public required IReadOnlyList<ModuleRequest> Modules { get; init; }

    /// <summary>Where <c>.npmrc</c> lookup starts, relative paths are based, and the lock file lives by default.</summary>
    public required string ProjectDirectory { get; init; }

    /// <summary>Folder the generated sources are written to (replaced only when the run succeeds).</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>The project's name in requirement chains (<c>app &gt; b@^2</c>): the manifest or project name.</summary>
    public string RootName { get; init; } = "root";

    /// <summary>Template set: <c>generic</c>, <c>iotjs</c>, <c>folder</c>, or a path to a folder of .hbs files.</summary>
    public string Template { get; init; } = "generic";

    /// <summary>Registry URL or static folder registry path; overrides <c>.npmrc</c>.</summary>
    public string? Registry { get; init; }

    /// <summary>Lock file path; default <c>ipm-lock.json</c> in <see cref="ProjectDirectory"/>.</summary>
    public string? LockFile { get; init; }

    /// <summary>Fail if the declared modules do not match the lock; never write the lock.</summary>
    public bool Locked { get; init; }

    /// <summary>Use only the cache; never touch the network.</summary>
    public bool Offline { get; init; }

    /// <summary>Use cached data where present, the network only for what is missing.</summary>
    public bool PreferOffline { get; init; }

    /// <summary>Content-addressed cache folder; default under the user's cache directory.</summary>
    public string? CacheDirectory { get; init; }

    /// <summary>Concurrent downloads.</summary>
    public int Jobs { get; init; } = 8;

    /// <summary>IPFS HTTP gateway tried first for packages whose dist has a <c>cid</c>.</summary>
    public string? IpfsGateway { get; init; }

    /// <summary>The application's entry file, bundled and run by the template's main builtin.</summary>
    public string? Entry { get; init; }

    public bool Minify { get; init; } = true;

    /// <summary>Flash budget in bytes; over it is an error listing the largest contributors.</summary>
    public long? MaxFlashBytes { get; init; }

    /// <summary><c>es5.1</c> (IoT.js default) or <c>es.next</c>.</summary>
    public string EngineProfile { get; init; } = "es5.1";

    /// <summary>Accept packages with no integrity and no shasum (a warning each).</summary>
    public bool AllowUnverified { get; init; }

    /// <summary>Also write the exact shipped files under their virtual paths here.</summary>
    public string? EmitFilesDirectory { get; init; }

    /// <summary>Limits every archive is extracted under (entries, sizes, ratios, depth).</summary>
    public Archives.ExtractionLimits ExtractionLimits { get; init; } = Archives.ExtractionLimits.Default;

    /// <summary>Test hook: the HTTP handler every request goes through. Null means a real socket handler.</summary>
    public HttpMessageHandler? HttpHandler { get; init; }
}

/// <summary>What a finished run produced.</summary>
public sealed record BundleResult
{
    /// <summary>Absolute paths of every generated file, ordinally sorted.</summary>
    public required IReadOnlyList<string> GeneratedFiles { get; init; }

    /// <summary>The lock digest (<c>sha512-...</c> of the canonical lock) also emitted into the C.</summary>
    public required string LockDigest { get; init; }

    public required string LockFile { get; init; }

    public int PackageCount { get; init; }

    public long FetchedBytes { get; init; }

    /// <summary>Bytes of string-literal data plus table overhead that will land in flash.</summary>
    public long FlashBytes { get; init; }

    /// <summary>Full paths of the project's own files that were bundled: the entry and the files it requires.
    /// They are inputs of generation (an incremental build must rerun when one changes).</summary>
    public IReadOnlyList<string> ProjectFiles { get; init; } = [];

    /// <summary>Full paths of the files written into <see cref="BundleRequest.EmitFilesDirectory"/>, ordinally
    /// sorted; empty when it is not set. That folder is replaced as a whole, so it holds exactly these.</summary>
    public IReadOnlyList<string> EmittedFiles { get; init; } = [];
}
