using Bundler.Core.Diagnostics;
using Bundler.Core.Registry;
using Bundler.Testing;

namespace Bundler.Core.Tests.Registry;

/// <summary>Where settings come from and which one wins: user file, project folders, environment, overrides.</summary>
public sealed class NpmConfigTests : IDisposable
{
    private readonly TempDirectory _dir = new("ipm-npmrc");
    private readonly RecordingBundleLog _log = new();

    public void Dispose() => _dir.Dispose();

    private string Home => _dir.Combine("home");

    private string Project => _dir.Combine("work", "repo", "app");

    private NpmConfig Load(Dictionary<string, string?>? env = null)
    {
        Directory.CreateDirectory(Home);
        Directory.CreateDirectory(Project);
        return NpmConfig.Load(Project, _log, env ?? [], Home);
    }

    [Fact]
    public void Nearer_files_win_over_farther_ones_and_over_the_user_file()
    {
        _dir.Write("home/.npmrc", "registry=http://user.test/\n@u:registry=http://user-scope.test/\n@r:registry=http://user-r.test/\n");
        _dir.Write("work/.npmrc", "registry=http://work.test/\n@w:registry=http://work-scope.test/\n@r:registry=http://work-r.test/\n");
        _dir.Write("work/repo/app/.npmrc", "registry=http://app.test/\n");

        var config = Load();

        Assert.Equal("http://app.test/", config.RegistryFor("plain"));
        Assert.Equal("http://user-scope.test/", config.RegistryFor("@u/x"));
        Assert.Equal("http://work-scope.test/", config.RegistryFor("@w/x"));
        Assert.Equal("http://work-r.test/", config.RegistryFor("@r/x"));
        Assert.Equal(_dir.Combine("work", "repo", "app", ".npmrc"), config.SourceOf("registry"));
    }

    [Fact]
    public void Environment_beats_files_and_an_override_beats_both()
    {
        _dir.Write("work/repo/app/.npmrc", "registry=http://app.test/\n@s:registry=http://file-scope.test/\n");
        var config = Load(new() { ["NPM_CONFIG_REGISTRY"] = "http://env.test/", ["npm_config_@s:registry"] = "http://env-scope.test/" });

        Assert.Equal("http://env.test/", config.RegistryFor("plain"));
        Assert.Equal("http://env-scope.test/", config.RegistryFor("@s/x"));
        Assert.Equal("environment", config.SourceOf("registry"));

        config.Set("registry", "http://cli.test/", Project);

        Assert.Equal("http://cli.test/", config.RegistryFor("plain"));
        // A command-line registry does not replace a scope's registry, as with npm --registry.
        Assert.Equal("http://env-scope.test/", config.RegistryFor("@s/x"));
    }

    [Fact]
    public void An_empty_environment_variable_is_not_a_setting()
    {
        _dir.Write("work/repo/app/.npmrc", "registry=http://app.test/\n");

        var config = Load(new() { ["npm_config_registry"] = "" });

        Assert.Equal("http://app.test/", config.RegistryFor("plain"));
    }

    [Fact]
    public void Environment_names_are_normalized_except_nerf_darts()
    {
        var config = Load(new()
        {
            ["npm_config_//env.test/:_authToken"] = "env-token",
            ["NPM_CONFIG_Scope"] = "corp",
            ["npm_config_@corp:registry"] = "http://corp.test/",
        });

        Assert.Equal("Bearer env-token", config.For(new Uri("http://env.test/x"))?.ToString());
        // scope=corp sends unscoped packages to @corp's registry, as npm-registry-fetch's pickRegistry does.
        Assert.Equal("http://corp.test/", config.RegistryFor("plain"));
    }

