using System.CommandLine;
using System.Runtime.InteropServices;
using Bundler.Core.Diagnostics;

namespace Bundler.Cli;

/// <summary>The <c>ipm</c> command. Exit codes: 0 success, 1 an error the user must fix, 2 bad usage.</summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        var root = new RootCommand("ipm bundler: builds npm-registry JavaScript packages into C sources for firmware with no filesystem.");
        foreach (var command in Commands.All())
        {
            root.Subcommands.Add(command);
        }

        // "@scope/name" is a package spec, never a response file.
        var parse = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parse.Errors.Count > 0)
        {
            foreach (var e in parse.Errors)
            {
                Console.Error.WriteLine($"error IPM1000: {e.Message}");
            }

            Console.Error.WriteLine("Run 'ipm --help' for usage.");
            return 2;
        }

        // Our own errors must reach the handlers below (System.CommandLine's default handler would print a stack
        // trace), and Ctrl-C must cancel cooperatively so downloads delete their partial files (its own handler
        // gives up after 2 s and exits with 130, whatever is left on disk).
        var configuration = new InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null };
        using var cancel = new CancellationTokenSource();
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => Stop(c, cancel));
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => Stop(c, cancel));
        try
        {
            return await parse.InvokeAsync(configuration, cancel.Token).ConfigureAwait(false);
        }
        catch (IpmException ex)
        {
            Console.Error.WriteLine(ex.Diagnostic.ToString());
            return ex.Code is "IPM1000" or "IPM1003" ? 2 : 1;
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            Console.Error.WriteLine(Messages.Cancelled().ToString());
            return 1;
        }
        catch (Exception ex)
        {
            // A bug in ipm: still one coded line first, then everything a bug report needs.
            Console.Error.WriteLine(Messages.UnexpectedFailure($"running 'ipm {string.Join(' ', args.Take(1))}'", ex.Message).ToString());
            return 1;
        }
    }

    /// <summary>
    /// The first Ctrl-C (or SIGTERM) cancels the run, which then cleans up and exits with 1; a second one is left
    /// to the system and ends the process at once.
    /// </summary>
    private static void Stop(PosixSignalContext context, CancellationTokenSource cancel)
    {
        try
        {
            if (cancel.IsCancellationRequested)
            {
                return;
            }

            context.Cancel = true;
            cancel.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Main is returning already.
        }
    }
}
