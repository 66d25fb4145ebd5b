using System.Text.RegularExpressions;

namespace Bundler.Testing;

/// <summary>An npm command that failed. The message holds npm's output with credentials masked.</summary>
public sealed partial class NpmCommandException : Exception
{
    public NpmCommandException(string command, ProcessResult result)
        : base(SecretMasker.Mask($"npm {command} exited {result.ExitCode}\n--- stdout\n{result.StdOut}\n--- stderr\n{result.StdErr}"))
    {
        ExitCode = result.ExitCode;
        NpmErrorCode = ErrorCodeLine().Match(result.StdErr) is { Success: true } m ? m.Groups[1].Value : null;
    }

    public int ExitCode { get; }

    /// <summary>npm's error code (<c>ETARGET</c>, <c>ERESOLVE</c>, <c>E404</c>, ...) from its "npm error code" line.</summary>
    public string? NpmErrorCode { get; }

    [GeneratedRegex(@"^npm (?:error|ERR!) code (\S+)", RegexOptions.Multiline)]
    private static partial Regex ErrorCodeLine();
}
