using System.Text;

namespace Bundler.Testing.Servers;

/// <summary>
/// One scripted reply of a <see cref="FaultServer"/>: a status, headers and body, plus how to misbehave while
/// sending it (stall, drip, lie about Content-Length, reset or close the connection part-way).
/// </summary>
public sealed record FaultResponse
{
    public int Status { get; init; } = 200;

    public string ContentType { get; init; } = "application/octet-stream";

    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    public byte[] Body { get; init; } = [];

    /// <summary>The Content-Length announced; null announces the real body length.</summary>
    public long? DeclaredLength { get; init; }

    /// <summary>Send only this many body bytes, then reset the connection (TCP RST).</summary>
    public int? ResetAfter { get; init; }

    /// <summary>Send only this many body bytes, then close the connection normally (a short body).</summary>
    public int? CloseAfter { get; init; }

    /// <summary>Wait this long before sending anything (a server that accepted and went quiet).</summary>
    public TimeSpan Stall { get; init; }

    /// <summary>Send the body in pieces of <see cref="DripBytes"/> with this pause between them.</summary>
    public TimeSpan DripDelay { get; init; }

    public int DripBytes { get; init; } = 1;

    public static FaultResponse Ok(byte[] body, string contentType = "application/octet-stream") =>
        new() { Body = body, ContentType = contentType };

    public static FaultResponse Text(string body, string contentType = "application/json") =>
        Ok(Encoding.UTF8.GetBytes(body), contentType);

    public static FaultResponse Error(int status, string? retryAfter = null) => new()
    {
        Status = status,
        ContentType = "text/plain",
        Body = Encoding.UTF8.GetBytes($"status {status}"),
        Headers = retryAfter is null ? [] : [new("Retry-After", retryAfter)],
    };

    public static FaultResponse Redirect(string location, int status = 302) => new()
    {
        Status = status,
        ContentType = "text/plain",
        Headers = [new("Location", location)],
    };

    public static FaultResponse Reset(byte[] body, int afterBytes) => Ok(body) with { ResetAfter = afterBytes };

    public static FaultResponse Short(byte[] body, int sentBytes) => Ok(body) with { CloseAfter = sentBytes };

    public static FaultResponse Drip(byte[] body, int bytes, TimeSpan delay) => Ok(body) with { DripBytes = bytes, DripDelay = delay };

    public static FaultResponse Silent(TimeSpan stall) => new() { Stall = stall };

    /// <summary>Whether the connection ends after this response (it does whenever the response misbehaves).</summary>
    internal bool ClosesConnection => ResetAfter is not null || CloseAfter is not null;
}

/// <summary>A request the server received.</summary>
public sealed record RecordedRequest(int Connection, string Method, string Target, IReadOnlyDictionary<string, string> Headers)
{
    public string? Header(string name) => Headers.TryGetValue(name.ToLowerInvariant(), out var v) ? v : null;
}
