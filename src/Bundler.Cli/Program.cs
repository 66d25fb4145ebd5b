namespace Bundler.Cli;

internal static class Program
{
    private static int Main(string[] args)
    {
        Console.Error.WriteLine("ipm: not wired yet");
        return args.Length == 0 ? 2 : 2;
    }
}
