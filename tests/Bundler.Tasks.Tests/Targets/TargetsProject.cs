using System.Text.RegularExpressions;
using Bundler.Testing;

namespace Bundler.Tasks.Tests.Targets;

/// <summary>
/// A firmware project in a temp folder that imports Ipm.Bundler's props and targets straight from the source
/// tree (no pack needed) and uses the task assembly built beside the tests. With <c>fakes</c>, the two
/// pipeline tasks are replaced by <c>FakeTasks.props</c>.
/// </summary>
internal sealed partial class TargetsProject : IDisposable
{
    private readonly TempDirectory _dir = new("ipm-targets");
    private readonly bool _fakes;

    public TargetsProject(string items, bool fakes = true)
    {
        _fakes = fakes;
        File.Copy(Path.Combine(RepoPaths.Root, "global.json"), _dir.Combine("global.json"));
        _dir.Write("tpl/main.c.hbs", "{{! template }}\n");
        _dir.Write("app/package.json", "{ \"name\": \"app\", \"version\": \"1.0.0\" }\n");
        _dir.Write("app/index.js", "var echo = require('echotest');\n");
        Write(items);
        // Restored once: the project has no package references that edits could change, and a no-op restore
        // per build would triple the time of these tests.
        DotNetCli.Run(["restore", ProjectPath, "--nologo", "-v:q"], Directory).EnsureSuccess("dotnet restore");
    }

    public string Directory => _dir.Path;

    public string ProjectPath => _dir.Combine("fw.proj");

    public string IntermediateDir => _dir.Combine("obj", "Debug", "net8.0");

    public string Combine(params string[] parts) => _dir.Combine(parts);

    public void Write(string items)
    {
        var build = Path.Combine(RepoPaths.Root, "src", "Bundler.Tasks", "build");
        var fakes = _fakes ? $"<Import Project=\"{Path.Combine(RepoPaths.Root, "tests", "Bundler.Tasks.Tests", "Targets", "FakeTasks.props")}\" />" : "";
        File.WriteAllText(ProjectPath, $"""
            <Project>
              <Import Project="{build}/Ipm.Bundler.props" />
              <Import Project="Sdk.props" Sdk="Microsoft.Build.NoTargets" />
              {fakes}
              <PropertyGroup>
                <TargetFramework>net8.0</TargetFramework>
                <IpmTasksAssembly>{Path.Combine(AppContext.BaseDirectory, "Bundler.Tasks.dll")}</IpmTasksAssembly>
                <IpmTemplate>tpl</IpmTemplate>
              </PropertyGroup>
              <ItemGroup>
            {items}
              </ItemGroup>
              <Import Project="Sdk.targets" Sdk="Microsoft.Build.NoTargets" />
              <Import Project="{build}/Ipm.Bundler.targets" />
              <Target Name="ShowIpmItems" AfterTargets="Build" Condition="'@(IpmGeneratedFile)' != ''">
                <Message Importance="High" Text="ITEM %(IpmGeneratedFile.Filename)%(IpmGeneratedFile.Extension) %(IpmGeneratedFile.Kind)" />
              </Target>
            </Project>
            """);
    }

    public BuildRun Build(params string[] properties) => Run(["build", "--no-restore"], properties);

    public BuildRun Clean(params string[] properties) => Run(["clean"], properties);

    /// <summary>Runs one target with <c>dotnet msbuild -t:</c>.</summary>
    public BuildRun Run(string target, params string[] properties) => Run(["msbuild", "-t:" + target], properties);

    public void Dispose() => _dir.Dispose();

    private BuildRun Run(string[] verb, string[] properties)
    {
        var result = DotNetCli.Run([.. verb, ProjectPath, "-v:n", "--nologo", .. properties.Select(p => "-p:" + p)], Directory);
        return new BuildRun(result.ExitCode, result.All);
    }
}

/// <summary>What one build printed, read the way a person reads a log.</summary>
internal sealed partial record BuildRun(int ExitCode, string Log)
{
    public bool Ran(string fake) => Log.Contains($"FAKE {fake} ran", StringComparison.Ordinal);

    public bool Skipped(string target) =>
        Log.Contains($"Skipping target \"{target}\" because all output files are up-to-date", StringComparison.Ordinal);

    /// <summary>The IpmGeneratedFile items after the build, as "name.ext Kind".</summary>
    public IReadOnlyList<string> Items => ItemLine().Matches(Log).Select(m => m.Groups[1].Value.Trim()).ToArray();

    public BuildRun EnsureSuccess()
    {
        Assert.True(ExitCode == 0, Log);
        return this;
    }

    [GeneratedRegex(@"ITEM (.+)$", RegexOptions.Multiline)]
    private static partial Regex ItemLine();
}
