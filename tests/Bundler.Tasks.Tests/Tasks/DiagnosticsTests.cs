using Bundler.Core.Diagnostics;
using Bundler.Core.Pipeline;
using Microsoft.Build.Framework;

namespace Bundler.Tasks.Tests.Tasks;

public sealed class DiagnosticsTests
{
    private const string Items = """
            <IpmModule Include="echotest" Version="^0.0.1" />
            <IpmModule Include="nuget-style" Version="[1.0,2.0)" />
            <IpmModule Include="comma" Version="1.0,2.0" />
            <IpmModule Include="./app" Version="^1" />
        """;

    private static GenerateIpmSources Task(ProjectOnDisk project, FakeCore core, RecordingBuildEngine engine, params ITaskItem[] modules) =>
        new(core.Invoke) { BuildEngine = engine, ProjectFile = project.Path, OutputDirectory = "out", Modules = modules };

    [Fact]
    public void An_IpmException_from_the_core_is_logged_with_its_code_and_the_items_file_and_line()
    {
        using var project = new ProjectOnDisk(Items);
        // The core places diagnostics about a module at that module's declaration.
        var core = new FakeCore((r, _, _) => throw new IpmException(
            Messages.BadSpec("echotest@^0.0.1", "no such package") with { File = r.Modules[0].SourceFile, Line = r.Modules[0].SourceLine }));
        var engine = new RecordingBuildEngine();

        Assert.False(Task(project, core, engine, project.Item("echotest", ("Version", "^0.0.1"))).Execute());

        var error = Assert.Single(engine.Errors);
        Assert.Equal("IPM1001", error.Code);
        Assert.Equal(project.Path, error.File);
        Assert.Equal(project.LineOf("\"echotest\""), error.Line);
        Assert.Contains("no such package", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_core_error_without_a_place_is_attributed_to_the_project_not_to_the_targets_file()
    {
        using var project = new ProjectOnDisk(Items);
        var core = new FakeCore((_, _, _) => throw new IpmException(Messages.NothingToBundle()));
        var engine = new RecordingBuildEngine();

        Assert.False(Task(project, core, engine).Execute());

        var error = Assert.Single(engine.Errors);
        Assert.Equal(("IPM1003", project.Path, 0), (error.Code, error.File, error.Line));
    }

    [Theory]
    [InlineData("nuget-style", "[1.0,2.0)", "IPM9002")]
    [InlineData("comma", "1.0,2.0", "IPM9001")]
    [InlineData("echotest", "git+https://example.invalid/x.git", "IPM9001")]
    [InlineData("echotest", "^1.2@beta", "IPM9001")]
    public void A_bad_version_is_reported_at_the_item_before_the_core_runs(string name, string version, string code)
    {
        using var project = new ProjectOnDisk(Items);
        var core = new FakeCore();
        var engine = new RecordingBuildEngine();

        Assert.False(Task(project, core, engine, project.Item(name, ("Version", version))).Execute());

        Assert.Equal(0, core.Calls);
        var error = Assert.Single(engine.Errors);
        Assert.Equal(code, error.Code);
        Assert.Equal(project.Path, error.File);
        Assert.Equal(project.LineOf($"\"{name}\""), error.Line);
        Assert.Contains(version, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("^1.2")]
    [InlineData(">=1.0.0 <2.0.0 || 3.x")]
    [InlineData("~1.2.3-beta.1+build.5")]
    [InlineData("latest")]
    [InlineData("next_tag!")]
    [InlineData("*")]
    [InlineData("")]
    [InlineData("npm:other@^1")]
    [InlineData("file:../lib")]
    [InlineData("https://127.0.0.1/echotest-0.0.1.tgz")]
    public void Plausible_specs_reach_the_core(string version)
    {
        using var project = new ProjectOnDisk(Items);
        var core = new FakeCore();
        var engine = new RecordingBuildEngine();

        Assert.True(Task(project, core, engine, project.Item("echotest", ("Version", version))).Execute(), engine.AllText);
        Assert.Equal(version, Assert.Single(core.Request!.Modules).Spec);
    }

    [Fact]
    public void Every_item_problem_is_reported_not_only_the_first()
    {
        using var project = new ProjectOnDisk(Items);
        var core = new FakeCore();
        var engine = new RecordingBuildEngine();

        var ok = Task(project, core, engine,
            project.Item("nuget-style", ("Version", "[1.0,2.0)")),
            project.Item("./app", ("Version", "^1")),
            project.Item("echotest", ("Version", "^0.0.1")),
            project.Item("echotest", ("Version", "^0.0.2"))).Execute();

        Assert.False(ok);
        Assert.Equal(0, core.Calls);
        Assert.Equal(["IPM9002", "IPM9003", "IPM9004"], engine.Errors.Select(e => e.Code));
        Assert.Equal(project.LineOf("./app"), engine.Errors[1].Line);
    }

    [Theory]
    [InlineData("abc", null)]
    [InlineData("0", null)]
    [InlineData("-2", null)]
    [InlineData("99999999999", null)]
    [InlineData(null, "-1")]
    [InlineData(null, "64k")]
    public void A_malformed_number_property_is_a_coded_error(string? jobs, string? maxFlash)
    {
        using var project = new ProjectOnDisk(Items);
        var core = new FakeCore();
        var engine = new RecordingBuildEngine();
        var task = Task(project, core, engine, project.Item("echotest", ("Version", "^0.0.1")));
        task.Jobs = jobs;
        task.MaxFlashBytes = maxFlash;

        Assert.False(task.Execute());

        Assert.Equal(0, core.Calls);
        var error = Assert.Single(engine.Errors);
        Assert.Equal("IPM9005", error.Code);
        Assert.Contains(jobs is null ? "IpmMaxFlashBytes" : "IpmJobs", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("127.0.0.1:8080")]
    [InlineData("ipfs://gateway")]
    [InlineData("not a url")]
    public void An_ipfs_gateway_that_is_not_an_http_url_is_a_coded_error(string gateway)
    {
        using var project = new ProjectOnDisk(Items);
        var core = new FakeCore();
        var engine = new RecordingBuildEngine();
        var task = Task(project, core, engine, project.Item("echotest", ("Version", "^0.0.1")));
        task.IpfsGateway = gateway;

        Assert.False(task.Execute());

        Assert.Equal(0, core.Calls);
        var error = Assert.Single(engine.Errors);
        Assert.Equal("IPM9005", error.Code);
        Assert.Contains("IpmIpfsGateway", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bug_in_the_core_is_a_coded_error_with_the_stack_only_in_detailed_output()
    {
        using var project = new ProjectOnDisk(Items);
        var core = new FakeCore((_, _, _) => throw new InvalidOperationException("table overflow"));
        var engine = new RecordingBuildEngine();

        Assert.False(Task(project, core, engine, project.Item("echotest", ("Version", "^0.0.1"))).Execute());

        var error = Assert.Single(engine.Errors);
        Assert.Equal("IPM1099", error.Code);
        Assert.Contains("table overflow", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", error.Message, StringComparison.Ordinal);
        Assert.Contains(engine.Messages, m => m.Importance == MessageImportance.Low && m.Message.Contains(" at ", StringComparison.Ordinal));
    }

    [Fact]
    public void Warnings_summaries_and_details_keep_their_code_and_verbosity()
    {
        using var project = new ProjectOnDisk(Items);
        var core = new FakeCore((r, log, _) =>
        {
            log.Summary("resolve: 3 packages {from lock}");
            log.Detail("GET {registry}/echotest 200");
            log.Report(new Diagnostic("IPM4999", Severity.Warning, "slow mirror") { File = "/pkg/echotest/package.json", Line = 4 });
            log.Report(new Diagnostic("IPM7999", Severity.Info, "flash: 1234 bytes"));
            return System.Threading.Tasks.Task.FromResult(FakeCore.Result());
        });
        var engine = new RecordingBuildEngine();

        Assert.True(Task(project, core, engine, project.Item("echotest", ("Version", "^0.0.1"))).Execute());

        var warning = Assert.Single(engine.Warnings);
        Assert.Equal(("IPM4999", "/pkg/echotest/package.json", 4, "slow mirror"), (warning.Code, warning.File, warning.Line, warning.Message));
        Assert.Contains(engine.Messages, m => m.Message == "resolve: 3 packages {from lock}" && m.Importance == MessageImportance.Normal);
        Assert.Contains(engine.Messages, m => m.Message == "GET {registry}/echotest 200" && m.Importance == MessageImportance.Low);
        Assert.Contains(engine.Messages, m => m.Code == "IPM7999" && m.Importance == MessageImportance.Normal);
    }

    [Fact]
    public void Credentials_are_warned_about_and_never_logged()
    {
        using var project = new ProjectOnDisk(Items);
        const string secret = "s3cr3t-t0ken";
        var core = new FakeCore((r, log, _) =>
        {
            log.Detail($"GET {r.Registry}echotest");
            throw new HttpRequestException($"connection refused: {r.Modules[0].Registry}echotest");
        });
        var engine = new RecordingBuildEngine();
        var task = Task(project, core, engine,
            project.Item("echotest", ("Version", "^0.0.1"), ("Registry", $"http://ci:{secret}@127.0.0.1:4873/")));
        task.Registry = $"https://user:{secret}@127.0.0.1:9/";

        Assert.False(task.Execute());

        Assert.Equal(["IPM9006", "IPM9006"], engine.Warnings.Select(w => w.Code).Order(StringComparer.Ordinal));
        Assert.Contains(engine.Warnings, w => w.Line == project.LineOf("\"echotest\""));
        Assert.Equal("IPM1099", Assert.Single(engine.Errors).Code);
        Assert.DoesNotContain(secret, engine.AllText, StringComparison.Ordinal);
        Assert.Contains("127.0.0.1:4873/echotest", engine.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async System.Threading.Tasks.Task Cancel_reaches_the_core_as_a_cancelled_token()
    {
        using var project = new ProjectOnDisk(Items);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        CancellationToken seen = default;
        var core = new FakeCore(async (_, _, token) =>
        {
            seen = token;
            entered.SetResult();
            await System.Threading.Tasks.Task.Delay(Timeout.Infinite, token);
            return FakeCore.Result();
        });
        var engine = new RecordingBuildEngine();
        var task = Task(project, core, engine, project.Item("echotest", ("Version", "^0.0.1")));

        var run = System.Threading.Tasks.Task.Run(task.Execute);
        // Generous limits that only turn a hang into a failure; nothing is timed.
        await entered.Task.WaitAsync(TimeSpan.FromMinutes(1));
        task.Cancel();

        Assert.False(await run.WaitAsync(TimeSpan.FromMinutes(1)));
        Assert.True(seen.IsCancellationRequested);
        Assert.Equal("IPM1005", Assert.Single(engine.Errors).Code);
    }
}
