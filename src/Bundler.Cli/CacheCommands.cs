using System.CommandLine;
using System.Text.Json.Nodes;
using Bundler.Core.Diagnostics;
using Bundler.Core.Fetching;
using Bundler.Core.Pipeline;
using Bundler.Core.Registry;

namespace Bundler.Cli;

/// <summary><c>ipm cache verify</c> and <c>ipm cache clean</c>: both safe while builds use the same cache.</summary>
internal static class CacheCommands
{
    public static Command Create()
    {
        var cmd = new Command("cache", "Check or empty the package cache (archives and packuments).");
        cmd.Subcommands.Add(Verify());
        cmd.Subcommands.Add(Clean());
        return cmd;
    }

    private static Command Verify()
    {
        var cache = new Option<string>(OptionNames.Cache.Name) { Description = OptionNames.Cache.Help };
        var json = new Option<bool>(OptionNames.Json.Name) { Description = OptionNames.Json.Help };
        var cmd = new Command("verify", "Hash every cached archive and packument, remove those that do not match, and sweep leftovers of interrupted downloads.");
        cmd.Options.Add(cache);
        cmd.Options.Add(json);
        cmd.SetAction(p =>
        {
            var store = Open(p.GetValue(cache));
            var r = Run(store, s => s.Verify());
            var packuments = Run(store, s => PackumentCache.Verify(s.Root));
            Console.Out.WriteLine(p.GetValue(json)
                ? new JsonObject
                {
                    ["cache"] = store.Root,
                    ["entries"] = r.Entries,
                    ["removed"] = r.Removed,
                    ["validBytes"] = r.ValidBytes,
                    ["staleTemporaryFiles"] = r.StaleTemporaryFiles,
                    ["packuments"] = packuments.Entries,
                    ["packumentsRemoved"] = packuments.Removed,
                }.ToJsonString()
                : $"cache {store.Root}: {r.Entries} entries checked, {r.Removed} bad removed, {r.Entries - r.Removed} good ({r.ValidBytes} bytes), {r.StaleTemporaryFiles} stale temporary files removed\npackuments {Path.Combine(store.Root, PackumentCache.FolderName)}: {packuments.Entries} entries checked, {packuments.Removed} bad removed");
            return 0;
        });
        return cmd;
    }

    private static Command Clean()
    {
        var cache = new Option<string>(OptionNames.Cache.Name) { Description = OptionNames.Cache.Help };
        var json = new Option<bool>(OptionNames.Json.Name) { Description = OptionNames.Json.Help };
        var cmd = new Command("clean", "Delete every cached archive and packument (downloads running in other processes are left alone).");
        cmd.Options.Add(cache);
        cmd.Options.Add(json);
        cmd.SetAction(p =>
        {
            var store = Open(p.GetValue(cache));
            var r = Run(store, s => s.Clean());
            var packuments = Run(store, s => PackumentCache.Clean(s.Root));
            Console.Out.WriteLine(p.GetValue(json)
                ? new JsonObject { ["cache"] = store.Root, ["removed"] = r.Removed, ["keptTemporaryFiles"] = r.KeptTemporaryFiles, ["packumentsRemoved"] = packuments.Entries }.ToJsonString()
                : $"cache {store.Root}: {r.Removed} files removed, {r.KeptTemporaryFiles} temporary files of running downloads kept\npackuments {Path.Combine(store.Root, PackumentCache.FolderName)}: {packuments.Entries} files removed");
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
