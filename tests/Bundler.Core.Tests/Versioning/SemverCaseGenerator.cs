using System.Text;

namespace Bundler.Core.Tests.Versioning;

/// <summary>
/// Seeded random ranges and versions covering every form npm accepts (comparators, hyphen, x, tilde, caret,
/// unions, whitespace variants, v/= prefixes, prereleases, build metadata, loose forms) plus near misses and
/// mutations, so that both acceptance and rejection are exercised. Small numbers dominate so that versions
/// land on range boundaries.
/// </summary>
internal sealed class SemverCaseGenerator(int seed)
{
    private static readonly string[] BigNumbers =
    [
        "9007199254740991", "9007199254740992", "9007199254740990", "99999999999999999999", "999999999999999999999",
        "1000000000000000000000", "18446744073709551616",
    ];

    private static readonly string[] PreIds =
    [
        "alpha", "beta", "rc", "0", "1", "2", "3", "10", "01", "00", "SNAPSHOT", "x", "X", "-", "a-b", "1a", "pre",
        "alpha1", "beta-2", "9007199254740991", "9007199254740992", "0009007199254740991", "99999999999999999999", "Z", "z",
    ];

    private static readonly string[] Builds = ["build", "001", "a.b", "sha.5114f85", "exp-1", "20130313144700", "", "a..b", "+"];

    private static readonly string[] Operators = ["", "", "", "<", "<=", ">", ">=", "=", "~", "~>", "^", "^", "~"];

    private static readonly string[] OddOperators = ["=>", "<>", "==", ">==", "~^", "!", "^~", "~>=", "v"];

    private static readonly string[] Specials =
    [
        "*", "", "x", "X", "x.x", "x.x.x", "*.*", ">=0.0.0", "<0.0.0-0", ">=0.0.0-0", "<0.0.0", "latest", "||", " || ",
        "1 ||", "|| 1", "~", "^", ">=", "<", "=", "-", " - ", "1 -", "- 1", "a.b.c", "1.2.3 foo", "foo 1.2.3", ">= foo",
        "~1.2.3 ^1.2.3", "1.x.x || 2.x", ">1.2.3 <1.2.3", "1.2.3*", "*1.2.3", ">=*1.2.3", "x.1", "1.x.2", "1.x+b", "=*",
        "> = 1.2.3", "v 1.2.3 - 2", "=1.2.3 - 2", "^00.1.2", "1.2.xa", "^0.0.x", "~0", "1.2.3v = 1", "1.2.345.6",
        ">1.2.3-alpha.3", "<=1.2.3-beta <2", "1.2 - 2.3.4", "1.2.3 - 2.3", "1.2.3 - 2", "~ 1.2", "^ 1.2", "~> 1.2",
    ];

    private const string MutationChars = "<>=~^*xXv-.|+ 0123456789a\t";

    private readonly Random _r = new(seed);

    public string Version()
    {
        var sb = new StringBuilder();
        sb.Append(Pick(
            ["", "", "", "", "", "", "", "v", "v", "=", "v=", "= ", " v", "V", "vv", "\u00a0", "=v", "v ", " "]));
        var shape = _r.Next(100);
        if (shape < 94)
        {
            sb.Append(Num()).Append('.').Append(Num()).Append('.').Append(Num());
        }
        else
        {
            sb.Append(Pick(["1.2", "1", "1.2.3.4", "a.b.c", "1.2.345.6", "1.2.34.5.6", "1.2.3.", ".1.2.3", "1..2", "1.2.x"]));
        }

        var pre = _r.Next(100);
        if (pre < 40)
        {
            sb.Append('-').Append(Prerelease());
        }
        else if (pre < 45)
        {
            sb.Append(Pick(["alpha", "beta.1", "rc1", "a-b", "-", "Z.1"]));
        }
        else if (pre < 47)
        {
            sb.Append(Pick(["-", "--", "-.", "-a..b", "-+b", "-_"]));
        }

        if (_r.Next(100) < 10)
        {
            sb.Append('+').Append(Pick(Builds));
        }

        if (_r.Next(100) < 4)
        {
            sb.Append(Pick([" ", "\t", "\u3000", "x", "*"]));
        }

        if (_r.Next(400) == 0)
        {
            sb.Append("-").Append('a', _r.Next(240, 260));
        }

        return sb.ToString();
    }

