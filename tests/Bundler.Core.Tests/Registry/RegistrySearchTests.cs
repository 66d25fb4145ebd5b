using Bundler.Core.Diagnostics;
using Bundler.Core.Registry;
using Bundler.Testing;
using Bundler.Testing.Servers;

namespace Bundler.Core.Tests.Registry;

/// <summary>ipm search: the registry's /-/v1/search answer, a folder registry's names, and how hits are printed.</summary>
public sealed class RegistrySearchTests : IDisposable
{
    private const string Answer = """
        {"objects":[
          {"package":{"name":"widget","version":"1.2.0","description":"makes\nwidgets \u001b[31mred"}},
          {"package":{"name":"@acme/widget-kit","dist-tags":{"latest":"0.3.0"},"description":""}},
          {"searchScore":1}
        ],"total":2}
        """;

    private readonly TempDirectory _dir = new("ipm-search");
    private readonly RecordingBundleLog _log = new();

    public void Dispose() => _dir.Dispose();

    // No environment and an empty home: only the files a test writes count.
    private SearchRequest Request(string text, string? registry = null, int size = 20, string? project = null) => new()
    {
        Text = text,
        ProjectDirectory = project ?? _dir.Path,
        Registry = registry,
        Size = size,
        Environment = new Dictionary<string, string?>(),
        UserHome = _dir.Combine("home"),
    };

    [Fact]
    public async Task The_search_endpoint_is_asked_with_the_words_and_size_and_its_hits_are_read()
    {
        await using var registry = new MiniRegistry(new MiniRegistryOptions { PathPrefix = "/npm/" });
        registry.Server.On("/npm/-/v1/search?text=widget%20kit&size=5", FaultResponse.Text(Answer));
        _dir.Write("p/.npmrc", $"registry={registry.Url}\n//127.0.0.1:{registry.Server.Port}/npm/:_authToken=search-token\n");

        var hits = await RegistrySearch.SearchAsync(Request("widget kit", size: 5, project: _dir.Combine("p")), _log, CancellationToken.None);

        Assert.Equal([new SearchHit("widget", "1.2.0", "makes\nwidgets \u001b[31mred"), new SearchHit("@acme/widget-kit", "0.3.0", "")], hits);
        Assert.Equal("Bearer search-token", Assert.Single(registry.Requests).Header("authorization"));
        // Registry text cannot move the cursor or break lines on the user's terminal.
        Assert.Equal("widget@1.2.0  makes widgets  [31mred\n@acme/widget-kit@0.3.0\n", RegistrySearch.Text(hits, "widget kit"));
        Assert.Equal("No matches found for \"nothing\"\n", RegistrySearch.Text([], "nothing"));
    }

    [Fact]
    public async Task A_command_line_registry_replaces_the_npmrc_one()
    {
        await using var registry = new MiniRegistry();
        registry.Server.On("/-/v1/search?text=w&size=20", FaultResponse.Text(Answer));
        _dir.Write("p/.npmrc", "registry=http://127.0.0.1:9/\n");

        var hits = await RegistrySearch.SearchAsync(Request("w", registry.Url, project: _dir.Combine("p")), _log, CancellationToken.None);

        Assert.Equal(2, hits.Count);
    }

    [Fact]
    public async Task A_folder_registry_is_searched_by_package_name()
    {
        _dir.Write("reg/widget/index.json", """{"name":"widget","dist-tags":{"latest":"1.0.0"},"versions":{"1.0.0":{}}}""");
        _dir.Write("reg/@acme/widget-kit/index.json", """{"name":"@acme/widget-kit","dist-tags":{},"versions":{"0.1.0":{},"0.2.0":{}}}""");
        _dir.Write("reg/gear/index.json", """{"name":"gear","dist-tags":{"latest":"2.0.0"},"versions":{"2.0.0":{}}}""");

        var hits = await RegistrySearch.SearchAsync(Request("WIDGET", _dir.Combine("reg")), _log, CancellationToken.None);

        Assert.Equal([new SearchHit("@acme/widget-kit", "0.2.0", ""), new SearchHit("widget", "1.0.0", "")], hits);
    }

    [Theory]
    [InlineData(404, "status 404")]
    [InlineData(0, "not JSON")]
    public async Task A_failing_search_is_a_coded_error(int status, string why)
    {
        await using var registry = new MiniRegistry();
        registry.Server.On("/-/v1/search?text=w&size=20", status == 0 ? FaultResponse.Text("<html>search is down</html>", "text/html") : FaultResponse.Error(status));

        var e = await Assert.ThrowsAsync<IpmException>(() => RegistrySearch.SearchAsync(Request("w", registry.Url), _log, CancellationToken.None));

        Assert.Equal("IPM2010", e.Code);
        Assert.Contains(why, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_registry_there_is_nothing_to_search()
    {
        var e = await Assert.ThrowsAsync<IpmException>(() => RegistrySearch.SearchAsync(Request("w"), _log, CancellationToken.None));

        Assert.Equal("IPM2005", e.Code);
    }
}
