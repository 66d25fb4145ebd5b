using Bundler.Core.Registry;
using Bundler.Core.Registry.Http;

namespace Bundler.Core.Tests.Registry;

/// <summary>The URL a lock file stores: no user info and no credential-like query parameter, by the printing rule.</summary>
public sealed class RedactTests
{
    [Theory]
    [InlineData("https://user:hunter2@registry.test/x/-/x-1.0.0.tgz", "https://registry.test/x/-/x-1.0.0.tgz")]
    [InlineData("https://registry.test/x/-/x-1.0.0.tgz?token=abc", "https://registry.test/x/-/x-1.0.0.tgz")]
    [InlineData("https://registry.test/x.tgz?access_token=abc&v=1", "https://registry.test/x.tgz?v=1")]
    [InlineData("https://registry.test/x.tgz?apiKey=abc", "https://registry.test/x.tgz")]
    [InlineData("https://registry.test/x.tgz?password=abc&pwd=def&client_secret=ghi", "https://registry.test/x.tgz")]
    [InlineData("https://cdn.test/x.tgz?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIA%2F20240101&X-Amz-Date=20240101T000000Z&X-Amz-Expires=300&X-Amz-Security-Token=tok&X-Amz-SignedHeaders=host&X-Amz-Signature=ff00",
        "https://cdn.test/x.tgz?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=20240101T000000Z&X-Amz-Expires=300")]
    [InlineData("https://cdn.test/x.tgz?X-Goog-Signature=ff&X-Goog-Expires=60", "https://cdn.test/x.tgz?X-Goog-Expires=60")]
    [InlineData("https://blob.test/c/x.tgz?sv=2022-11-02&se=2030-01-01&sp=r&sig=abc%3D", "https://blob.test/c/x.tgz?sv=2022-11-02&se=2030-01-01&sp=r")]
    [InlineData("https://registry.test/x.tgz?%74oken=abc", "https://registry.test/x.tgz")] // percent-encoded name
    [InlineData("https://registry.test/x.tgz#token=abc", "https://registry.test/x.tgz")]
    [InlineData("https://registry.test/x.tgz?v=1", "https://registry.test/x.tgz?v=1")]
    [InlineData("http://registry.test/@scope/name/-/name-1.0.0.tgz", "http://registry.test/@scope/name/-/name-1.0.0.tgz")]
    public void Lock_urls_keep_no_credential(string url, string locked) => Assert.Equal(locked, Redact.Url(new Uri(url)));

    [Theory]
    [InlineData("token", true)]
    [InlineData("X-Amz-Signature", true)]
    [InlineData("X-Amz-Credential", true)]
    [InlineData("X-Amz-Security-Token", true)]
    [InlineData("sig", true)]
    [InlineData("_auth", true)]
    [InlineData("passphrase", true)]
    [InlineData("v", false)]
    [InlineData("X-Amz-Date", false)]
    [InlineData("dist", false)]
    public void One_rule_decides_what_is_a_credential_for_the_lock_and_for_printing(string name, bool secret)
    {
        Assert.Equal(secret, Redact.IsCredentialParameter(name));
        var url = new Uri($"https://registry.test/x.tgz?{name}=value&keep=1");
        Assert.Equal(secret, UrlRedaction.Redact(url).Contains($"{name}=***", StringComparison.Ordinal));
        Assert.Equal(secret, !Redact.Url(url).Contains(name, StringComparison.Ordinal));
    }
}
