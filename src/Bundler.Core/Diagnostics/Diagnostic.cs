namespace Bundler.Core.Diagnostics;

/// <summary>How serious a diagnostic is. Errors stop the pipeline; warnings do not.</summary>
public enum Severity
{
    Info,
    Warning,
    Error,
}

/// <summary>
/// One message a user sees, with its stable code (<c>IPM####</c>). The same text is printed by the CLI and
/// logged by the MSBuild tasks, so a code found in a log can be searched in the README.
/// </summary>
public sealed record Diagnostic(string Code, Severity Severity, string Message)
{
    /// <summary>A file the problem is in (a project file, a package file), when known.</summary>
    public string? File { get; init; }

    /// <summary>1-based line in <see cref="File"/>, or 0 when unknown.</summary>
    public int Line { get; init; }

    /// <summary>The single line the CLI prints, e.g. <c>error IPM2001: package 'x' not found ...</c>.</summary>
    public override string ToString()
    {
        var kind = Severity switch
        {
            Severity.Error => "error",
            Severity.Warning => "warning",
            _ => "info",
        };
        var where = File is null ? "" : Line > 0 ? $"{File}({Line}): " : $"{File}: ";
        return $"{where}{kind} {Code}: {Message}";
    }
}
