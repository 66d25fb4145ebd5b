using System.Security.Cryptography;
using Bundler.Core.Diagnostics;
using Bundler.Core.Fetching;

namespace Bundler.Core.Tests.Fetching;

public sealed class IntegrityTests
{
    private static readonly byte[] Data = "the tarball"u8.ToArray();
    private static readonly string Sha512 = "sha512-" + Convert.ToBase64String(SHA512.HashData(Data));
    private static readonly string Sha384 = "sha384-" + Convert.ToBase64String(SHA384.HashData(Data));
    private static readonly string Sha256 = "sha256-" + Convert.ToBase64String(SHA256.HashData(Data));
    private static readonly string Sha1 = "sha1-" + Convert.ToBase64String(SHA1.HashData(Data));
    private static readonly string OtherSha512 = "sha512-" + Convert.ToBase64String(SHA512.HashData("other"u8.ToArray()));

    public static TheoryData<string, string> Strongest => new()
    {
        { $"{Sha1} {Sha512}", "sha512" },
        { $"{Sha256}\t{Sha384}\n{Sha1}", "sha384" },
        { $"{Sha256}?ct=application/octet-stream", "sha256" },
        { $"md5-AAAA== {Sha1} whirlpool-abc", "sha1" },
    };

    [Theory]
    [MemberData(nameof(Strongest))]
    public void The_strongest_algorithm_is_used_and_options_and_unknown_algorithms_ignored(string sri, string algorithm)
    {
        var expected = ExpectedIntegrity.Parse(sri, null, "p@1.0.0")!;

        Assert.Equal(algorithm, expected.Algorithm);
        using var hash = expected.CreateHash();
        hash.AppendData(Data);
        Assert.True(expected.Matches(hash.GetHashAndReset()));
    }

    [Fact]
    public void Any_of_several_digests_of_the_strongest_algorithm_may_match()
    {
        var expected = ExpectedIntegrity.Parse($"{OtherSha512} {Sha512}", null, "p@1.0.0")!;

        Assert.Equal(2, expected.Digests.Count);
        Assert.True(expected.Matches(SHA512.HashData(Data)));
        Assert.False(expected.Matches(SHA512.HashData("third"u8.ToArray())));
    }

    [Fact]
    public void Without_a_usable_sri_hash_the_shasum_is_used()
    {
        var shasum = Convert.ToHexString(SHA1.HashData(Data)).ToLowerInvariant();

        var expected = ExpectedIntegrity.Parse("md5-AAAA==", shasum, "p@1.0.0")!;

        Assert.Equal("sha1", expected.Algorithm);
        Assert.Equal(shasum, expected.Key);
        Assert.True(expected.Matches(SHA1.HashData(Data)));
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("", " ")]
    [InlineData("md5-AAAA==", null)]
    public void Nothing_usable_means_unverified(string? integrity, string? shasum) =>
        Assert.Null(ExpectedIntegrity.Parse(integrity, shasum, "p@1.0.0"));

    [Theory]
    [InlineData("sha512-not*base64", null)]
    [InlineData("sha512-AAAA", null)]
    [InlineData("sha512", null)]
    [InlineData(null, "xyz")]
    [InlineData(null, "0123456789abcdef0123456789abcdef0123456")]
    public void Malformed_hashes_are_an_error_not_unverified(string? integrity, string? shasum)
    {
        var ex = Assert.Throws<IpmException>(() => ExpectedIntegrity.Parse(integrity, shasum, "p@1.0.0"));

        Assert.Equal("IPM4004", ex.Code);
        Assert.Contains("p@1.0.0", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_sri_this_code_wrote_reads_back()
    {
        var expected = ExpectedIntegrity.FromSri(Sha512)!;

        Assert.Equal("sha512", expected.Algorithm);
        Assert.Equal(Sha512, expected.Describe());
        Assert.Null(ExpectedIntegrity.FromSri("nonsense"));
    }
}
