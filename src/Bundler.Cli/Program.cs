using System.CommandLine;
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

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var e in parse.Errors)
            {
                Console.Error.WriteLine($"error IPM1000: {e.Message}");
            }

            Console.Error.WriteLine("Run 'ipm --help' for usage.");
            return 2;
        }

        try
        {
            // System.CommandLine's own handler would print any exception with its stack trace; errors here are one line.
            return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false }).ConfigureAwait(false);
        }
        catch (IpmException ex)
        {
            Console.Error.WriteLine(ex.Diagnostic.ToString());
            return ex.Code is "IPM1000" or "IPM1003" ? 2 : 1;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine(Messages.Cancelled().ToString());
            return 1;
        }
        catch (Exception ex)
        {
            // A failure no stage turned into a coded error is still one line, never a stack trace.
            Console.Error.WriteLine(Messages.UnexpectedFailure($"running 'ipm {string.Join(' ', args.Take(1))}'", $"{ex.GetType().Name}: {ex.Message}").ToString());
            return 1;
        }
    }
}
