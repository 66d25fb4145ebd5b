using System.Text.RegularExpressions;
using Bundler.Core.Diagnostics;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace Bundler.Tasks;

/// <summary>
/// The pipeline's log as MSBuild events: coded diagnostics keep their code, file and line; stage summaries
/// show at normal verbosity (-v:n), details at detailed (-v:d).
/// </summary>
internal sealed partial class MSBuildBundleLog(TaskLoggingHelper log, string projectFile) : IBundleLog
{
    // The pipeline reports from download workers; one event at a time keeps the engine's contract simple.
    private readonly object _gate = new();

    public void Report(Diagnostic diagnostic)
    {
        var file = diagnostic.File ?? projectFile;
        var message = Redact(diagnostic.Message);
        lock (_gate)
        {
            switch (diagnostic.Severity)
            {
                case Severity.Error:
                    log.LogError(null, diagnostic.Code, null, file, diagnostic.Line, 0, 0, 0, "{0}", message);
                    break;
                case Severity.Warning:
                    log.LogWarning(null, diagnostic.Code, null, file, diagnostic.Line, 0, 0, 0, "{0}", message);
                    break;
                default:
                    log.LogMessage(null, diagnostic.Code, null, file, diagnostic.Line, 0, 0, 0, MessageImportance.Normal, "{0}", message);
                    break;
            }
        }
    }

    public void Summary(string message) => Message(MessageImportance.Normal, message);

    public void Detail(string message) => Message(MessageImportance.Low, message);

    /// <summary>
    /// Masks the user-info part of any URL. The core keeps credentials out of its messages; this is the last
    /// line of defence for text it does not control, such as exception messages.
    /// </summary>
    internal static string Redact(string message) => UserInfoPattern().Replace(message, "://***@");

    private void Message(MessageImportance importance, string message)
    {
        lock (_gate)
        {
            // "{0}" so that braces in package files or paths are never taken for format items.
            log.LogMessage(importance, "{0}", Redact(message));
        }
    }

    [GeneratedRegex(@"://[^/\s@]+@", RegexOptions.CultureInvariant)]
    private static partial Regex UserInfoPattern();
}
