using Bundler.Core.Diagnostics;
using Bundler.Core.Registry;

namespace Bundler.Core.Resolution;

/// <summary>What kind of thing a dependency spec names, as npm-package-arg classifies it.</summary>
public enum SpecKind
{
    /// <summary>A range, version or dist-tag, read from a registry.</summary>
    Registry,

    /// <summary><c>npm:other@range</c>: installed under the declared name.</summary>
    Alias,

    /// <summary><c>file:../app</c> or a relative/absolute directory path.</summary>
    Directory,

    /// <summary>An http(s) URL of a tarball.</summary>
    Tarball,

    /// <summary>git URLs, <c>github:</c>, <c>user/repo</c>: rejected.</summary>
    Git,
}

/// <summary>A parsed dependency spec. For aliases, <see cref="PackageName"/> is the real package.</summary>
public sealed record PackageSpec(string Name, SpecKind Kind, string PackageName, string Range, string Raw)
{
    /// <summary>Parses a command-line argument: <c>name</c>, <c>name@range</c>, <c>@scope/name@range</c>.</summary>
    public static PackageSpec ParseArgument(string argument)
    {
        var at = argument.StartsWith('@') ? argument.IndexOf('@', 1) : argument.IndexOf('@', StringComparison.Ordinal);
        var name = at < 0 ? argument : argument[..at];
        var spec = at < 0 ? string.Empty : argument[(at + 1)..];
        if (!PackageNames.IsValid(name))
        {
            throw new IpmException(Messages.BadSpec(argument, $"'{name}' is not a valid package name"));
        }

        if (at >= 0 && spec.Length == 0)
        {
            throw new IpmException(Messages.BadSpec(argument, "nothing after '@'"));
        }

        return Parse(name, spec);
    }

    /// <summary>Parses the value side of a <c>dependencies</c> entry for the dependency <paramref name="name"/>.</summary>
    public static PackageSpec Parse(string name, string spec)
    {
        var s = spec.Trim();
        if (s.Length == 0)
        {
            return new PackageSpec(name, SpecKind.Registry, name, "*", spec);
        }

        if (s.StartsWith("npm:", StringComparison.Ordinal))
        {
            var inner = ParseArgument(s[4..]);
            if (inner.Kind != SpecKind.Registry)
            {
                throw new IpmException(Messages.BadSpec($"{name}@{spec}", "an alias must name a registry package"));
            }

            return new PackageSpec(name, SpecKind.Alias, inner.PackageName, inner.Range, spec);
        }

        if (IsGit(s))
        {
            return new PackageSpec(name, SpecKind.Git, name, s, spec);
        }

        if (s.StartsWith("http://", StringComparison.Ordinal) || s.StartsWith("https://", StringComparison.Ordinal))
        {
            return new PackageSpec(name, SpecKind.Tarball, name, s, spec);
        }

        if (s.StartsWith("file:", StringComparison.Ordinal) || s.StartsWith("./", StringComparison.Ordinal) || s.StartsWith("../", StringComparison.Ordinal)
            || s.StartsWith('/') || s.StartsWith("~/", StringComparison.Ordinal) || s == "." || s == "..")
        {
            var path = s.StartsWith("file:", StringComparison.Ordinal) ? s[5..] : s;
            return new PackageSpec(name, SpecKind.Directory, name, path, spec);
        }

        return new PackageSpec(name, SpecKind.Registry, name, s, spec);
    }

    private static bool IsGit(string s) =>
        s.StartsWith("git+", StringComparison.Ordinal) || s.StartsWith("git://", StringComparison.Ordinal)
        || s.StartsWith("github:", StringComparison.Ordinal) || s.StartsWith("gitlab:", StringComparison.Ordinal)
        || s.StartsWith("bitbucket:", StringComparison.Ordinal) || s.StartsWith("gist:", StringComparison.Ordinal)
        || s.EndsWith(".git", StringComparison.Ordinal)
        || (!s.StartsWith('@') && !s.Contains(' ', StringComparison.Ordinal) && s.Count(c => c == '/') == 1 && !s.Contains(':', StringComparison.Ordinal)
            && char.IsLetterOrDigit(s[0]));

    /// <summary><c>name@range</c> for chains and messages (aliases show the real package).</summary>
    public override string ToString() => Kind == SpecKind.Alias ? $"{Name}@npm:{PackageName}@{Range}" : $"{Name}@{Raw}";
}
