namespace Bundler.Core.Diagnostics;

/// <summary>Where the pipeline reports diagnostics and progress. The CLI prints; the tasks log to MSBuild.</summary>
public interface IBundleLog
{
    /// <summary>A coded warning or informational diagnostic (errors are thrown as <see cref="IpmException"/>).</summary>
    void Report(Diagnostic diagnostic);

    /// <summary>One summary line per stage (MSBuild normal verbosity, CLI default output).</summary>
    void Summary(string message);

    /// <summary>Details: each request, each retry, each file (MSBuild detailed verbosity, CLI --verbose).</summary>
    void Detail(string message);
}

/// <summary>A log that drops everything; for tests and library callers that do not care.</summary>
public sealed class NullBundleLog : IBundleLog
{
    public static readonly NullBundleLog Instance = new();

    public void Report(Diagnostic diagnostic)
    {
    }

    public void Summary(string message)
    {
    }

    public void Detail(string message)
    {
    }
}

/// <summary>A log that keeps everything in memory, in order; used by tests and by the tasks' summary.</summary>
public sealed class RecordingBundleLog : IBundleLog
{
    private readonly object _gate = new();
    private readonly List<Diagnostic> _diagnostics = [];
    private readonly List<string> _lines = [];

    public IReadOnlyList<Diagnostic> Diagnostics
    {
        get { lock (_gate) { return _diagnostics.ToArray(); } }
    }

    public IReadOnlyList<string> Lines
    {
        get { lock (_gate) { return _lines.ToArray(); } }
    }

    public void Report(Diagnostic diagnostic)
    {
        lock (_gate) { _diagnostics.Add(diagnostic); }
    }

    public void Summary(string message)
    {
        lock (_gate) { _lines.Add(message); }
    }

    public void Detail(string message)
    {
        lock (_gate) { _lines.Add(message); }
    }
}
