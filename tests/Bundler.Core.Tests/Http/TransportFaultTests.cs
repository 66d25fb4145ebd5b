using System.Net;
using System.Net.Sockets;
using Bundler.Core.Diagnostics;
using Bundler.Core.Registry.Http;
using Bundler.Testing.Servers;
using static Bundler.Core.Tests.Http.HttpTestKit;

namespace Bundler.Core.Tests.Http;

/// <summary>The transport against a real socket server that misbehaves on purpose.</summary>
public sealed class TransportFaultTests : IAsyncLifetime
{
    private readonly FaultServer _server = new();
    private readonly RecordingBundleLog _log = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_500_then_success_is_retried()
    {
        _server.On("/p", FaultResponse.Error(500), FaultResponse.Text("{\"ok\":1}"));
        using var transport = Transport(_log);

        Assert.Equal("{\"ok\":1}", await transport.GetStringAsync(_server.Url("/p")));
        Assert.Equal(2, _server.CountRequests("/p"));
        Assert.Contains(_log.Lines, l => l.StartsWith("retry 1 of 2 for GET", StringComparison.Ordinal) && l.Contains("500", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(429, "120", 150)] // asks for two minutes: capped at MaxRetryAfter
    [InlineData(503, "0", 0)]
    [InlineData(408, null, 10)] // no Retry-After: the first backoff
    public async Task Retryable_statuses_wait_what_the_server_asks_capped(int status, string? retryAfter, int expectedWaitMs)
    {
        _server.On("/p", FaultResponse.Error(status, retryAfter), FaultResponse.Text("done"));
        using var transport = Transport(_log);

        Assert.Equal("done", await transport.GetStringAsync(_server.Url("/p")));
        Assert.Contains(_log.Lines, l => l.StartsWith("retry 1 of 2", StringComparison.Ordinal) && l.Contains($" in {expectedWaitMs} ms: ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_persistent_503_fails_after_two_retries()
    {
        _server.On("/p", FaultResponse.Error(503));
        using var transport = Transport(_log);

        var ex = await Assert.ThrowsAsync<HttpStatusException>(() => transport.GetStringAsync(_server.Url("/p")));
        Assert.Equal(503, ex.StatusCode);
        Assert.Equal("status 503", ex.BodyStart);
        Assert.Equal(3, _server.CountRequests("/p"));
    }

    [Theory]
    [InlineData(404)]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(410)]
    public async Task Other_client_errors_are_not_retried(int status)
    {
        _server.On("/p", FaultResponse.Error(status), FaultResponse.Text("never"));
        using var transport = Transport(_log);

        var ex = await Assert.ThrowsAsync<HttpStatusException>(() => transport.GetStringAsync(_server.Url("/p")));
        Assert.Equal(status, ex.StatusCode);
        Assert.Equal(1, _server.CountRequests("/p"));
    }

    [Fact]
    public async Task A_slow_drip_that_never_pauses_for_the_idle_timeout_succeeds()
    {
        // 40 pauses of 60 ms: the whole body takes longer than the 1.5 s idle timeout, no single pause does.
        var body = Bytes(41, 1);
        _server.On("/p", FaultResponse.Drip(body, 1, TimeSpan.FromMilliseconds(60)));
        using var transport = Transport(_log, options: Stalling);

        Assert.Equal(body, await transport.GetBytesAsync(_server.Url("/p")));
        Assert.Equal(1, _server.CountRequests("/p"));
    }

    [Fact]
    public async Task A_server_that_stops_sending_mid_body_is_abandoned_and_retried()
    {
        var body = Bytes(2000, 2);
        _server.On("/p", FaultResponse.Drip(body, 1000, TimeSpan.FromSeconds(30)), FaultResponse.Ok(body));
        using var transport = Transport(_log, options: Stalling);

        Assert.Equal(body, await transport.GetBytesAsync(_server.Url("/p")));
        Assert.Equal(2, _server.CountRequests("/p"));
        Assert.Contains(_log.Lines, l => l.Contains("timed out: no data for 1500 ms", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_server_that_never_answers_fails_with_a_timeout_after_the_retries()
    {
        _server.On("/p", FaultResponse.Silent(TimeSpan.FromSeconds(30)));
        using var transport = Transport(_log, options: Stalling with { MaxRetries = 1 });

        var ex = await Assert.ThrowsAsync<TransportException>(() => transport.GetStringAsync(_server.Url("/p")));
        Assert.Contains("timed out", ex.Message, StringComparison.Ordinal);
        Assert.Equal(2, _server.CountRequests("/p"));
    }

    [Fact]
    public async Task A_connection_reset_mid_body_is_retried_and_the_reader_starts_over()
    {
        var body = Bytes(50_000, 3);
        _server.On("/p", FaultResponse.Reset(body, 20_000), FaultResponse.Ok(body));
        using var transport = Transport(_log);
        var calls = 0;

        var read = await transport.GetAsync(_server.Url("/p"), null, async (_, stream, token) =>
        {
            Interlocked.Increment(ref calls);
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy, token);
            return copy.ToArray();
        }, CancellationToken.None);

        Assert.Equal(body, read);
        Assert.Equal(2, calls);
        Assert.Contains(_log.Lines, l => l.Contains("failed while reading the body", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_body_shorter_than_its_content_length_is_retried()
    {
        var body = Bytes(10_000, 4);
        _server.On("/p", FaultResponse.Short(body, 4_000), FaultResponse.Ok(body));
        using var transport = Transport(_log);

        Assert.Equal(body, await transport.GetBytesAsync(_server.Url("/p")));
        Assert.Equal(2, _server.CountRequests("/p"));
    }

    [Fact]
    public async Task A_body_that_is_always_short_fails_as_a_transport_error()
    {
        _server.On("/p", FaultResponse.Short(Bytes(10_000, 5), 4_000));
        using var transport = Transport(_log);

        await Assert.ThrowsAsync<TransportException>(() => transport.GetBytesAsync(_server.Url("/p")));
        Assert.Equal(3, _server.CountRequests("/p"));
    }

    [Fact]
    public async Task Html_where_json_was_expected_reaches_the_caller_with_its_content_type()
    {
        _server.On("/p", FaultResponse.Text("<html><body>Sign in</body></html>", "text/html; charset=utf-8"));
        using var transport = Transport(_log);

        var (type, text) = await transport.GetAsync(_server.Url("/p"), "application/json", async (response, body, token) =>
            (response.Content.Headers.ContentType?.MediaType, await new StreamReader(body).ReadToEndAsync(token)), CancellationToken.None);

        Assert.Equal("text/html", type);
        Assert.StartsWith("<html>", text, StringComparison.Ordinal);
        Assert.Equal("application/json", _server.Requests.Single().Header("Accept"));
    }

    [Fact]
    public async Task A_redirect_to_another_host_does_not_carry_the_credential()
    {
        // 127.0.0.1 and localhost reach the same server but are different hosts to the client.
        _server.On("/pkg/-/pkg-1.0.0.tgz", FaultResponse.Redirect(_server.Url("/cdn/pkg-1.0.0.tgz", "localhost").AbsoluteUri));
        _server.On("/cdn/pkg-1.0.0.tgz", FaultResponse.Text("tarball bytes"));
        var credentials = new HostCredentials("127.0.0.1", _server.Port, "s3cret-token");
        using var transport = Transport(_log, credentials);

        Assert.Equal("tarball bytes", await transport.GetStringAsync(_server.Url("/pkg/-/pkg-1.0.0.tgz")));

        var requests = _server.Requests;
        Assert.Equal(2, requests.Count);
        Assert.Equal("Bearer s3cret-token", requests[0].Header("Authorization"));
        Assert.Equal($"localhost:{_server.Port}", requests[1].Header("Host"));
        Assert.Null(requests[1].Header("Authorization"));
        Assert.DoesNotContain(_log.Lines, l => l.Contains("s3cret", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_redirect_on_the_same_host_gets_that_urls_credential()
    {
        _server.On("/a", FaultResponse.Redirect("/b", 307));
        _server.On("/b", FaultResponse.Text("b"));
        var credentials = new HostCredentials("127.0.0.1", _server.Port, "t");
        using var transport = Transport(_log, credentials);

        Assert.Equal("b", await transport.GetStringAsync(_server.Url("/a")));
        Assert.All(_server.Requests, r => Assert.Equal("Bearer t", r.Header("Authorization")));
        Assert.Equal([_server.Url("/a"), _server.Url("/b")], credentials.Asked);
    }

    [Fact]
    public async Task Connections_are_reused()
    {
        _server.On("/p", FaultResponse.Text("x"));
        using var transport = Transport(_log);

        for (var i = 0; i < 3; i++)
        {
            await transport.GetStringAsync(_server.Url("/p"));
        }

        Assert.Equal(3, _server.CountRequests("/p"));
        Assert.Equal(1, _server.Connections);
    }

    [Fact]
    public async Task Cancelling_mid_body_throws_OperationCanceled_without_waiting_for_the_body()
    {
        _server.On("/p", FaultResponse.Drip(Bytes(100, 6), 1, TimeSpan.FromSeconds(1)));
        using var transport = Transport(_log, options: Fast with { IdleTimeout = TimeSpan.FromSeconds(30) });
        using var cts = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => transport.GetAsync<int>(_server.Url("/p"), null, async (response, body, token) =>
        {
            var buffer = new byte[100];
            _ = await body.ReadAsync(buffer, token);
            await cts.CancelAsync();
            while (await body.ReadAsync(buffer, token) > 0)
            {
            }

            return 0;
        }, cts.Token));
        Assert.Equal(1, _server.CountRequests("/p"));
    }

    [Fact]
    public async Task A_refused_connection_is_retried_then_reported()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var transport = Transport(_log);

        var ex = await Assert.ThrowsAsync<TransportException>(() => transport.GetStringAsync(new Uri($"http://127.0.0.1:{port}/p")));
        Assert.Contains($"127.0.0.1:{port}", ex.Message, StringComparison.Ordinal);
        Assert.Equal(2, _log.Lines.Count(l => l.StartsWith("retry ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Credentials_in_the_url_never_reach_messages_or_logs()
    {
        using var transport = Transport(_log);
        var url = new Uri($"http://someone:pa55word@127.0.0.1:{_server.Port}/missing?access_token=abc123&page=2");

        var ex = await Assert.ThrowsAsync<HttpStatusException>(() => transport.GetStringAsync(url));

        Assert.Equal(404, ex.StatusCode);
        foreach (var text in _log.Lines.Append(ex.Message).Append(ex.Url.ToString()))
        {
            Assert.DoesNotContain("pa55word", text, StringComparison.Ordinal);
            Assert.DoesNotContain("abc123", text, StringComparison.Ordinal);
        }

        Assert.Contains("page=2", ex.Message, StringComparison.Ordinal);
    }
}
