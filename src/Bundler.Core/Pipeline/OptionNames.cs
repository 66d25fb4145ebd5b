using static System.FormattableString;

namespace Bundler.Core.Pipeline;

/// <summary>Command-line option names and their help texts: the one place a user-visible option is defined.</summary>
public static class OptionNames
{
    public static readonly (string Name, string Help) Registry = ("--registry", "Registry URL or static folder registry; overrides .npmrc.");
    public static readonly (string Name, string Help) Manifest = ("--manifest", "A package.json whose dependencies are bundled.");
    public static readonly (string Name, string Help) Out = ("--out", "Folder the generated sources are written to (replaced only on success).");
    public static readonly (string Name, string Help) Template = ("--template", "Template set: generic, iotjs, folder, or a folder of .hbs files.");
    public static readonly (string Name, string Help) Lock = ("--lock", "Lock file path (default: ipm-lock.json beside the manifest, or in the current folder).");
    public static readonly (string Name, string Help) Locked = ("--locked", "Fail if the declared packages do not match the lock; never write the lock.");
    public static readonly (string Name, string Help) Frozen = ("--frozen", "--locked and --offline together.");
    public static readonly (string Name, string Help) Offline = ("--offline", "Use only the cache; a missing package is an error.");
    public static readonly (string Name, string Help) PreferOffline = ("--prefer-offline", "Use cached data where present, the network only for what is missing.");
    public static readonly (string Name, string Help) Cache = ("--cache", "Cache folder (default: the user's cache directory, ipm).");
    public static readonly (string Name, string Help) Jobs = ("--jobs", "Concurrent downloads (default 8).");
    public static readonly (string Name, string Help) IpfsGateway = ("--ipfs-gateway", "IPFS HTTP gateway tried first for packages that carry a cid.");
    public static readonly (string Name, string Help) Entry = ("--entry", "The application's entry file, bundled and run by the template's main module.");
    public static readonly (string Name, string Help) Minify = ("--minify", "Remove comments and whitespace from shipped JavaScript (default true; --minify false ships it as published).");
    public static readonly (string Name, string Help) NoMinify = ("--no-minify", "Shorthand for --minify false.");
    public static readonly (string Name, string Help) MaxFlash = ("--max-flash", "Flash budget in bytes; over it is an error listing the largest contributors.");
    public static readonly (string Name, string Help) EngineProfile = ("--engine-profile", "JavaScript the engine accepts: es5.1 (IoT.js default) or es.next.");
    public static readonly (string Name, string Help) AllowUnverified = ("--allow-unverified", "Accept packages with neither integrity nor shasum (a warning each).");
    public static readonly (string Name, string Help) Files = ("--files", "Globs (';'-separated) of package files to ship besides the reachable ones; NAME=GLOBS for one declared module. Repeatable.");
    public static readonly (string Name, string Help) ExcludeFiles = ("--exclude-files", "Globs of package files never to ship; NAME=GLOBS for one declared module. Repeatable.");
    public static readonly (string Name, string Help) EmitFiles = ("--emit-files", "Also write the exact shipped files under their virtual paths to this folder.");
    public static readonly (string Name, string Help) Verbose = ("--verbose", "Print every request, retry and file.");
    public static readonly (string Name, string Help) To = ("--to", "Folder the static registry is written to.");
    public static readonly (string Name, string Help) Json = ("--json", "Print JSON.");

    // Extraction limits (ExtractionLimits): a package that breaks one is refused with its IPM5xxx code.
    public static readonly (string Name, string Help) MaxEntries = ("--max-entries", Invariant($"Most files and folders one package archive may hold (default {Limits.MaxEntries})."));
    public static readonly (string Name, string Help) MaxUnpackedSize = ("--max-unpacked-size", Invariant($"Most bytes one package archive may unpack to (default {Limits.MaxUnpackedBytes})."));
    public static readonly (string Name, string Help) MaxDepth = ("--max-depth", Invariant($"Most folder levels below a package's top folder (default {Limits.MaxDepth})."));
    public static readonly (string Name, string Help) MaxPathLength = ("--max-path-length", Invariant($"Most UTF-8 bytes in an archive entry's path (default {Limits.MaxPathBytes})."));
    public static readonly (string Name, string Help) MaxCompressionRatio = ("--max-compression-ratio", Invariant($"Most unpacked bytes per compressed byte, checked after the first {Limits.RatioGraceBytes} bytes (default {Limits.MaxCompressionRatio})."));

    private static Archives.ExtractionLimits Limits => Archives.ExtractionLimits.Default;
    public static readonly (string Name, string Help) SearchLimit = ("--searchlimit", "Most search results to show (default 20), as npm search's --searchlimit.");
}