    public string Range()
    {
        string text;
        if (_r.Next(100) < 8)
        {
            text = Pick(Specials);
        }
        else
        {
            var sets = new string[_r.Next(100) < 75 ? 1 : _r.Next(2, 4)];
            for (var i = 0; i < sets.Length; i++)
            {
                sets[i] = Set();
            }

            text = string.Join(Pick(["||", " || ", " ||", "|| ", "  ||  ", " || ", " ||| "]), sets);
        }

        if (_r.Next(100) < 8)
        {
            text = Pick(["", " ", "  ", "\t", "\n"]) + text + Pick(["", " ", "\t ", "\u00a0"]);
        }

        var mutations = _r.Next(100) < 12 ? _r.Next(1, 3) : 0;
        for (var i = 0; i < mutations; i++)
        {
            text = Mutate(text);
        }

        return text;
    }

    private string Set()
    {
        if (_r.Next(100) < 12)
        {
            return Partial() + Pick([" - ", " - ", "  -  ", " -", "- ", "\t-\t", " - v", " - ="]) + Partial();
        }

        var items = new string[_r.Next(100) < 60 ? 1 : _r.Next(2, 4)];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = Simple();
        }

        return string.Join(_r.Next(100) < 85 ? " " : Pick(["  ", "\t", ", ", " \n "]), items);
    }

    private string Simple()
    {
        var op = _r.Next(100) < 4 ? Pick(OddOperators) : Pick(Operators);
        var space = _r.Next(100) < 10 ? Pick([" ", "  ", "\t"]) : "";
        var prefix = _r.Next(100) < 6 ? Pick(["v", "v", "=", "v=", "V"]) : "";
        return op + space + prefix + Partial();
    }

    private string Partial()
    {
        var parts = _r.Next(100) switch
        {
            < 55 => 3,
            < 80 => 2,
            _ => 1,
        };
        var sb = new StringBuilder(XPart());
        for (var i = 1; i < parts; i++)
        {
            sb.Append('.').Append(XPart());
        }

        if (parts == 3 && _r.Next(100) < 25)
        {
            sb.Append(_r.Next(100) < 90 ? "-" : "").Append(Prerelease());
        }
        else if (parts < 3 && _r.Next(100) < 3)
        {
            sb.Append('-').Append(Prerelease());
        }

        if (_r.Next(100) < 6)
        {
            sb.Append('+').Append(Pick(Builds));
        }

        return sb.ToString();
    }

    private string XPart() => _r.Next(100) < 18 ? Pick(["x", "X", "*"]) : Num();

    private string Num()
    {
        var n = _r.Next(1000);
        return n switch
        {
            < 870 => _r.Next(5).ToString(System.Globalization.CultureInfo.InvariantCulture),
            < 950 => _r.Next(5, 13).ToString(System.Globalization.CultureInfo.InvariantCulture),
            < 970 => Pick(["00", "01", "007", "010"]),
            < 990 => Pick(["99", "100", "1000", "12345"]),
            _ => Pick(BigNumbers),
        };
    }

    private string Prerelease()
    {
        var count = _r.Next(100) < 60 ? 1 : _r.Next(2, 4);
        var ids = new string[count];
        for (var i = 0; i < count; i++)
        {
            ids[i] = Pick(PreIds);
        }

        return string.Join('.', ids);
    }

    private string Mutate(string text)
    {
        var pos = text.Length == 0 ? 0 : _r.Next(text.Length + 1);
        switch (_r.Next(3))
        {
            case 0:
                return text.Insert(pos, MutationChars[_r.Next(MutationChars.Length)].ToString());
            case 1 when text.Length > 0:
                return text.Remove(Math.Min(pos, text.Length - 1), 1);
            default:
                if (text.Length < 2)
                {
                    return text + "x";
                }

                var i = Math.Min(pos, text.Length - 2);
                var chars = text.ToCharArray();
                (chars[i], chars[i + 1]) = (chars[i + 1], chars[i]);
                return new string(chars);
        }
    }

    private string Pick(string[] options) => options[_r.Next(options.Length)];
}
