using System.Net;
using System.Net.Http.Headers;
using Bundler.Core.Diagnostics;
using Bundler.Core.Registry.Http;
using static Bundler.Core.Tests.Http.HttpTestKit;

namespace Bundler.Core.Tests.Http;

/// <summary>Redirect rules, retry arithmetic and URL redaction, through an in-memory handler.</summary>
public sealed class TransportPolicyTests
{
    private readonly RecordingBundleLog _log = new();

    [Fact]
    public async Task A_redirect_from_https_to_http_is_refused()
    {
        using var handler = new StubHandler(r => r.RequestUri!.Scheme == "https" ? StubHandler.Redirect("http://registry.test/x.tgz") : StubHandler.Ok("plain"));
        using var transport = new HttpTransport(handler, NoCredentials.Instance, Fast, _log);

        var ex = await Assert.ThrowsAsync<TransportException>(() => transport.GetStringAsync(new Uri("https://registry.test/x.tgz")));

        Assert.Contains("https to http", ex.Message, StringComparison.Ordinal);
        Assert.Single(handler.Requests);
    }

    [Theory]
    [InlineData(5, true)]
    [InlineData(6, false)]
    public async Task At_most_five_redirects_are_followed(int redirects, bool succeeds)
    {
        using var handler = new StubHandler(r =>
        {
            var hop = int.Parse(r.RequestUri!.AbsolutePath.TrimStart('/'), System.Globalization.CultureInfo.InvariantCulture);
            return hop < redirects ? StubHandler.Redirect($"/{hop + 1}", HttpStatusCode.MovedPermanently) : StubHandler.Ok("end");
        });
        using var transport = new HttpTransport(handler, NoCredentials.Instance, Fast, _log);

        var get = () => transport.GetStringAsync(new Uri("https://registry.test/0"));

        if (succeeds)
        {
            Assert.Equal("end", await get());
        }
        else
        {
            Assert.Contains("more than 5 redirects", (await Assert.ThrowsAsync<TransportException>(get)).Message, StringComparison.Ordinal);
        }

        Assert.Equal(Math.Min(redirects, 5) + 1, handler.Requests.Count);
    }

    [Theory]
    [InlineData("file:///etc/passwd")]
    [InlineData("ftp://registry.test/x.tgz")]
    public async Task A_redirect_to_a_scheme_other_than_http_is_refused(string location)
    {
        using var handler = new StubHandler(_ => StubHandler.Redirect(location));
        using var transport = new HttpTransport(handler, NoCredentials.Instance, Fast, _log);

        var ex = await Assert.ThrowsAsync<TransportException>(() => transport.GetStringAsync(new Uri("http://registry.test/x")));
        Assert.Contains("not http or https", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_hop_asks_the_credential_source_for_its_own_url()
    {
        using var handler = new StubHandler(r => r.RequestUri!.AbsolutePath switch
        {
            "/a" => StubHandler.Redirect("b"),
            "/b" => StubHandler.Redirect("https://registry.test:8443/c"),
            "/c" => StubHandler.Redirect("https://mirror.test/d"),
            _ => StubHandler.Ok("d"),
        });
        var credentials = new HostCredentials("registry.test", 8443, "tok");
        using var transport = new HttpTransport(handler, credentials, Fast, _log);

        Assert.Equal("d", await transport.GetStringAsync(new Uri("http://registry.test:8443/a")));

        Assert.Equal(["http://registry.test:8443/a", "http://registry.test:8443/b", "https://registry.test:8443/c", "https://mirror.test/d"],
            credentials.Asked.Select(u => u.AbsoluteUri));
        Assert.Equal(["Bearer tok", "Bearer tok", "Bearer tok", null], handler.Requests.Select(r => r.Authorization));
    }

    [Fact]
    public void A_handler_that_follows_redirects_itself_is_switched_off_that()
    {
        using var handler = new SocketsHttpHandler();
        using var transport = new HttpTransport(handler, NoCredentials.Instance, Fast, _log);

        Assert.False(handler.AllowAutoRedirect);
    }

    [Fact]
    public async Task Only_http_and_https_urls_are_fetched()
    {
        using var handler = new StubHandler(_ => StubHandler.Ok("never"));
        using var transport = new HttpTransport(handler, NoCredentials.Instance, Fast, _log);

        await Assert.ThrowsAsync<TransportException>(() => transport.GetStringAsync(new Uri("file:///etc/passwd")));
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task An_exception_of_the_reader_itself_is_not_retried()
    {
        using var handler = new StubHandler(_ => StubHandler.Ok("{}"));
        using var transport = new HttpTransport(handler, NoCredentials.Instance, Fast, _log);

        await Assert.ThrowsAsync<InvalidDataException>(() => transport.GetAsync<int>(new Uri("http://registry.test/x"), null,
            (_, _, _) => throw new InvalidDataException("not a packument"), CancellationToken.None));
        Assert.Single(handler.Requests);
    }

    [Theory]
    [InlineData(408, true)]
    [InlineData(429, true)]
    [InlineData(500, true)]
    [InlineData(502, true)]
    [InlineData(599, true)]
    [InlineData(400, false)]
    [InlineData(404, false)]
    [InlineData(409, false)]
    [InlineData(304, false)]
    public void Which_statuses_are_retried(int status, bool retried) => Assert.Equal(retried, RetryPolicy.IsRetryableStatus(status));

    [Fact]
    public void Retry_after_accepts_seconds_and_dates_and_is_capped()
    {
        var now = new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);
        var cap = TimeSpan.FromSeconds(60);

        Assert.Equal(TimeSpan.FromSeconds(7), RetryPolicy.RetryAfter(new RetryConditionHeaderValue(TimeSpan.FromSeconds(7)), cap, now));
        Assert.Equal(TimeSpan.FromSeconds(30), RetryPolicy.RetryAfter(RetryConditionHeaderValue.Parse("Wed, 01 May 2024 12:00:30 GMT"), cap, now));
        Assert.Equal(cap, RetryPolicy.RetryAfter(RetryConditionHeaderValue.Parse("3600"), cap, now));
        Assert.Equal(TimeSpan.Zero, RetryPolicy.RetryAfter(RetryConditionHeaderValue.Parse("Wed, 01 May 2024 11:00:00 GMT"), cap, now));
        Assert.Null(RetryPolicy.RetryAfter(null, cap, now));
    }

    [Fact]
    public void Backoff_doubles_and_is_capped()
    {
        var first = TimeSpan.FromSeconds(1);
        Assert.Equal([1, 2, 4, 8, 10], Enumerable.Range(1, 5).Select(r => RetryPolicy.Backoff(first, r, TimeSpan.FromSeconds(10)).TotalSeconds));
    }

    [Theory]
    [InlineData("https://user:pw@registry.test/a/b.tgz", "https://registry.test/a/b.tgz")]
    [InlineData("https://registry.test:8443/x?token=abc&v=1", "https://registry.test:8443/x?token=***&v=1")]
    [InlineData("https://cdn.test/x.tgz?X-Amz-Signature=ff&X-Amz-Credential=k", "https://cdn.test/x.tgz?X-Amz-Signature=***&X-Amz-Credential=***")]
    [InlineData("http://registry.test/@scope%2fname", "http://registry.test/@scope%2fname")]
    public void Urls_are_printed_without_their_secrets(string url, string printed) => Assert.Equal(printed, UrlRedaction.Redact(new Uri(url)));
}
