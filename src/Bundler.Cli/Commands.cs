using System.CommandLine;
using Bundler.Core.Diagnostics;
using Bundler.Core.Pipeline;

namespace Bundler.Cli;

/// <summary>The subcommands. Each maps its options to one core call; no logic lives here.</summary>
internal static class Commands
{
    public static IEnumerable<Command> All()
    {
        yield return Bundle();
        yield return Lock();
        yield return Mirror();
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
            var (modules, projectDir, rootName) = ProjectInput.Read(p.GetValue(Specs) ?? [], p.GetValue(Manifest), cwd);
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
        var noMinify = Opt<bool>(OptionNames.NoMinify);
        var maxFlash = Opt<long?>(OptionNames.MaxFlash);
        var profile = new Option<string>(OptionNames.EngineProfile.Name) { Description = OptionNames.EngineProfile.Help, DefaultValueFactory = _ => "es5.1" };
        var emit = Opt<string>(OptionNames.EmitFiles);
        var files = Opt<string[]>(OptionNames.Files);
        var excludeFiles = Opt<string[]>(OptionNames.ExcludeFiles);
        foreach (var o in new Option[] { output, template, entry, noMinify, maxFlash, profile, emit, files, excludeFiles })
        {
            cmd.Options.Add(o);
        }

        cmd.SetAction(async (p, ct) =>
        {
            var cwd = Environment.CurrentDirectory;
            var request = common.Request(p, p.GetValue(output)!);
            request = request with
            {
                Modules = ModuleFileGlobs.Apply(request.Modules, p.GetValue(files) ?? [], p.GetValue(excludeFiles) ?? []),
                Template = p.GetValue(template)!,
                Entry = p.GetValue(entry) is { } e ? Path.GetFullPath(e, cwd) : null,
                Minify = !p.GetValue(noMinify),
                MaxFlashBytes = p.GetValue(maxFlash),
                EngineProfile = p.GetValue(profile)!,
                EmitFilesDirectory = p.GetValue(emit) is { } d ? Path.GetFullPath(d, cwd) : null,
            };
            await BundlePipeline.RunAsync(request, new ConsoleLog(p.GetValue(common.Verbose)), ct).ConfigureAwait(false);
            return 0;
        });
        return cmd;
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
}
