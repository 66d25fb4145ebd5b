using Bundler.Core.Diagnostics;

namespace Bundler.Cli;

/// <summary>Prints what the pipeline reports: summaries to stdout, diagnostics to stderr, details with --verbose.</summary>
internal sealed class ConsoleLog : IBundleLog
{
    private readonly bool _verbose;
    private readonly object _gate = new();

    public ConsoleLog(bool verbose)
    {
        _verbose = verbose;
    }

    public int Warnings { get; private set; }

    public void Report(Diagnostic diagnostic)
    {
        lock (_gate)
        {
            if (diagnostic.Severity == Severity.Warning)
            {
                Warnings++;
            }

            Console.Error.WriteLine(diagnostic.ToString());
        }
    }

    public void Summary(string message)
    {
        lock (_gate)
        {
            Console.Out.WriteLine(message);
        }
    }

    public void Detail(string message)
    {
        if (_verbose)
        {
            lock (_gate)
            {
                Console.Out.WriteLine(message);
            }
        }
    }
}
