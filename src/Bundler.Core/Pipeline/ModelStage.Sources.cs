using Bundler.Core.Diagnostics;
using Bundler.Core.JavaScript;
using Bundler.Core.Packaging;

namespace Bundler.Core.Pipeline;

internal static partial class ModelStage
{
    /// <summary>
    /// The bundle's virtual file system: package files where extraction put them, and the project folder at
    /// <c>/</c> (the entry sits at its path inside the project, so its own relative requires keep working).
    /// Bytes are read once and kept until the model is built.
    /// </summary>
    private sealed class Sources
    {
        private readonly Dictionary<string, PackageContent> _contents = new(StringComparer.Ordinal);
        private readonly Dictionary<string, byte[]> _bytes = new(StringComparer.Ordinal);
        private readonly string _project;

        public Sources(BundleRequest request, IReadOnlyList<PackageContent> contents, EngineProfile profile)
        {
            _project = Path.GetFullPath(request.ProjectDirectory);
            var packages = new List<PackageFiles>(contents.Count);
            var warnings = new List<Diagnostic>();
            var notes = new List<string>();
            foreach (var c in contents)
            {
                _contents[c.VirtualDirectory] = c;
                var candidates = c.Files.Where(f => !c.Exclude.Any(g => g.IsMatch(f))).ToList();
                var set = candidates.ToHashSet(StringComparer.Ordinal);
                var packageJson = set.Contains("package.json") ? c.Source.Read("package.json") : null;
                var main = PackageMain.FromPackageJson(set, packageJson, out var exportsProblem);

                // Without a fallback the device fails a bare require exactly where Node throws (IPM7005 if one is
                // bundled), as for packages that export subpaths only; nothing differs from Node to warn about.
                if (exportsProblem is not null && main is not null)
                {
                    warnings.Add(Messages.ExportsRootUnusable(c.Name, c.Version, c.VirtualDirectory + "/package.json", exportsProblem, main));
                }
                else if (exportsProblem is null && packageJson is not null && main is not null
                    && PackageMain.Resolve(set, PackageMain.ReadMainField(packageJson)) is { } legacy && legacy != main
                    && !Parses(c, main, profile) && Parses(c, legacy, profile))
                {
                    // Packages such as async-function point exports at modern code and keep main as ES5 for
                    // engines that predate exports; the device's engine is one of those.
                    notes.Add($"{c.Name}@{c.Version}: main {legacy} instead of the exports root {main}, which the {EngineProfiles.Name(profile)} engine cannot parse");
                    main = legacy;
                }

                packages.Add(new PackageFiles
                {
                    Name = c.Name,
                    Version = c.Version,
                    Directory = c.VirtualDirectory,
                    Files = candidates,
                    Main = main,
                    Include = c.Include,
                    Dependencies = c.Dependencies,
                    TopLevel = c.TopLevel,
                });
            }

            Packages = packages;
            Warnings = warnings;
            Notes = notes;
            Entry = request.Entry is null ? null : EntryPath(request.Entry);
        }

        public IReadOnlyList<PackageFiles> Packages { get; }

        /// <summary>Packages whose <c>exports</c> could not choose the main file (IPM7011), in package order.</summary>
        public IReadOnlyList<Diagnostic> Warnings { get; }

        /// <summary>Packages whose ES5 <c>main</c> was taken over an <c>exports</c> root the engine cannot parse.</summary>
        public IReadOnlyList<string> Notes { get; }

        /// <summary>The virtual path of the entry given with --entry, or null.</summary>
        public string? Entry { get; }

        public PackageContent Content(string directory) => _contents[directory];

        /// <summary>The innermost package holding <paramref name="path"/>, or null for a project file.</summary>
        public PackageContent? Owner(string path)
        {
            for (var dir = Generation.VirtualPath.Directory(path); ; dir = Generation.VirtualPath.Directory(dir))
            {
                if (_contents.TryGetValue(dir, out var c))
                {
                    return c;
                }

                if (dir == "/")
                {
                    return null;
                }
            }
        }

        /// <summary>Where a project file (<see cref="Owner"/> null) is on disk.</summary>
        public string ProjectPath(string path) => Path.Combine(_project, path[1..]);

        /// <summary>
        /// <paramref name="diagnostic"/> with its virtual file replaced by the file on disk (a project file, or a
        /// file of a local package), so MSBuild and IDEs show a path that exists; archive files stay virtual.
        /// </summary>
        public Diagnostic OnDisk(Diagnostic diagnostic)
        {
            if (diagnostic.File is not { } path || !path.StartsWith('/'))
            {
                return diagnostic;
            }

            var real = Owner(path) is { } c ? c.Source.UserPath(path[(c.VirtualDirectory.Length + 1)..]) : IsProjectFile(path) ? Path.GetFullPath(ProjectPath(path)) : null;
            return real is null ? diagnostic : diagnostic with { File = real };
        }

        public bool IsProjectFile(string path) => File.Exists(Path.Combine(_project, path[1..]));

        public byte[] Read(string path)
        {
            if (!_bytes.TryGetValue(path, out var bytes))
            {
                bytes = Owner(path) is { } c ? c.Source.Read(path[(c.VirtualDirectory.Length + 1)..]) : File.ReadAllBytes(ProjectPath(path));
                _bytes[path] = bytes;
            }

            return bytes;
        }

        public RequireScan Scan(string path) => RequireScanner.Scan(JsDocument.Read(Read(path), path));

        /// <summary>Whether the engine parses a package file (what is not JavaScript is not checked, as when it ships).</summary>
        private static bool Parses(PackageContent c, string file, EngineProfile profile) =>
            !(file.EndsWith(".js", StringComparison.Ordinal) || file.EndsWith(".cjs", StringComparison.Ordinal))
            || SyntaxPreflight.Check(c.Source.Read(file), c.VirtualDirectory + "/" + file, profile).Count == 0;

        private string EntryPath(string entry)
        {
            var full = Path.GetFullPath(entry, _project);
            if (!File.Exists(full))
            {
                throw new IpmException(Messages.EntryMissing(full));
            }

            var relative = Path.GetRelativePath(_project, full).Replace('\\', '/');
            if (relative.StartsWith("../", StringComparison.Ordinal) || relative == ".." || Path.IsPathRooted(relative))
            {
                throw new IpmException(Messages.EntryOutsideProject(full, _project));
            }

            return "/" + relative;
        }
    }
}
