using System.Text;
using Bundler.Core.Diagnostics;

namespace Bundler.Core.Archives;

/// <summary>Which entry names may be extracted, and where they go once the top folder (<c>package/</c>) is stripped.</summary>
internal static class EntryPath
{
    /// <summary>
    /// Returns the '/'-separated path below the top folder, or null for the top folder itself (and for a file
    /// beside it, which npm ignores too). Throws IPM5002, IPM5005 or IPM5006 for a name that is not safe.
    /// </summary>
    public static string? Validate(string name, string package, ExtractionLimits limits)
    {
        var shown = Display(name);
        if (name.Length == 0)
        {
            throw Unsafe(package, shown, "it is empty");
        }

        var bytes = Encoding.UTF8.GetByteCount(name);
        if (bytes > limits.MaxPathBytes)
        {
            throw new IpmException(Messages.EntryPathTooLong(package, shown, bytes, limits.MaxPathBytes));
        }

        foreach (var c in name)
        {
            var why = c switch
            {
                '\0' => "it contains a NUL byte",
                < ' ' or '\x7f' => "it contains a control character",
                '\\' => "it contains a backslash",
                ':' => "it contains ':' (a drive letter or an alternate data stream)",
                '\uFFFD' => "it is not valid UTF-8",
                _ => null,
            };
            if (why is not null)
            {
                throw Unsafe(package, shown, why);
            }
        }

        if (name[0] == '/')
        {
            throw Unsafe(package, shown, "it is absolute");
        }

        var kept = new List<string>();
        foreach (var segment in name.Split('/'))
        {
            if (segment == "..")
            {
                throw Unsafe(package, shown, "it has a '..' segment");
            }

            if (Encoding.UTF8.GetByteCount(segment) is var segmentBytes && segmentBytes > limits.MaxSegmentBytes)
            {
                throw new IpmException(Messages.EntrySegmentTooLong(package, shown, segmentBytes, limits.MaxSegmentBytes));
            }

            if (segment.Length > 0 && segment != ".")
            {
                kept.Add(segment);
            }
        }

        var depth = kept.Count - 1;
        if (depth > limits.MaxDepth)
        {
            throw new IpmException(Messages.EntryTooDeep(package, shown, depth, limits.MaxDepth));
        }

        return depth < 1 ? null : string.Join('/', kept.Skip(1));
    }

    /// <summary>A name made printable for messages: control characters escaped, very long names shortened.</summary>
    public static string Display(string name)
    {
        var sb = new StringBuilder();
        foreach (var c in name)
        {
            if (sb.Length >= 200)
            {
                return sb.Append("...").ToString();
            }

            _ = c switch
            {
                '\0' => sb.Append("\\0"),
                < ' ' or '\x7f' => sb.Append("\\x").Append(((int)c).ToString("x2", System.Globalization.CultureInfo.InvariantCulture)),
                _ => sb.Append(c),
            };
        }

        return sb.ToString();
    }

    private static IpmException Unsafe(string package, string shown, string why) =>
        new(Messages.UnsafeEntryPath(package, shown, why));
}
