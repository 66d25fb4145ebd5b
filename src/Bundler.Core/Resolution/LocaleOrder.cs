namespace Bundler.Core.Resolution;

/// <summary>
/// The order arborist sorts names and paths in (<c>Intl.Collator('en').compare</c>), for the characters package
/// names and install paths use. It decides which of two conflicting dependencies is placed first, so it shapes the
/// tree: ordinal order puts digits before <c>@</c> and <c>-</c> before <c>_</c>, the collator the reverse.
/// Printable ASCII has no contractions or expansions in the root collation, so a per-character primary weight, then
/// case (lower first), then ordinal as a last tie-break reproduce it; other characters fall back to ordinal.
/// </summary>
internal sealed class LocaleOrder : IComparer<string>
{
    public static readonly LocaleOrder Instance = new();

    // Printable ASCII sorted by Intl.Collator('en') (node 20, ICU 7x); letters share a primary weight with their capital.
    private const string Collation = " _-,;:!?.'\"()[]{}@*/\\&#%`^+<=>|~$0123456789aAbBcCdDeEfFgGhHiIjJkKlLmMnNoOpPqQrRsStTuUvVwWxXyYzZ";

    private static readonly int[] Primary = BuildPrimary();

    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? -1 : 1;
        }

        var n = Math.Min(x.Length, y.Length);
        for (var i = 0; i < n; i++)
        {
            var d = Weight(x[i]).CompareTo(Weight(y[i]));
            if (d != 0)
            {
                return d;
            }
        }

        if (x.Length != y.Length)
        {
            return x.Length.CompareTo(y.Length);
        }

        for (var i = 0; i < n; i++)
        {
            if (x[i] != y[i] && char.ToLowerInvariant(x[i]) == char.ToLowerInvariant(y[i]))
            {
                return char.IsLower(x[i]) ? -1 : 1;
            }
        }

        return string.CompareOrdinal(x, y);
    }

    private static int Weight(char c) => c < 128 && Primary[c] >= 0 ? Primary[c] : 1000 + c;

    private static int[] BuildPrimary()
    {
        var table = Enumerable.Repeat(-1, 128).ToArray();
        var weight = 0;
        foreach (var c in Collation)
        {
            table[c] = char.IsAsciiLetterUpper(c) ? table[char.ToLowerInvariant(c)] : weight++;
        }

        return table;
    }
}
