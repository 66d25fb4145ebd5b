using System.Security.Cryptography;
using Bundler.Core.Diagnostics;

namespace Bundler.Core.Fetching;

/// <summary>
/// The hash a tarball must have: every digest given for the strongest algorithm found in the SRI string (any one
/// of them may match), or the sha1 <c>shasum</c> when there is no usable SRI hash.
/// </summary>
internal sealed class ExpectedIntegrity
{
    // Strongest first; the SRI spec says to check only the strongest algorithm present.
    private static readonly (string Name, int Bytes)[] Algorithms = [("sha512", 64), ("sha384", 48), ("sha256", 32), ("sha1", 20)];

    private ExpectedIntegrity(string algorithm, IReadOnlyList<byte[]> digests)
    {
        Algorithm = algorithm;
        Digests = digests;
    }

    /// <summary><c>sha512</c>, <c>sha384</c>, <c>sha256</c> or <c>sha1</c>.</summary>
    public string Algorithm { get; }

    public IReadOnlyList<byte[]> Digests { get; }

    /// <summary>Lower-case hex of the first digest: the entry's name in the content-addressed cache.</summary>
    public string Key => Hex(Digests[0]);

    /// <summary>
    /// Parses registry metadata. Returns null when there is neither a usable SRI hash nor a shasum; throws IPM4004
    /// when a hash of a known algorithm is malformed (a typo there must not silently turn into "unverified").
    /// </summary>
    public static ExpectedIntegrity? Parse(string? integrity, string? shasum, string package)
    {
        if (!string.IsNullOrWhiteSpace(integrity))
        {
            var found = new Dictionary<string, List<byte[]>>(StringComparer.Ordinal);
            foreach (var token in integrity.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            {
                var options = token.IndexOf('?', StringComparison.Ordinal);
                var hash = options < 0 ? token : token[..options];
                var dash = hash.IndexOf('-', StringComparison.Ordinal);
                var name = dash < 0 ? hash : hash[..dash];
                var size = SizeOf(name);
                if (size == 0)
                {
                    continue; // Unknown algorithms are ignored, as SRI requires.
                }

                var digest = FromBase64(dash < 0 ? "" : hash[(dash + 1)..]);
                if (digest is null || digest.Length != size)
                {
                    throw new IpmException(Messages.InvalidIntegrity(package, integrity, $"'{token}' is not a base64 {name} digest"));
                }

                if (!found.TryGetValue(name, out var list))
                {
                    found[name] = list = [];
                }

                list.Add(digest);
            }

            foreach (var (name, _) in Algorithms)
            {
                if (found.TryGetValue(name, out var digests))
                {
                    return new ExpectedIntegrity(name, digests);
                }
            }
        }

        if (string.IsNullOrWhiteSpace(shasum))
        {
            return null;
        }

        var trimmed = shasum.Trim();
        if (trimmed.Length != 40 || !trimmed.All(Uri.IsHexDigit))
        {
            throw new IpmException(Messages.InvalidIntegrity(package, shasum, "a shasum is 40 hexadecimal digits"));
        }

        return new ExpectedIntegrity("sha1", [Convert.FromHexString(trimmed)]);
    }

    /// <summary>Parses an SRI string this code produced (one hash); null when it is not one.</summary>
    public static ExpectedIntegrity? FromSri(string sri)
    {
        var dash = sri.IndexOf('-', StringComparison.Ordinal);
        if (dash < 0)
        {
            return null;
        }

        var name = sri[..dash];
        var digest = FromBase64(sri[(dash + 1)..]);
        return SizeOf(name) is > 0 and var size && digest?.Length == size ? new ExpectedIntegrity(name, [digest]) : null;
    }

    /// <summary>The algorithm of a cache folder name, or null when the name is not one.</summary>
    public static int SizeOf(string algorithm)
    {
        foreach (var (name, bytes) in Algorithms)
        {
            if (string.Equals(name, algorithm, StringComparison.Ordinal))
            {
                return bytes;
            }
        }

        return 0;
    }

    public bool Matches(ReadOnlySpan<byte> actual)
    {
        foreach (var digest in Digests)
        {
            if (actual.SequenceEqual(digest))
            {
                return true;
            }
        }

        return false;
    }

    public IncrementalHash CreateHash() => CreateHash(Algorithm);

    /// <summary>All expected digests in SRI form, for messages.</summary>
    public string Describe() => string.Join(" ", Digests.Select(d => Sri(Algorithm, d)));

    public static string Sri(string algorithm, byte[] digest) => $"{algorithm}-{Convert.ToBase64String(digest)}";

    public static string Hex(byte[] digest) => Convert.ToHexString(digest).ToLowerInvariant();

    public static IncrementalHash CreateHash(string algorithm) => algorithm switch
    {
        "sha512" => IncrementalHash.CreateHash(HashAlgorithmName.SHA512),
        "sha384" => IncrementalHash.CreateHash(HashAlgorithmName.SHA384),
        "sha256" => IncrementalHash.CreateHash(HashAlgorithmName.SHA256),
        // npm's shasum is sha1; it is only the fallback for old registry metadata.
        "sha1" => IncrementalHash.CreateHash(HashAlgorithmName.SHA1),
        _ => throw new ArgumentException($"unknown hash algorithm '{algorithm}'", nameof(algorithm)),
    };

    private static byte[]? FromBase64(string text)
    {
        var buffer = new byte[(text.Length * 3 / 4) + 3];
        return Convert.TryFromBase64String(text, buffer, out var written) ? buffer[..written] : null;
    }
}
