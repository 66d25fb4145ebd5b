using System.Collections.Concurrent;

namespace Bundler.Testing;

/// <summary>
/// Credentials the harness created or was given. Every failure message the harness builds from a tool's output
/// goes through <see cref="Mask"/>, so a token never lands in a test log.
/// </summary>
public static class SecretMasker
{
    public const string Replacement = "***";

    // Shorter strings are placeholders such as the anonymous token "test"; masking them would garble logs.
    private const int MinimumLength = 8;

    private static readonly ConcurrentDictionary<string, byte> Secrets = new(StringComparer.Ordinal);

    public static void Register(string? secret)
    {
        if (secret is { Length: >= MinimumLength })
        {
            Secrets.TryAdd(secret, 0);
        }
    }

    public static string Mask(string text)
    {
        // Longest first, so a secret containing another is replaced whole.
        foreach (var secret in Secrets.Keys.OrderByDescending(s => s.Length).ThenBy(s => s, StringComparer.Ordinal))
        {
            text = text.Replace(secret, Replacement, StringComparison.Ordinal);
        }

        return text;
    }
}
