namespace Bundler.Core.Registry;

/// <summary>npm package name rules and the URL and folder forms of a name.</summary>
public static class PackageNames
{
    /// <summary>True for names npm accepts for new packages (lower-case, URL-safe, optional @scope/).</summary>
    public static bool IsValid(string name)
    {
        if (name.Length is 0 or > 214 || name.StartsWith('.') || name.StartsWith('_') || name.Trim() != name)
        {
            return false;
        }

        var body = name;
        if (name.StartsWith('@'))
        {
            var slash = name.IndexOf('/', StringComparison.Ordinal);
            if (slash < 2 || slash == name.Length - 1 || name.IndexOf('/', slash + 1) >= 0)
            {
                return false;
            }

            if (!ValidPart(name[1..slash]))
            {
                return false;
            }

            body = name[(slash + 1)..];
            if (body.StartsWith('.') || body.StartsWith('_'))
            {
                return false;
            }
        }

        return ValidPart(body);
    }

    private static bool ValidPart(string part) =>
        part.Length > 0 && part.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '.' or '_' or '~' or '!' or '*' or '\'' or '(' or ')');

    /// <summary>The path segment npm uses: <c>@scope%2fname</c> for scoped names.</summary>
    public static string UrlEncoded(string name) => name.StartsWith('@') ? name.Replace("/", "%2f", StringComparison.Ordinal) : name;

    /// <summary>The scope including '@', or null.</summary>
    public static string? Scope(string name) => name.StartsWith('@') && name.Contains('/', StringComparison.Ordinal) ? name[..name.IndexOf('/', StringComparison.Ordinal)] : null;

    /// <summary>The unscoped part, used in tarball file names (<c>name-1.0.0.tgz</c>).</summary>
    public static string Basename(string name) => name.StartsWith('@') ? name[(name.IndexOf('/', StringComparison.Ordinal) + 1)..] : name;
}
