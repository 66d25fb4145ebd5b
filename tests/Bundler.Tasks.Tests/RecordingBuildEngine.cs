using System.Collections;
using Microsoft.Build.Framework;

namespace Bundler.Tasks.Tests;

/// <summary>One logged event as a test wants to see it.</summary>
internal sealed record LoggedEvent(string Kind, string? Code, string? File, int Line, string Message, MessageImportance Importance);

/// <summary>An <see cref="IBuildEngine"/> that keeps every error, warning and message with its code, file and line.</summary>
internal sealed class RecordingBuildEngine : IBuildEngine
{
    private readonly object _gate = new();
    private readonly List<LoggedEvent> _events = [];

    public IReadOnlyList<LoggedEvent> Events
    {
        get { lock (_gate) { return _events.ToArray(); } }
    }

    public IReadOnlyList<LoggedEvent> Errors => Events.Where(e => e.Kind == "error").ToArray();

    public IReadOnlyList<LoggedEvent> Warnings => Events.Where(e => e.Kind == "warning").ToArray();

    public IReadOnlyList<LoggedEvent> Messages => Events.Where(e => e.Kind == "message").ToArray();

    /// <summary>Everything any event said, for "this text appears nowhere" checks.</summary>
    public string AllText => string.Join("\n", Events.Select(e => $"{e.Code} {e.File} {e.Message}"));

    public bool ContinueOnError => false;

    public int LineNumberOfTaskNode => 7;

    public int ColumnNumberOfTaskNode => 5;

    public string ProjectFileOfTaskNode => "Ipm.Bundler.targets";

    public void LogErrorEvent(BuildErrorEventArgs e) =>
        Add(new LoggedEvent("error", e.Code, e.File, e.LineNumber, e.Message ?? "", MessageImportance.High));

    public void LogWarningEvent(BuildWarningEventArgs e) =>
        Add(new LoggedEvent("warning", e.Code, e.File, e.LineNumber, e.Message ?? "", MessageImportance.High));

    public void LogMessageEvent(BuildMessageEventArgs e) =>
        Add(new LoggedEvent("message", e.Code, e.File, e.LineNumber, e.Message ?? "", e.Importance));

    public void LogCustomEvent(CustomBuildEventArgs e) =>
        Add(new LoggedEvent("custom", null, null, 0, e.Message ?? "", MessageImportance.Low));

    public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs) =>
        throw new NotSupportedException("the ipm tasks never build other projects");

    private void Add(LoggedEvent e)
    {
        lock (_gate)
        {
            _events.Add(e);
        }
    }
}
