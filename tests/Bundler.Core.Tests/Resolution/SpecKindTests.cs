using System.Security.Cryptography;
using Bundler.Core.Diagnostics;
using Bundler.Core.Registry;
using Bundler.Core.Resolution;
using Bundler.Testing;
using static Bundler.Core.Tests.Resolution.Resolve;

namespace Bundler.Core.Tests.Resolution;

/// <summary>What each kind of spec resolves to and what it accepts (npm's dep-valid rules).</summary>
public sealed class SpecKindTests
{
    [Fact]
    public async Task An_alias_edge_accepts_the_aliased_package_when_its_version_fits_as_npm_does()
    {
        // npm checks only the folder name and the range: b's "x@^1" is satisfied by the alias x -> real@1.5.0.
        var reg = new FakeRegistry().Add("real", "1.5.0").Add("real", "2.0.0").Add("x", "1.0.0").Add("b", "1.0.0", "x@^1");

        var (tree, _) = await RunAsync(reg, "x@npm:real@^1", "b@^1");

        Assert.Equal("b@1.0.0 x@1.5.0", Layout(tree));
        Assert.Equal("real", tree.Find("node_modules/x")!.PackageName);
    }

    [Fact]
    public async Task A_dist_tag_spec_takes_the_tagged_version_and_accepts_any_registry_version()
    {
        var reg = new FakeRegistry().Add("y", "1.0.0").Add("y", "2.0.0-beta.1").Tag("y", "beta", "2.0.0-beta.1").Tag("y", "latest", "1.0.0")
            .Add("d", "1.0.0", "y@latest").Add("a", "1.0.0", "y@^1");

        var (tree, _) = await RunAsync(reg, "y@beta", "d@^1", "a@^1");

        Assert.Equal("a@1.0.0 a/y@1.0.0 d@1.0.0 y@2.0.0-beta.1", Layout(tree));
    }

    [Fact]
    public async Task A_star_accepts_a_prerelease_but_a_plain_range_does_not()
    {
        var reg = new FakeRegistry().Add("x", "1.0.0").Add("x", "1.1.0-beta.1").Add("a", "1.0.0", "x@*").Add("b", "1.0.0", "x@>=1.0.0");

        var (tree, _) = await RunAsync(reg, "x@^1.1.0-beta.0", "a@^1", "b@^1");

        Assert.Equal("a@1.0.0 b@1.0.0 b/x@1.0.0 x@1.1.0-beta.1", Layout(tree));
    }

    [Fact]
    public async Task A_local_folder_is_copied_into_the_tree_and_its_dependencies_resolved_around_it()
    {
        using var dir = new TempDirectory();
        var project = Directory.CreateDirectory(dir.Combine("project")).FullName;
        dir.Write("app/package.json", """{"name":"app","version":"0.3.0","dependencies":{"x":"^2","y":"^1"}}""");
        var reg = new FakeRegistry().Add("x", "1.0.0").Add("x", "2.0.0").Add("y", "1.0.0", "x@^1");

        var (tree, _) = await RunAsync(reg, null, new Dictionary<string, string> { ["app"] = "file:../app", ["x"] = "^1" }, project);

        Assert.Equal("app@0.3.0 app/x@2.0.0 x@1.0.0 y@1.0.0", Layout(tree));
        var app = tree.Find("node_modules/app")!;
        Assert.Equal(("file:../app", dir.Combine("app")), (app.Resolved, app.LocalPath));
        Assert.Null(app.Integrity);
    }

    [Fact]
    public async Task A_tarball_url_is_read_through_the_source_given_and_locked_with_its_integrity()
    {
        var url = new Uri("http://tarballs.invalid/t-1.0.0.tgz");
        var tarballs = new FakeTarballs { [url] = new PackageManifest { Name = "t", Version = "1.0.0", Dependencies = new Dictionary<string, string> { ["u"] = "^1" } } };
        var reg = new FakeRegistry().Add("u", "1.0.0").Add("u", "2.0.0");

        var (tree, _) = await RunAsync(reg, null, new Dictionary<string, string> { ["t"] = url.AbsoluteUri, ["u"] = "^2" }, tarballs: tarballs);

        Assert.Equal("t@1.0.0 t/u@1.0.0 u@2.0.0", Layout(tree));
        var t = tree.Find("node_modules/t")!;
        Assert.Equal((url.AbsoluteUri, tarballs.IntegrityOf(url)), (t.Resolved, t.Integrity));

        // With the lock, the URL is not read again.
        tarballs.Reads.Clear();
        var (again, _) = await RunAsync(reg, tree, new Dictionary<string, string> { ["t"] = url.AbsoluteUri, ["u"] = "^2" }, tarballs: tarballs);
        Assert.Equal(Layout(tree), Layout(again));
        Assert.Empty(tarballs.Reads);
    }

    [Fact]
    public async Task A_tarball_url_without_a_way_to_read_it_is_a_coded_error()
    {
        var reg = new FakeRegistry();

        var ex = await Assert.ThrowsAsync<IpmException>(() => RunAsync(reg, null, new Dictionary<string, string> { ["t"] = "https://user:secret@tarballs.invalid/t.tgz" }));

        Assert.Equal("IPM3015", ex.Code);
        Assert.DoesNotContain("secret", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("github:user/a")]
    [InlineData("git+https://git.invalid/a.git")]
    [InlineData("user/a")]
    public async Task Git_specs_are_rejected_with_a_code(string spec)
    {
        var reg = new FakeRegistry().Add("a", "1.0.0");

        var ex = await Assert.ThrowsAsync<IpmException>(() => RunAsync(reg, null, new Dictionary<string, string> { ["a"] = spec }));

        Assert.Equal("IPM3002", ex.Code);
    }

    [Fact]
    public async Task An_optional_git_dependency_is_only_a_warning()
    {
        var reg = new FakeRegistry().Add("a", "1.0.0", "?g@github:user/g");

        var (tree, log) = await RunAsync(reg, "a@^1");

        Assert.Equal("a@1.0.0", Layout(tree));
        Assert.Contains(log.Diagnostics, d => d.Code == "IPM3007" && d.Message.Contains("git dependency 'g@github:user/g' is not supported", StringComparison.Ordinal));
    }

    private sealed class FakeTarballs : Dictionary<Uri, PackageManifest>, ITarballManifestSource
    {
        public List<Uri> Reads { get; } = [];

        public string IntegrityOf(Uri url) => "sha512-" + Convert.ToBase64String(SHA512.HashData(System.Text.Encoding.UTF8.GetBytes(url.AbsoluteUri)));

        public Task<(PackageManifest Manifest, string Integrity)> ReadAsync(Uri url, CancellationToken cancellationToken)
        {
            Reads.Add(url);
            return Task.FromResult((this[url], IntegrityOf(url)));
        }
    }
}
