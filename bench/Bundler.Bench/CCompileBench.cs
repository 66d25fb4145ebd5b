using System.Globalization;
using System.Text;
using Bundler.Core.Generation;

namespace Bundler.Bench;

/// <summary>
/// Compile time and compiler memory of the generated C (one string literal per file, from
/// <see cref="CodeGenerator"/> and templates/generic) beside a <c>{0x..}</c> byte-array emitter as IoT.js's js2c
/// writes, and beside <c>.incbin</c> (the assembler copies the files: the floor). Same files, same run, forms
/// alternated; medians of wall time, CPU time (robust on a loaded machine) and peak RSS are reported.
/// The generic set's two C files are separate rows: the data file grows with the JavaScript and is what the
/// goals compare; the resolver is the same for every bundle, a fixed cost.
/// </summary>
internal static class CCompileBench
{
    private const string DataForm = "string literals (ipm: ipm_modules.c)";
    private const string ResolverForm = "resolver (ipm_resolver.c, fixed cost, once)";
    private const string BareForm = "string literals, bare (best case)";
    private const string BytesForm = "byte arrays {0x..} (js2c)";

    private static readonly (string Name, string Exe, string[] Flags)[] Compilers =
    [
        ("gcc -O2 (host)", "gcc", ["-O2"]),
        ("arm-none-eabi-gcc -Os", "arm-none-eabi-gcc", ["-Os", "-mcpu=cortex-m4", "-mthumb"]),
    ];

    /// <summary>Arguments: [runs] [MB] [work folder]: 3 runs over the first 4 MB of the corpus's default file set by default.</summary>
    public static int Run(string[] args)
    {
        var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 3;
        var limit = args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) * 1e6 : 4e6;
        var work = args.Length > 2 ? Path.GetFullPath(args[2]) : Path.Combine(Path.GetTempPath(), "ipm-bench-c");
        if (Directory.Exists(work))
        {
            Directory.Delete(work, recursive: true);
        }

        // Whole files in corpus order (package, then path) until the limit: real code of many styles.
        var files = new List<CorpusFile>();
        long taken = 0;
        foreach (var f in Corpus.DefaultSet().TakeWhile(f => (taken += f.Bytes.Length) <= limit))
        {
            files.Add(f);
        }

        var bytes = Corpus.Bytes(files);
        var table = Table(files);
        var sources = new List<(string Form, string Source, string Include)>();
        var strings = Path.Combine(work, "strings");
        var written = CodeGenerator.Generate(table, Path.Combine(BenchHost.RepoRoot(), "templates", "generic"), strings);
        foreach (var c in written.Where(w => w.EndsWith(".c", StringComparison.Ordinal)))
        {
            // Every generated C file gets a row: a new one must be named here, not silently left out.
            var form = Path.GetFileName(c) switch
            {
                "ipm_modules.c" => DataForm,
                "ipm_resolver.c" => ResolverForm,
                var other => throw new InvalidOperationException($"templates/generic writes '{other}', which the bench does not know"),
            };
            sources.Add((form, c, strings));
        }

        sources.Sort((a, b) => (a.Form == DataForm ? 0 : 1).CompareTo(b.Form == DataForm ? 0 : 1));
        sources.Add((BareForm, BareStrings(table, Path.Combine(work, "bare")), ""));
        sources.Add((BytesForm, ByteArrays(table, Path.Combine(work, "bytes")), ""));
        sources.Add((".incbin (assembler)", Incbin(table, Path.Combine(work, "incbin")), ""));

        var loadBefore = BenchHost.LoadAverage();
        var results = new Dictionary<(string, string), List<Measure>>();
        for (var run = 0; run < runs; run++)
        {
            foreach (var (name, exe, flags) in Compilers)
            {
                // Rotate the order each run so no form always follows another's cache warm-up.
                for (var k = 0; k < sources.Count; k++)
                {
                    var (form, source, include) = sources[(k + run) % sources.Count];
                    var m = Compile(exe, flags, source, include, work);
                    Console.Error.WriteLine($"run {run + 1} {name} {form}: {m.Wall:F3} s wall {m.Cpu:F3} s CPU {m.Kb} KB");
                    if (!results.TryGetValue((name, form), out var list))
                    {
                        results[(name, form)] = list = [];
                    }

                    list.Add(m);
                }
            }
        }

