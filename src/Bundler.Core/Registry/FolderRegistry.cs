namespace Bundler.Core.Registry;

/// <summary>
/// A static folder registry: <c>{root}/{name}/index.json</c> holds the packument, tarballs live beside it in
/// <c>{root}/{name}/-/</c>, scoped packages under <c>{root}/@scope/name/</c>. Tarball URLs inside are relative,
/// so the same folder works from disk and from any static web server. <c>ipm mirror</c> writes this layout.
/// </summary>
public sealed class FolderRegistry : IPackageSource
{
    public FolderRegistry(string root)
    {
        Root = Path.GetFullPath(root);
    }

    public string Root { get; }

    public string Display => Root;

    public static string PackumentPath(string root, string name) => Path.Combine(root, name.Replace('/', Path.DirectorySeparatorChar), "index.json");

    public async Task<Packument?> GetPackumentAsync(string name, CancellationToken cancellationToken)
    {
        var path = PackumentPath(Root, name);
        if (!PackageNames.IsValid(name) && name.Contains("..", StringComparison.Ordinal))
        {
            return null;
        }

        if (!File.Exists(path))
        {
            return null;
        }

        var body = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        return PackumentReader.Parse(name, body, new Uri(path), "application/json");
    }
}
