using Bundler.Testing;

namespace Bundler.Tasks.Tests.Tasks;

/// <summary>
/// The up-front check of an <c>IpmModule</c> Version, judged by node-semver and npm-package-arg's rule for registry
/// specs: a valid loose range (versions included), else a dist-tag, which encodeURIComponent must leave unchanged.
/// </summary>
public sealed class VersionCheckTests
{
    // What people write in a Version attribute, right and wrong (NuGet, Ruby, Maven, MSBuild habits included).
    private static readonly string[] Specs =
    [
        "", "*", "x", "X.x", "1", "1.2", "1.2.3", "v1.2.3", "=1.2.3", "==1.2.3", "1.2.3.4", "^1.2", "^ 1.2", "~1.2.3",
        "~>1.2", "~> 1.2", "=> 1.0", ">=1.0.0 <2.0.0", ">= 1.0.0", ">1 <", "<=", "1.0 - 2.0", "1.0 -", "1 || 2",
        "^1 ||", "||", "1.2.*", "1.*.3", "1.2.3-", "1.2.3-beta.1+build.5", "1.2.3+build", "latest", "next", "beta-2",
        "next_tag!", "it's(ok)", "~tilde~", "tag with space", "tag/slash", "ünicode", "$(Version)", "%(Version)",
        "[1.0,2.0)", "(,1.0]", "1.0,2.0", "^1.2@beta", "@latest", "latest@", "1.0.0-SNAPSHOT", "3.1.0-SNAPSHOT",
        "LATEST", "RELEASE", ">=1.2.3-rc.1 <1.2.4", "*.*.*", "1.x.x-beta", "<1.0.0-0", "^0.0.1", " ^0.0.1 ",
    ];

    [Fact]
    public void Accepts_exactly_what_npm_accepts_as_a_registry_spec()
    {
        var npm = NodeRunner.Evaluate<string[], bool[]>("""
            var semver = require('semver');
            return input.map(function (raw) {
              var s = raw.trim();
              return s === '' || semver.validRange(s, true) !== null || encodeURIComponent(s) === s;
            });
            """, Specs);

        var ours = Specs.Select(s => ModuleItems.CheckVersion("echotest", s.Trim()) is null).ToArray();

        var differences = Specs.Where((s, i) => npm[i] != ours[i]).Select(s => $"'{s}'").ToArray();
        Assert.True(differences.Length == 0, "npm and the task disagree on: " + string.Join(", ", differences));
        // The list exercises both answers.
        Assert.Contains(true, npm);
        Assert.Contains(false, npm);
    }

    [Theory]
    [InlineData("npm:other", true)]
    [InlineData("npm:other@^1.2", true)]
    [InlineData("npm:@scope/other@latest", true)]
    [InlineData("npm:other@", false)]
    [InlineData("npm:Other@1", false)]
    [InlineData("npm:other@[1,2)", false)]
    [InlineData("npm:other@npm:third@1", false)]
    [InlineData("file:../lib", true)]
    [InlineData("https://127.0.0.1/echotest-0.0.1.tgz", true)]
    public void Aliases_are_checked_like_their_target_and_paths_and_urls_are_left_to_the_core(string spec, bool valid)
    {
        Assert.Equal(valid, ModuleItems.CheckVersion("echotest", spec) is null);
    }
}
