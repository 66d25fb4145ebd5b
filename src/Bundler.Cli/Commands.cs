using System.CommandLine;
using Bundler.Core.Diagnostics;
using Bundler.Core.Pipeline;
using Bundler.Core.Registry;
using Bundler.Core.Resolution;

namespace Bundler.Cli;

/// <summary>The subcommands. Each maps its options to one core call; no logic lives here.</summary>
internal static class Commands
{
    public static IEnumerable<Command> All()
    {
        yield return Bundle();
        yield return Lock();
        yield return Mirror();
        yield return CacheCommands.Create();
        yield return Tree();
        yield return Why();
        yield return Search();
    }

    private static Option<T> Opt<T>((string Name, string Help) o) => new(o.Name) { Description = o.Help };

    /// <summary>Options shared by every command that resolves packages.</summary>
    private sealed class Common
    {
        public readonly Argument<string[]> Specs = new("specs") { Description = "Packages: name, name@range, name@tag, @scope/name@range.", Arity = ArgumentArity.ZeroOrMore };
        public readonly Option<string> Manifest = Opt<string>(OptionNames.Manifest);
        public readonly Option<string> Registry = Opt<string>(OptionNames.Registry);
        public readonly Option<string> Lock = Opt<string>(OptionNames.Lock);
        public readonly Option<bool> Locked = Opt<bool>(OptionNames.Locked);
        public readonly Option<bool> Frozen = Opt<bool>(OptionNames.Frozen);
        public readonly Option<bool> Offline = Opt<bool>(OptionNames.Offline);
        public readonly Option<bool> PreferOffline = Opt<bool>(OptionNames.PreferOffline);
        public readonly Option<string> Cache = Opt<string>(OptionNames.Cache);
        public readonly Option<int> Jobs = new(OptionNames.Jobs.Name) { Description = OptionNames.Jobs.Help, DefaultValueFactory = _ => 8 };
        public readonly Option<string> IpfsGateway = Opt<string>(OptionNames.IpfsGateway);
        public readonly Option<bool> AllowUnverified = Opt<bool>(OptionNames.AllowUnverified);
        public readonly Option<bool> Verbose = Opt<bool>(OptionNames.Verbose);

        public void AddTo(Command c)
        {
            c.Arguments.Add(Specs);
            foreach (var o in new Option[] { Manifest, Registry, Lock, Locked, Frozen, Offline, PreferOffline, Cache, Jobs, IpfsGateway, AllowUnverified, Verbose })
            {
                c.Options.Add(o);
            }
        }

        public BundleRequest Request(ParseResult p, string output)
        {
            var cwd = Environment.CurrentDirectory;
            var specs = p.GetValue(Specs) ?? [];
            if (specs.FirstOrDefault(s => s.StartsWith('-')) is { } unknown)
            {
                throw new IpmException(Messages.UnknownOption(unknown));
            }

            var (modules, projectDir, rootName) = ProjectInput.Read(specs, p.GetValue(Manifest), cwd);
            if (modules.Count == 0)
            {
                throw new IpmException(Messages.NothingToBundle());
            }

            var frozen = p.GetValue(Frozen);
            var jobs = p.GetValue(Jobs);
            if (jobs is < 1 or > 64)
            {
                throw new IpmException(Messages.BadOption(OptionNames.Jobs.Name, jobs.ToString(System.Globalization.CultureInfo.InvariantCulture), "between 1 and 64"));
            }

            return new BundleRequest
            {
                Modules = modules,
                ProjectDirectory = projectDir,
                RootName = rootName,
                OutputDirectory = Path.GetFullPath(output, cwd),
                Registry = Absolute(p.GetValue(Registry), cwd),
                LockFile = p.GetValue(Lock) is { } l ? Path.GetFullPath(l, cwd) : null,
                Locked = frozen || p.GetValue(Locked),
                Offline = frozen || p.GetValue(Offline),
                PreferOffline = p.GetValue(PreferOffline),
                CacheDirectory = p.GetValue(Cache) is { } c ? Path.GetFullPath(c, cwd) : null,
                Jobs = jobs,
                IpfsGateway = p.GetValue(IpfsGateway),
                AllowUnverified = p.GetValue(AllowUnverified),
            };
        }
    }

