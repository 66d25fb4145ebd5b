using System.Text.Json.Nodes;
using Bundler.Testing;

namespace Bundler.Integration.Tests.Harness;

/// <summary>Tool lookup, the node runner and the harness's own version order.</summary>
public sealed class HarnessToolTests
{
    [Fact]
    public void Tools_on_path_are_found_and_a_missing_one_says_how_to_install_it()
    {
        Assert.True(File.Exists(ToolLocator.Node));
        Assert.True(File.Exists(ToolLocator.Npm));
        Assert.True(File.Exists(ToolLocator.VerdaccioScript));

        var e = Assert.Throws<InvalidOperationException>(() => ToolLocator.Find("ipm-no-such-tool"));

        Assert.Contains("bash eng/setup.sh test", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Node_runner_resolves_the_tools_packages_and_returns_json()
    {
        var answer = NodeRunner.Evaluate("""
            console.log('chatter must not reach the result');
            var semver = require('semver');
            return input.map(function (q) { return semver.maxSatisfying(q.versions, q.range); });
            """,
            JsonNode.Parse("""
                [ { "versions": ["1.0.0", "1.5.2", "2.0.0"], "range": "^1.0.0" },
                  { "versions": ["1.0.0", "2.0.0-rc.1"], "range": ">=2.0.0-rc.0 <3" },
                  { "versions": ["1.0.0"], "range": "^2" } ]
                """));

        Assert.Equal("""["1.5.2","2.0.0-rc.1",null]""", answer!.ToJsonString());
    }

    [Fact]
    public void Node_runner_reports_a_throwing_script_with_its_message()
    {
        var e = Assert.Throws<InvalidOperationException>(() => NodeRunner.Evaluate("throw new Error('oracle broke: ' + input.n);", new JsonObject { ["n"] = 7 }));

        Assert.Contains("oracle broke: 7", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Typed_evaluate_round_trips_dotnet_values()
    {
        var sum = NodeRunner.Evaluate<int[], int>("return input.reduce(function (a, b) { return a + b; }, 0);", [1, 2, 39]);

        Assert.Equal(42, sum);
    }

    [Theory]
    [InlineData("http://127.0.0.1:4873/", "//127.0.0.1:4873/:_authToken")]
    [InlineData("http://127.0.0.1:4873/npm", "//127.0.0.1:4873/npm/:_authToken")]
    [InlineData("https://registry.example.invalid/", "//registry.example.invalid/:_authToken")]
    public void Token_key_is_the_registry_url_without_scheme(string registry, string expected) =>
        Assert.Equal(expected, NpmClient.AuthTokenKey(registry));

    [Fact]
    public void Fixture_version_order_follows_semver_precedence()
    {
        // The example chain from the SemVer 2.0.0 specification, item 11.
        string[] expected = ["1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.2.0", "1.10.0+build.5", "2.0.0"];
        var shuffled = expected.Reverse().ToArray();

        Assert.Equal(expected, shuffled.Order(FixtureVersionOrder.Instance).ToArray());
        Assert.Equal(0, FixtureVersionOrder.Instance.Compare("1.0.0+a", "1.0.0+b"));
    }
}
