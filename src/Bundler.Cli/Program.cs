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
            // Without this, System.CommandLine prints IpmException as "Unhandled exception" with a stack trace
            // instead of the "error IPM####: ..." line below.
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
    }
}