    // A relative folder registry on the command line is relative to the current folder.
    private static string? Absolute(string? registry, string cwd) =>
        registry is null || Uri.TryCreate(registry, UriKind.Absolute, out var u) && u.Scheme is "http" or "https" or "file"
            ? registry
            : Path.GetFullPath(registry, cwd);

    private static Command Bundle()
    {
        var common = new Common();
        var cmd = new Command("bundle", "Resolve, lock, fetch, verify and generate C sources for the given packages.");
        common.AddTo(cmd);
        var output = new Option<string>(OptionNames.Out.Name) { Description = OptionNames.Out.Help, Required = true };
        var template = new Option<string>(OptionNames.Template.Name) { Description = OptionNames.Template.Help, DefaultValueFactory = _ => "generic" };
        var entry = Opt<string>(OptionNames.Entry);
        var minify = new Option<bool>(OptionNames.Minify.Name) { Description = OptionNames.Minify.Help, DefaultValueFactory = _ => true };
        var noMinify = Opt<bool>(OptionNames.NoMinify);
        var maxFlash = Opt<long?>(OptionNames.MaxFlash);
        var profile = new Option<string>(OptionNames.EngineProfile.Name) { Description = OptionNames.EngineProfile.Help, DefaultValueFactory = _ => "es5.1" };
        var emit = Opt<string>(OptionNames.EmitFiles);
        var files = Opt<string[]>(OptionNames.Files);
        var excludeFiles = Opt<string[]>(OptionNames.ExcludeFiles);
        foreach (var o in new Option[] { output, template, entry, minify, noMinify, maxFlash, profile, emit, files, excludeFiles })
        {
            cmd.Options.Add(o);
        }

        var limits = new ExtractionOptions();
        limits.AddTo(cmd);

        cmd.SetAction(async (p, ct) =>
        {
            var cwd = Environment.CurrentDirectory;
            var request = common.Request(p, p.GetValue(output)!);
            request = request with
            {
                Modules = ModuleFileGlobs.Apply(request.Modules, p.GetValue(files) ?? [], p.GetValue(excludeFiles) ?? []),
                Template = p.GetValue(template)!,
                Entry = p.GetValue(entry) is { } e ? Path.GetFullPath(e, cwd) : null,
                Minify = Minify(p, minify, noMinify),
                MaxFlashBytes = p.GetValue(maxFlash),
                EngineProfile = p.GetValue(profile)!,
                EmitFilesDirectory = p.GetValue(emit) is { } d ? Path.GetFullPath(d, cwd) : null,
                ExtractionLimits = limits.Read(p),
            };
            await BundlePipeline.RunAsync(request, new ConsoleLog(p.GetValue(common.Verbose)), ct).ConfigureAwait(false);
            return 0;
        });
        return cmd;
    }

    // --no-minify is --minify false; given with an explicit --minify true it contradicts it.
    private static bool Minify(ParseResult p, Option<bool> minify, Option<bool> noMinify)
    {
        var explicitMinify = p.GetResult(minify) is { Implicit: false };
        if (p.GetValue(noMinify))
        {
            if (explicitMinify && p.GetValue(minify))
            {
                throw new IpmException(Messages.BadOption(OptionNames.Minify.Name, "true", $"false, or no {OptionNames.Minify.Name} at all, beside {OptionNames.NoMinify.Name}"));
            }

            return false;
        }

        return p.GetValue(minify);
    }

    private static Command Lock()
    {
        var common = new Common();
        var cmd = new Command("lock", "Resolve the packages and create or update the lock file; fetch and verify every archive.");
        common.AddTo(cmd);
        cmd.SetAction(async (p, ct) =>
        {
            var request = common.Request(p, Path.Combine(Path.GetTempPath(), "ipm-unused-output"));
            await BundlePipeline.RestoreAsync(request, new ConsoleLog(p.GetValue(common.Verbose)), ct).ConfigureAwait(false);
            return 0;
        });
        return cmd;
    }

    private static Command Mirror()
    {
        var common = new Common();
        var cmd = new Command("mirror", "Copy the resolved tree's packuments and archives into a static folder registry.");
        common.AddTo(cmd);
        var to = new Option<string>(OptionNames.To.Name) { Description = OptionNames.To.Help, Required = true };
        cmd.Options.Add(to);
        cmd.SetAction(async (p, ct) =>
        {
            var request = common.Request(p, Path.Combine(Path.GetTempPath(), "ipm-unused-output"));
            await RegistryMirror.MirrorAsync(request, Path.GetFullPath(p.GetValue(to)!, Environment.CurrentDirectory), new ConsoleLog(p.GetValue(common.Verbose)), ct).ConfigureAwait(false);
            return 0;
        });
        return cmd;
    }

