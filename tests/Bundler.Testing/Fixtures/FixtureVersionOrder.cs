using System.Globalization;

namespace Bundler.Testing;

/// <summary>Semver 2 precedence for fixture versions (build metadata ignored). The harness's own, so the tests
/// never order fixtures with the code they test.</summary>
public sealed class FixtureVersionOrder : IComparer<string>
{
    public static readonly FixtureVersionOrder Instance = new();

    public static bool IsPrerelease(string version) => Split(version).Pre is not null;

    public int Compare(string? x, string? y)
    {
        if (x is null || y is null)
        {
            return x is null ? (y is null ? 0 : -1) : 1;
        }

        var (xCore, xPre) = Split(x);
        var (yCore, yPre) = Split(y);
        for (var i = 0; i < 3; i++)
        {
            var c = xCore[i].CompareTo(yCore[i]);
            if (c != 0)
            {
                return c;
            }
        }

        if (xPre is null || yPre is null)
        {
            return xPre is null ? (yPre is null ? 0 : 1) : -1;
        }

        for (var i = 0; i < Math.Min(xPre.Length, yPre.Length); i++)
        {
            var c = CompareIdentifier(xPre[i], yPre[i]);
            if (c != 0)
            {
                return c;
            }
        }

        return xPre.Length.CompareTo(yPre.Length);
    }

    private static int CompareIdentifier(string a, string b)
    {
        var aNum = ulong.TryParse(a, out var an) && a.All(char.IsAsciiDigit);
        var bNum = ulong.TryParse(b, out var bn) && b.All(char.IsAsciiDigit);
        return (aNum, bNum) switch
        {
            (true, true) => an.CompareTo(bn),
            (true, false) => -1,
            (false, true) => 1,
            _ => string.CompareOrdinal(a, b),
        };
    }

    private static (ulong[] Core, string[]? Pre) Split(string version)
    {
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        var v = plus < 0 ? version : version[..plus];
        var dash = v.IndexOf('-', StringComparison.Ordinal);
        var core = (dash < 0 ? v : v[..dash]).Split('.');
        if (core.Length != 3)
        {
            throw new FormatException($"fixture version '{version}' is not MAJOR.MINOR.PATCH[-PRE][+BUILD]");
        }

        return (core.Select(p => ulong.Parse(p, CultureInfo.InvariantCulture)).ToArray(),
            dash < 0 ? null : v[(dash + 1)..].Split('.'));
    }
}
