using System.Text;
using Bundler.Core.Registry;

namespace Bundler.Core.Tests.Registry;

/// <summary>Which URL gets which credential: only URLs under the host, port and path a credential is set for.</summary>
public sealed class CredentialScopeTests
{
    private static NpmConfig With(params (string Key, string Value)[] settings)
    {
        var config = new NpmConfig();
        foreach (var (k, v) in settings)
        {
            config.Set(k, v, "/");
        }

        return config;
    }

    private static string? Header(NpmConfig config, string url) => config.For(new Uri(url))?.ToString();

    [Theory]
    [InlineData("http://reg.test:4873/pkg", "Bearer T")]
    [InlineData("http://reg.test:4873/pkg/-/pkg-1.0.0.tgz", "Bearer T")]
    [InlineData("https://reg.test:4873/pkg", "Bearer T")]
    [InlineData("http://reg.test:4874/pkg", null)]
    [InlineData("http://reg.test/pkg", null)]
    [InlineData("http://other.test:4873/pkg", null)]
    [InlineData("http://sub.reg.test:4873/pkg", null)]
    [InlineData("file:///reg.test:4873/pkg", null)]
    public void A_host_and_port_credential_goes_to_that_host_and_port_only(string url, string? expected)
    {
        Assert.Equal(expected, Header(With(("//reg.test:4873/:_authToken", "T")), url));
    }

    [Theory]
    [InlineData("http://reg.test/x", "Bearer T")]
    [InlineData("http://reg.test:80/x", "Bearer T")]
    [InlineData("https://reg.test/x", "Bearer T")]
    [InlineData("https://reg.test:443/x", "Bearer T")]
    [InlineData("http://reg.test:8080/x", null)]
    public void A_key_without_a_port_means_the_default_port(string url, string? expected)
    {
        Assert.Equal(expected, Header(With(("//reg.test/:_authToken", "T")), url));
    }

    [Theory]
    [InlineData("http://h.test/npm/repo/pkg", "Bearer T")]
    [InlineData("http://h.test/npm/repo/pkg/-/pkg-1.0.0.tgz", "Bearer T")]
    [InlineData("http://h.test/npm/repo/", "Bearer T")]
    [InlineData("http://h.test/npm/repo", null)]
    [InlineData("http://h.test/npm/repository/pkg", null)]
    [InlineData("http://h.test/npm/other/pkg", null)]
    [InlineData("http://h.test/pkg", null)]
    public void A_path_credential_goes_only_to_urls_under_that_path_even_on_the_same_host(string url, string? expected)
    {
        Assert.Equal(expected, Header(With(("//h.test/npm/repo/:_authToken", "T")), url));
    }

    [Theory]
    [InlineData("http://h.test/npm/repo/pkg", "Bearer T")]
    [InlineData("http://h.test/npm/repo", "Bearer T")]
    [InlineData("http://h.test/npm/repos/pkg", null)]
    public void A_key_without_its_trailing_slash_covers_the_folder_but_not_a_longer_name(string url, string? expected)
    {
        Assert.Equal(expected, Header(With(("//h.test/npm/repo:_authToken", "T")), url));
    }

    [Fact]
    public void The_most_specific_key_with_a_credential_wins()
    {
        var config = With(("//h.test/:_authToken", "HOST"), ("//h.test/npm/:_authToken", "NPM"), ("//h.test/npm/a/:email", "x@y"), ("//h.test/npm/b/:username", "only-user"));

        Assert.Equal("Bearer HOST", Header(config, "http://h.test/other/p"));
        Assert.Equal("Bearer NPM", Header(config, "http://h.test/npm/p"));
        // Keys that carry no usable credential (an email, a user without password) do not hide a broader token.
        Assert.Equal("Bearer NPM", Header(config, "http://h.test/npm/a/p"));
        Assert.Equal("Bearer NPM", Header(config, "http://h.test/npm/b/p"));
    }

    [Fact]
    public void A_client_certificate_key_stops_the_walk_as_in_npm_and_ipm_sends_nothing_there()
    {
        var config = With(("//h.test/:_authToken", "HOST"), ("//h.test/mtls/:certfile", "/c.pem"), ("//h.test/mtls/:keyfile", "/k.pem"));

        Assert.Null(Header(config, "http://h.test/mtls/p"));
        Assert.Equal("Bearer HOST", Header(config, "http://h.test/p"));
    }

    [Fact]
    public void A_token_beats_auth_which_beats_username_and_password_under_one_key()
    {
        var all = With(("//h.test/:_authToken", "T"), ("//h.test/:_auth", "QUJD"), ("//h.test/:username", "u"), ("//h.test/:_password", "cA=="));
        var noToken = With(("//h.test/:_auth", "QUJD"), ("//h.test/:username", "u"), ("//h.test/:_password", "cA=="));

        Assert.Equal("Bearer T", Header(all, "http://h.test/x"));
        Assert.Equal("Basic QUJD", Header(noToken, "http://h.test/x"));
    }

    [Theory]
    [InlineData("cGFzcw==", "pass")]
    [InlineData("cGFzcw", "pass")]
    [InlineData("Pz4/", "?>?")]
    [InlineData("Pz4_", "?>?")]
    [InlineData("cGF zcw==", "pass")]
    [InlineData("", null)]
    public void Username_and_base64_password_become_basic_auth_of_user_colon_password(string password, string? plain)
    {
        var config = With(("//h.test/:username", "me"), ("//h.test/:_password", password));

        var expected = plain is null ? null : "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("me:" + plain));
        Assert.Equal(expected, Header(config, "http://h.test/x"));
    }

    [Fact]
    public void Base64_is_decoded_as_leniently_as_node_does()
    {
        Assert.Equal("ab"u8.ToArray(), NpmConfig.LenientBase64("YWI"));
        Assert.Equal("ab"u8.ToArray(), NpmConfig.LenientBase64("YWI=garbage"));
        Assert.Equal("ab"u8.ToArray(), NpmConfig.LenientBase64("Y W!I"));
        Assert.Equal("a"u8.ToArray(), NpmConfig.LenientBase64("YQ"));
        Assert.Empty(NpmConfig.LenientBase64("Y"));
    }

    [Theory]
    [InlineData("http://h.test:8080/a/b/pkg", "//h.test:8080/a/b/")]
    [InlineData("http://h.test/", "//h.test/")]
    [InlineData("https://h.test:443/x?token=1", "//h.test/")]
    [InlineData("http://user:pw@h.test/r/p", "//h.test/r/")]
    public void Nerf_darts_are_host_port_and_folder(string url, string expected)
    {
        Assert.Equal(expected, NpmConfig.NerfDart(new Uri(url)));
    }

    [Fact]
    public void Scoped_package_urls_match_the_registry_key()
    {
        var config = With(("//h.test/reg/:_authToken", "T"));

        Assert.Equal("Bearer T", Header(config, "http://h.test/reg/@scope%2fname"));
        Assert.Equal("Bearer T", Header(config, "http://h.test/reg/@scope/name/-/name-1.0.0.tgz"));
    }
}
