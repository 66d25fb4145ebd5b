namespace Bundler.Testing;

/// <summary>Locations inside this repository, found from the test assembly by walking up to Bundler.sln.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> RootLazy = new(() =>
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Bundler.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Bundler.sln not found above " + AppContext.BaseDirectory);
    });

    public static string Root => RootLazy.Value;

    public static string Templates => Path.Combine(Root, "templates");

    public static string Samples => Path.Combine(Root, "samples");

    /// <summary>tests/tools: the npm tools the tests use (Verdaccio, semver, acorn, ...), installed by eng/setup.sh.</summary>
    public static string Tools => Path.Combine(Root, "tests", "tools");

    public static string Fixtures => Path.Combine(Root, "tests", "fixtures");

    public static string NodeModulesBin(string name) => Path.Combine(Tools, "node_modules", ".bin", name);
}
