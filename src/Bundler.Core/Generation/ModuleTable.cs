namespace Bundler.Core.Generation;

/// <summary>
/// Everything the generated C holds, built by the pipeline after packaging. Immutable: the generator only
/// renders it. Virtual paths are absolute POSIX paths laid out as a node_modules tree
/// (<c>/node_modules/a/node_modules/b/index.js</c>); the application may live elsewhere, e.g. under <c>/app</c>.
/// </summary>
/// <param name="Packages">Every package in the tree, nested copies included; order does not matter.</param>
/// <param name="Files">Every shipped file; order does not matter, the generator sorts.</param>
/// <param name="LockDigest">Digest of the canonical lock file, printed in the header and kept in the C.</param>
/// <param name="Generator">What generated the output, e.g. <c>ipm 0.1.0</c>; printed, never a timestamp.</param>
/// <param name="Entry">Virtual path of the file the host runs when given no request, or null.</param>
internal sealed record ModuleTable(
    IReadOnlyList<ModulePackage> Packages,
    IReadOnlyList<ModuleFile> Files,
    string LockDigest,
    string Generator,
    string? Entry);

/// <summary>One installed copy of a package.</summary>
/// <param name="Name">Its name as required, e.g. <c>@scope/name</c>.</param>
/// <param name="Version">The exact version installed.</param>
/// <param name="Directory">Its folder, e.g. <c>/node_modules/echotest</c>.</param>
/// <param name="Main">
/// Virtual path of the file <c>require(Directory)</c> loads through package.json <c>main</c> (see
/// <see cref="PackageMain.Resolve"/>), or null when main is absent or names no shipped file; the C resolver then
/// falls back to <c>index.js</c>/<c>index.json</c> as Node does.
/// </param>
internal sealed record ModulePackage(string Name, string Version, string Directory, string? Main);

/// <summary>One shipped file and its exact bytes (after minification, if any).</summary>
internal sealed record ModuleFile(string VirtualPath, byte[] Content);
