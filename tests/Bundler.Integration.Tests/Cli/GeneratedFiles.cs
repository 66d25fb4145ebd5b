using System.Text;
using System.Text.RegularExpressions;

namespace Bundler.Integration.Tests.Cli;

/// <summary>
/// Reads back the files a generated <c>ipm_modules.c</c> holds: each array follows a comment naming its virtual
/// path, and its initializer is string-literal pieces with C escapes. Enough of C to check what was bundled.
/// </summary>
internal static partial class GeneratedFiles
{
    public static IReadOnlyDictionary<string, string> Read(string cFile)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var text = File.ReadAllText(cFile);
        foreach (Match m in FileArray().Matches(text))
        {
            var bytes = new List<byte>();
            foreach (Match piece in Piece().Matches(m.Groups["init"].Value))
            {
                Decode(piece.Groups[1].Value, bytes);
            }

            files[m.Groups["path"].Value] = Encoding.UTF8.GetString(bytes.ToArray());
        }

        return files;
    }

    private static void Decode(string literal, List<byte> bytes)
    {
        for (var i = 0; i < literal.Length; i++)
        {
            var c = literal[i];
            if (c != '\\')
            {
                bytes.Add((byte)c);
                continue;
            }

            var e = literal[++i];
            if (e is >= '0' and <= '7')
            {
                var value = 0;
                var digits = 0;
                for (; digits < 3 && i < literal.Length && literal[i] is >= '0' and <= '7'; digits++, i++)
                {
                    value = (value * 8) + (literal[i] - '0');
                }

                i--;
                bytes.Add((byte)value);
                continue;
            }

            bytes.Add(e switch
            {
                'n' => (byte)'\n',
                't' => (byte)'\t',
                'r' => (byte)'\r',
                _ => (byte)e,
            });
        }
    }

    [GeneratedRegex(@"/\* (?<path>/\S+) \([^)]*\) \*/\s*static const unsigned char \w+\[\d+\][^=]*=(?<init>(?:\s*""(?:[^""\\]|\\.)*"")+)\s*;", RegexOptions.CultureInvariant)]
    private static partial Regex FileArray();

    [GeneratedRegex(@"""((?:[^""\\]|\\.)*)""", RegexOptions.CultureInvariant)]
    private static partial Regex Piece();
}