        var mb = bytes / 1e6;
        Console.WriteLine($"machine: {BenchHost.Machine()}; load average before the runs: {loadBefore}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"input:   {files.Count} files, {bytes:N0} bytes ({mb:F2} MB), the first of the default file set of the corpus ({files[0].Package} to {files[^1].Package}); {runs} runs, medians"));
        Console.WriteLine();
        Console.WriteLine("| compiler | form | wall s | CPU s | CPU s per MB | peak RSS MB | wall vs ipm_modules.c | CPU vs ipm_modules.c |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        foreach (var (name, _, _) in Compilers)
        {
            var wallBase = Median(results, name, DataForm, m => m.Wall);
            var cpuBase = Median(results, name, DataForm, m => m.Cpu);
            foreach (var (form, _, _) in sources)
            {
                var wall = Median(results, name, form, m => m.Wall);
                var cpu = Median(results, name, form, m => m.Cpu);
                var rss = Median(results, name, form, m => m.Kb) / 1024;
                // The resolver does not grow with the input: a per-MB figure would mean nothing.
                var perMb = form == ResolverForm ? "-" : (cpu / mb).ToString("F3", CultureInfo.InvariantCulture);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {name} | {form} | {wall:F3} | {cpu:F3} | {perMb} | {rss:F0} | {wall / wallBase:F2}x | {cpu / cpuBase:F2}x |"));
            }
        }

        Console.WriteLine();
        foreach (var (name, _, _) in Compilers)
        {
            foreach (var (what, pick) in new (string, Func<Measure, double>)[] { ("wall", m => m.Wall), ("CPU", m => m.Cpu) })
            {
                var data = Median(results, name, DataForm, pick);
                var both = data + Median(results, name, ResolverForm, pick);
                var bare = Median(results, name, BareForm, pick);
                var arrays = Median(results, name, BytesForm, pick);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{name}, {what}: ipm_modules.c / bare = {data / bare:F2}x (goal <= 1.5x); byte arrays / ipm_modules.c = {arrays / data:F1}x (goal >= 20x); counting the resolver too: {both / bare:F2}x and {arrays / both:F1}x"));
            }
        }

        Console.WriteLine($"load average after: {BenchHost.LoadAverage()}");
        return 0;
    }

    /// <summary>One compile: wall seconds, CPU seconds of the compiler and its children (user + system), peak RSS in KB.</summary>
    private sealed record Measure(double Wall, double Cpu, long Kb);

    private static double Median(Dictionary<(string, string), List<Measure>> results, string compiler, string form, Func<Measure, double> pick) =>
        Median(results[(compiler, form)].Select(pick));

    private static ModuleTable Table(List<CorpusFile> files)
    {
        var packages = files.Select(f => f.Package).Distinct(StringComparer.Ordinal)
            .Select(p => new ModulePackage(p, "0.0.0", "/node_modules/" + p, null)).ToList();
        var modules = files.Select(f => new ModuleFile($"/node_modules/{f.Package}/{f.RelativePath}", f.Bytes)).ToList();
        return new ModuleTable(packages, modules, "bench", "ipm bench", null);
    }

    /// <summary>The best case of string literals: one literal per file on one line, no comments, no tables.</summary>
    private static string BareStrings(ModuleTable table, string dir)
    {
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, "modules_bare.c");
        using var w = new StreamWriter(path, false, new UTF8Encoding(false)) { NewLine = "\n" };
        for (var i = 0; i < table.Files.Count; i++)
        {
            var content = table.Files[i].Content;
            w.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"const unsigned char file_{i}[{Math.Max(1, content.Length)}] = {CStringLiteral.Encode(content, "", int.MaxValue, breakAtNewlines: false)};"));
        }

        return path;
    }

    /// <summary>js2c's form: every byte as <c>0x..,</c>, 16 to a line, plus a table of names and sizes.</summary>
    private static string ByteArrays(ModuleTable table, string dir)
    {
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, "modules_bytes.c");
        using var w = new StreamWriter(path, false, new UTF8Encoding(false)) { NewLine = "\n" };
        w.WriteLine("#include <stddef.h>");
        for (var i = 0; i < table.Files.Count; i++)
        {
            var content = table.Files[i].Content;
            w.Write(string.Create(CultureInfo.InvariantCulture, $"static const unsigned char file_{i}[{Math.Max(1, content.Length)}] = {{"));
            for (var b = 0; b < content.Length; b++)
            {
                w.Write(b % 16 == 0 ? "\n" : "");
                w.Write("0x");
                w.Write(content[b].ToString("x2", CultureInfo.InvariantCulture));
                w.Write(',');
            }

            w.WriteLine(content.Length == 0 ? "0};" : "\n};");
        }

        w.WriteLine("struct file { const char *path; const unsigned char *data; size_t size; };");
        w.WriteLine("const struct file files[] = {");
        for (var i = 0; i < table.Files.Count; i++)
        {
            w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {{\"{table.Files[i].VirtualPath}\", file_{i}, {table.Files[i].Content.Length}}},"));
        }

        w.WriteLine("  {0, 0, 0}\n};");
        return path;
    }

    /// <summary>The best case: the assembler copies each file's bytes; no C front end at all.</summary>
    private static string Incbin(ModuleTable table, string dir)
    {
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, "modules_incbin.S");
        var s = new StringBuilder(".section .rodata\n");
        for (var i = 0; i < table.Files.Count; i++)
        {
            var data = Path.Combine(dir, i.ToString(CultureInfo.InvariantCulture) + ".bin");
            File.WriteAllBytes(data, table.Files[i].Content);
            s.Append(CultureInfo.InvariantCulture, $".global file_{i}\nfile_{i}:\n.incbin \"{data}\"\nfile_{i}_end:\n");
        }

        File.WriteAllText(path, s.ToString());
        return path;
    }

    private static Measure Compile(string exe, string[] flags, string source, string include, string work)
    {
        // /usr/bin/time gives the peak RSS (the largest of the compiler's processes). Its %e/%U/%S have 10 ms steps,
        // too coarse for compiles of 0.1 s, so the wall time comes from a Stopwatch (it includes starting
        // /usr/bin/time and bash, a few milliseconds alike for every form) and the CPU time from bash's `times`
        // (children's user and system time, in milliseconds). CPU time barely moves with the machine's load.
        var timeFile = Path.Combine(work, "time.txt");
        var args = new List<string> { "-f", "%M", "-o", timeFile, "bash", "-c", "\"$@\" && times", "bash", exe };
        args.AddRange(flags);
        if (include.Length > 0)
        {
            args.Add("-I" + include);
        }

        args.AddRange(["-c", source, "-o", Path.Combine(work, "out.o")]);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var times = BenchHost.Run("/usr/bin/time", [.. args]);
        var wall = watch.Elapsed.TotalSeconds;

        // `times` prints the shell's own user and system time, then its children's: "0m0.117s 0m0.010s".
        var children = times.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1].Split(' ');
        var kb = long.Parse(File.ReadAllText(timeFile).Trim().Split('\n')[^1], CultureInfo.InvariantCulture);
        return new Measure(wall, ShellSeconds(children[0]) + ShellSeconds(children[1]), kb);
    }

    private static double ShellSeconds(string text)
    {
        var m = text.IndexOf('m', StringComparison.Ordinal);
        return (int.Parse(text[..m], CultureInfo.InvariantCulture) * 60) + double.Parse(text[(m + 1)..^1], CultureInfo.InvariantCulture);
    }

    internal static double Median(IEnumerable<double> values)
    {
        var v = values.Order().ToList();
        return v.Count % 2 == 1 ? v[v.Count / 2] : (v[(v.Count / 2) - 1] + v[v.Count / 2]) / 2;
    }
}
