using System.CommandLine;
using System.Text.Json.Nodes;
using Bundler.Core.Diagnostics;
using Bundler.Core.Fetching;
using Bundler.Core.Pipeline;

namespace Bundler.Cli;

/// <summary><c>ipm cache verify</c> and <c>ipm cache clean</c>: both safe while builds use the same cache.</summary>
internal static class CacheCommands
{
    public static Command Create()
    {
        var cmd = new Command("cache", "Check or empty the package archive cache.");
        cmd.Subcommands.Add(Verify());
        cmd.Subcommands.Add(Clean());
        return cmd;
    }

    private static Command Verify()
    {
        var cache = new Option<string>(OptionNames.Cache.Name) { Description = OptionNames.Cache.Help };
        var json = new Option<bool>(OptionNames.Json.Name) { Description = OptionNames.Json.Help };
        var cmd = new Command("verify", "Hash every cached archive, remove those that do not match, and sweep leftovers of interrupted downloads.");
        cmd.Options.Add(cache);
        cmd.Options.Add(json);
        cmd.SetAction(p =>
        {
            var store = Open(p.GetValue(cache));
            var r = Run(store, s => s.Verify());
            Console.Out.WriteLine(p.GetValue(json)
                ? new JsonObject
                {
                    ["cache"] = store.Root,
                    ["entries"] = r.Entries,
                    ["removed"] = r.Removed,
                    ["validBytes"] = r.ValidBytes,
                    ["staleTemporaryFiles"] = r.StaleTemporaryFiles,
                }.ToJsonString()
                : $"cache {store.Root}: {r.Entries} entries checked, {r.Removed} bad removed, {r.Entries - r.Removed} good ({r.ValidBytes} bytes), {r.StaleTemporaryFiles} stale temporary files removed");
            return 0;
        });
        return cmd;
    }

    private static Command Clean()
    {
        var cache = new Option<string>(OptionNames.Cache.Name) { Description = OptionNames.Cache.Help };
        var json = new Option<bool>(OptionNames.Json.Name) { Description = OptionNames.Json.Help };
        var cmd = new Command("clean", "Delete every cached archive (downloads running in other processes are left alone).");
        cmd.Options.Add(cache);
        cmd.Options.Add(json);
        cmd.SetAction(p =>
        {
            var store = Open(p.GetValue(cache));
            var r = Run(store, s => s.Clean());
            Console.Out.WriteLine(p.GetValue(json)
                ? new JsonObject { ["cache"] = store.Root, ["removed"] = r.Removed, ["keptTemporaryFiles"] = r.KeptTemporaryFiles }.ToJsonString()
                : $"cache {store.Root}: {r.Removed} files removed, {r.KeptTemporaryFiles} temporary files of running downloads kept");
            return 0;
        });
        return cmd;
    }

    private static ContentCache Open(string? folder) =>
        new(folder is null ? ContentCache.DefaultRoot : Path.GetFullPath(folder, Environment.CurrentDirectory));

    private static T Run<T>(ContentCache cache, Func<ContentCache, T> action)
    {
        try
        {
            return action(cache);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new IpmException(Messages.CacheUnusable(cache.Root, ex.Message), ex);
        }
    }
}