    [Fact]
    public void The_user_file_can_be_moved_by_environment_or_by_a_project_file()
    {
        _dir.Write("elsewhere/npmrc", "registry=http://moved.test/\n");
        _dir.Write("home/.npmrc", "registry=http://home.test/\n");

        Assert.Equal("http://moved.test/", Load(new() { ["NPM_CONFIG_USERCONFIG"] = _dir.Combine("elsewhere", "npmrc") }).RegistryFor("x"));

        _dir.Write("work/.npmrc", $"userconfig={_dir.Combine("elsewhere", "npmrc")}\n@only:registry=http://project.test/\n");
        var config = Load();

        Assert.Equal("http://moved.test/", config.RegistryFor("x"));
        Assert.Equal("http://project.test/", config.RegistryFor("@only/x"));
    }

    [Fact]
    public void The_user_file_path_may_start_with_a_tilde()
    {
        _dir.Write("home/custom/rc", "registry=http://tilde.test/\n");

        Assert.Equal("http://tilde.test/", Load(new() { ["npm_config_userconfig"] = "~/custom/rc" }).RegistryFor("x"));
    }

    [Fact]
    public void A_relative_folder_registry_is_relative_to_the_file_that_names_it()
    {
        _dir.Write("work/.npmrc", "registry=../mirror\n@s:registry=file:///srv/reg/\n");

        var config = Load();

        Assert.Equal(_dir.Combine("mirror"), config.RegistryFor("x"));
        Assert.Equal("file:///srv/reg/", config.RegistryFor("@s/x"));
        config.Set("registry", "local-reg", Project);
        Assert.Equal(Path.Combine(Project, "local-reg"), config.RegistryFor("x"));
    }

    [Fact]
    public void Null_in_a_nearer_file_unsets_a_farther_setting()
    {
        _dir.Write("work/.npmrc", "registry=http://work.test/\n");
        _dir.Write("work/repo/.npmrc", "registry=null\n");

        Assert.Null(Load().RegistryFor("x"));
    }

    [Fact]
    public void Keys_and_values_expand_environment_variables_and_unset_ones_are_reported_by_name()
    {
        _dir.Write("work/repo/app/.npmrc", "registry=http://${REG_HOST}/\n//${REG_HOST}/:_authToken=${REG_TOKEN}\n@s:registry=http://reg.test/${NOT_SET}/\n");

        var config = Load(new() { ["REG_HOST"] = "reg.test:8080", ["REG_TOKEN"] = "tok-123" });

        Assert.Equal("http://reg.test:8080/", config.RegistryFor("x"));
        Assert.Equal("Bearer tok-123", config.For(new Uri("http://reg.test:8080/x"))?.ToString());
        Assert.Equal("http://reg.test/${NOT_SET}/", config.RegistryFor("@s/x"));
        var warning = Assert.Single(_log.Diagnostics);
        Assert.Equal("IPM2008", warning.Code);
        Assert.Contains("'NOT_SET'", warning.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("_authToken=top-secret-1", "_authToken")]
    [InlineData("_auth=dG9wOnNlY3JldA==", "_auth")]
    [InlineData("username=u\n_password=cGFzcw==", "username")]
    public void A_credential_that_names_no_registry_is_ignored_with_a_warning_that_never_shows_it(string lines, string key)
    {
        _dir.Write("home/.npmrc", "registry=http://reg.test:4873/npm/\n" + lines + "\n");

        var config = Load();

        Assert.Null(config.For(new Uri("http://reg.test:4873/npm/x")));
        var warning = _log.Diagnostics.First(d => d.Message.Contains($"'{key}'", StringComparison.Ordinal));
        Assert.Equal("IPM2012", warning.Code);
        Assert.Contains($"//reg.test:4873/npm/:{key}", warning.Message, StringComparison.Ordinal);
        Assert.Contains(_dir.Combine("home", ".npmrc"), warning.Message, StringComparison.Ordinal);
        foreach (var d in _log.Diagnostics)
        {
            Assert.DoesNotContain("top-secret-1", d.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("dG9wOnNlY3JldA", d.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("cGFzcw", d.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void No_files_and_no_environment_mean_no_registry()
    {
        var config = Load();

        Assert.Null(config.RegistryFor("x"));
        Assert.Null(config.DefaultRegistry);
        Assert.Empty(_log.Diagnostics);
    }
}