    /// <summary>The lock a query command reads (<c>--lock</c>, else <c>ipm-lock.json</c> beside the manifest) and the root's name.</summary>
    private sealed class LockInput
    {
        public readonly Option<string> Manifest = Opt<string>(OptionNames.Manifest);
        public readonly Option<string> Lock = Opt<string>(OptionNames.Lock);

        public void AddTo(Command c)
        {
            c.Options.Add(Manifest);
            c.Options.Add(Lock);
        }

        public (ResolvedTree Tree, string RootName) Read(ParseResult p)
        {
            var cwd = Environment.CurrentDirectory;
            var (_, projectDir, rootName) = ProjectInput.Read([], p.GetValue(Manifest), cwd);
            var path = p.GetValue(Lock) is { } l ? Path.GetFullPath(l, cwd) : Path.Combine(projectDir, LockFile.DefaultName);
            if (!File.Exists(path))
            {
                throw new IpmException(Messages.LockUnreadable(path, "it does not exist; run 'ipm lock' first"));
            }

            return (LockFile.Read(path).Tree, rootName);
        }
    }

    private static Command Tree()
    {
        var input = new LockInput();
        var json = Opt<bool>(OptionNames.Json);
        var cmd = new Command("tree", "Print the locked dependency tree (like npm ls --all); --json lists every package's install path, name and version.");
        input.AddTo(cmd);
        cmd.Options.Add(json);
        cmd.SetAction(p =>
        {
            var (tree, rootName) = input.Read(p);
            Console.Out.Write(p.GetValue(json) ? TreeQueries.Json(tree) : TreeQueries.Text(tree, rootName));
            return 0;
        });
        return cmd;
    }

    private static Command Why()
    {
        var input = new LockInput();
        var name = new Argument<string>("name") { Description = "The package (or alias folder) name to explain." };
        var cmd = new Command("why", "Explain why a package is in the locked tree: each copy and the requirement chains that lead to it.");
        cmd.Arguments.Add(name);
        input.AddTo(cmd);
        cmd.SetAction(p =>
        {
            var (tree, rootName) = input.Read(p);
            Console.Out.Write(TreeQueries.Why(tree, p.GetValue(name)!, rootName));
            return 0;
        });
        return cmd;
    }

    private static Command Search()
    {
        var words = new Argument<string[]>("words") { Description = "Search words (the registry matches names, descriptions and keywords).", Arity = ArgumentArity.OneOrMore };
        var registry = Opt<string>(OptionNames.Registry);
        var json = Opt<bool>(OptionNames.Json);
        var size = new Option<int>(OptionNames.SearchLimit.Name) { Description = OptionNames.SearchLimit.Help, DefaultValueFactory = _ => 20 };
        var verbose = Opt<bool>(OptionNames.Verbose);
        var cmd = new Command("search", "Search the registry (its /-/v1/search endpoint, as npm search does; a folder registry by name).");
        cmd.Arguments.Add(words);
        foreach (var o in new Option[] { registry, json, size, verbose })
        {
            cmd.Options.Add(o);
        }

        cmd.SetAction(async (p, ct) =>
        {
            var limit = p.GetValue(size);
            if (limit is < 1 or > 250)
            {
                throw new IpmException(Messages.BadOption(OptionNames.SearchLimit.Name, limit.ToString(System.Globalization.CultureInfo.InvariantCulture), "between 1 and 250"));
            }

            var cwd = Environment.CurrentDirectory;
            var text = string.Join(' ', p.GetValue(words)!);
            var request = new SearchRequest { Text = text, ProjectDirectory = cwd, Registry = Absolute(p.GetValue(registry), cwd), Size = limit };
            var hits = await RegistrySearch.SearchAsync(request, new ConsoleLog(p.GetValue(verbose)), ct).ConfigureAwait(false);
            Console.Out.Write(p.GetValue(json) ? RegistrySearch.Json(hits) : RegistrySearch.Text(hits, text));
            return 0;
        });
        return cmd;
    }
}
