using System.Text.Json;
using System.Xml.Linq;

namespace Bundler.Tasks.Tests.Packaging;

public sealed class PackageLayoutTests(PackedPackages packages) : IClassFixture<PackedPackages>
{
    private const string TaskDir = "tasks/net8.0/";

    [Fact]
    public void Tasks_package_holds_the_task_its_dependencies_and_deps_json_under_tasks()
    {
        var entries = PackedPackages.Entries(packages.Tasks);

        foreach (var dll in new[] { "Bundler.Tasks.dll", "Bundler.Core.dll", "Handlebars.dll", "ICSharpCode.SharpZipLib.dll", "NuGet.Versioning.dll", "Bundler.Tasks.deps.json" })
        {
            Assert.Contains(TaskDir + dll, entries);
        }

        // MSBuild provides its own assemblies; a copy in the package would be loaded beside them.
        Assert.DoesNotContain(entries, e => e.Contains("Microsoft.Build", StringComparison.Ordinal));
        // Nothing for the consumer's compiler: the package is build logic only.
        Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.Ordinal) || e.StartsWith("ref/", StringComparison.Ordinal));
        Assert.Contains("build/Ipm.Bundler.props", entries);
        Assert.Contains("build/Ipm.Bundler.targets", entries);
    }

    [Fact]
    public void Every_runtime_assembly_named_by_deps_json_ships_beside_the_task()
    {
        var entries = PackedPackages.Entries(packages.Tasks);
        using var deps = JsonDocument.Parse(PackedPackages.Read(packages.Tasks, TaskDir + "Bundler.Tasks.deps.json"));
        var runtimeFiles = deps.RootElement.GetProperty("targets").EnumerateObject().Single().Value.EnumerateObject()
            .Where(lib => lib.Value.TryGetProperty("runtime", out _))
            .SelectMany(lib => lib.Value.GetProperty("runtime").EnumerateObject().Select(f => Path.GetFileName(f.Name)))
            .ToArray();

        Assert.Equal(5, runtimeFiles.Length);
        Assert.All(runtimeFiles, f => Assert.Contains(TaskDir + f, entries));
        var shipped = entries.Where(e => e.StartsWith(TaskDir, StringComparison.Ordinal) && e.EndsWith(".dll", StringComparison.Ordinal));
        Assert.All(shipped, e => Assert.Contains(e[TaskDir.Length..], runtimeFiles));
    }

    [Fact]
    public void Templates_ship_beside_the_task_and_the_tool()
    {
        var tasks = PackedPackages.Entries(packages.Tasks);
        var tool = PackedPackages.Entries(packages.Tool);

        Assert.Equal(PackedPackages.TemplateFiles.Select(f => TaskDir + "templates/" + f),
            tasks.Where(e => e.StartsWith(TaskDir + "templates/", StringComparison.Ordinal)));
        Assert.Equal(PackedPackages.TemplateFiles.Select(f => "tools/net8.0/any/templates/" + f),
            tool.Where(e => e.Contains("/templates/", StringComparison.Ordinal)));
    }

    [Fact]
    public void Nuspec_is_a_development_dependency_without_dependencies()
    {
        var nuspec = XDocument.Parse(PackedPackages.Read(packages.Tasks, "Ipm.Bundler.nuspec"));
        var metadata = nuspec.Root!.Elements().Single(e => e.Name.LocalName == "metadata");

        Assert.Equal("Ipm.Bundler", metadata.Elements().Single(e => e.Name.LocalName == "id").Value);
        Assert.Equal("true", metadata.Elements().Single(e => e.Name.LocalName == "developmentDependency").Value);
        Assert.DoesNotContain(nuspec.Descendants(), e => e.Name.LocalName is "dependencies" or "dependency" or "group");
    }

    [Fact]
    public void Tool_package_installs_the_ipm_command()
    {
        var nuspec = XDocument.Parse(PackedPackages.Read(packages.Tool, "Ipm.Bundler.Cli.nuspec"));
        Assert.Contains(nuspec.Descendants(), e => e.Name.LocalName == "packageType" && (string?)e.Attribute("name") == "DotnetTool");

        var settings = XDocument.Parse(PackedPackages.Read(packages.Tool, "tools/net8.0/any/DotnetToolSettings.xml"));
        var command = settings.Descendants().Single(e => e.Name.LocalName == "Command");
        Assert.Equal("ipm", (string?)command.Attribute("Name"));
        Assert.Equal("ipm.dll", (string?)command.Attribute("EntryPoint"));
        Assert.Contains("tools/net8.0/any/ipm.dll", PackedPackages.Entries(packages.Tool));
    }

    [Fact]
    public void Every_property_in_the_props_file_is_a_guarded_default()
    {
        var props = XDocument.Parse(PackedPackages.Read(packages.Tasks, "build/Ipm.Bundler.props"));
        var properties = props.Descendants().Where(e => e.Parent?.Name.LocalName == "PropertyGroup").ToArray();

        Assert.NotEmpty(properties);
        Assert.All(properties, p => Assert.Equal($"'$({p.Name.LocalName})' == ''", (string?)p.Attribute("Condition")));
        Assert.DoesNotContain(props.Descendants(), e => e.Name.LocalName is "Target" or "UsingTask" or "ItemGroup");
    }
}
