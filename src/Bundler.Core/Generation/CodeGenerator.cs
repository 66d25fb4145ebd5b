using System.Text;
using Bundler.Core.Diagnostics;
using HandlebarsDotNet;

namespace Bundler.Core.Generation;

/// <summary>A file written into the output folder beside the rendered templates (notices, reports).</summary>
/// <param name="RelativePath">Its path in the output folder, '/' separated.</param>
/// <param name="Content">Its exact bytes.</param>
internal sealed record ExtraFile(string RelativePath, byte[] Content);

/// <summary>Renders a template set over a <see cref="ModuleTable"/> into an output folder.</summary>
internal static class CodeGenerator
{
    /// <summary>
    /// Renders every output of the set in <paramref name="templateDirectory"/> into a temporary folder beside
    /// <paramref name="outputDirectory"/>, then swaps it in as a whole: a failure leaves the previous output
    /// untouched, and an output equal byte for byte to the previous one leaves the folder (and its file
    /// times) alone so firmware builds do not recompile. <paramref name="extraFiles"/> are written into the same
    /// staging folder, so they are replaced together with the sources. Returns the full paths written, ordinally sorted.
    /// </summary>
    public static IReadOnlyList<string> Generate(ModuleTable table, string templateDirectory, string outputDirectory, IBundleLog? log = null, IReadOnlyList<ExtraFile>? extraFiles = null)
    {
        log ??= NullBundleLog.Instance;
        var manifest = TemplateManifest.Load(templateDirectory);
        var root = TemplateData.Build(table);
        var handlebars = CreateEnvironment();

        // A base set's partials first, so the set's own partials of the same name replace them.
        foreach (var folder in manifest.Folders.Reverse())
        {
            RegisterPartials(handlebars, folder);
        }

        if (manifest.IotjsBuiltins)
        {
            IotjsBuiltins.Report(table, log);
        }

        return OutputFolder.Replace(outputDirectory, templateDirectory, staging =>
        {
            var written = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            var compiled = new Dictionary<string, HandlebarsTemplate<TextWriter, object, object>>(StringComparer.Ordinal);
            foreach (var output in manifest.Outputs)
            {
                var what = output.Template ?? TemplateManifest.FileName;
                var pathTemplate = Compile(handlebars, output.Path, what);
                var body = output.Template is null ? null : CompileFile(handlebars, manifest, output.Template, compiled);
                foreach (var (context, file) in Contexts(root, output, table))
                {
                    var relative = CheckRelative(Render(pathTemplate, context, what), what);
                    if (!written.TryAdd(relative, what))
                    {
                        throw new IpmException(Messages.DuplicateOutput(relative, what));
                    }

                    var target = Path.Combine(staging, relative.Replace('/', Path.DirectorySeparatorChar));
                    Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                    if (body is null)
                    {
                        File.WriteAllBytes(target, file!.Content);
                        continue;
                    }

                    using var stream = new FileStream(target, FileMode.CreateNew, FileAccess.Write);
                    using var writer = new StreamWriter(stream, CStringLiteral.Utf8) { NewLine = "\n" };
                    Run(() => body(writer, context), what);
                }
            }

            foreach (var extra in extraFiles ?? [])
            {
                var relative = CheckRelative(extra.RelativePath, extra.RelativePath);
                if (!written.TryAdd(relative, relative))
                {
                    throw new IpmException(Messages.DuplicateOutput(relative, written[relative]));
                }

                var target = Path.Combine(staging, relative.Replace('/', Path.DirectorySeparatorChar));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.WriteAllBytes(target, extra.Content);
            }

            return written.Keys.ToList();
        }, log);
    }

    /// <summary>
    /// Flash the table takes on a 32-bit target: file bytes (no NUL is stored), paths, names, and the file and
    /// package tables (for <c>BundleResult.FlashBytes</c>). The resolver's code (under 1 KB on Cortex-M4,
    /// -Os) is not included.
    /// </summary>
    public static long EstimateFlashBytes(ModuleTable table) => TemplateData.EstimateFlashBytes(table);

    private static IHandlebars CreateEnvironment()
    {
        // C is not HTML: no escaping. A misspelt name in a template is an error, not an empty string.
        var hb = Handlebars.Create(new HandlebarsConfiguration { NoEscape = true, ThrowOnUnresolvedBindingExpression = true });
        hb.RegisterHelper("cstring", (writer, _, arguments) =>
            writer.Write(CStringLiteral.EncodeInline(Convert.ToString(arguments[0], System.Globalization.CultureInfo.InvariantCulture) ?? ""), false));
        hb.RegisterHelper("ccomment", (writer, _, arguments) =>
            writer.Write(CNames.Comment(Convert.ToString(arguments[0], System.Globalization.CultureInfo.InvariantCulture) ?? ""), false));
        return hb;
    }

    /// <summary>Every <c>partials/NAME.hbs</c> becomes the partial <c>{{> NAME}}</c> for all templates of the set.</summary>
    private static void RegisterPartials(IHandlebars hb, string templateDirectory)
    {
        var folder = Path.Combine(templateDirectory, "partials");
        if (!Directory.Exists(folder))
        {
            return;
        }

        foreach (var file in Directory.EnumerateFiles(folder, "*.hbs").Order(StringComparer.Ordinal))
        {
            var what = "partials/" + Path.GetFileName(file);
            try
            {
                hb.RegisterTemplate(Path.GetFileNameWithoutExtension(file), ReadTemplate(file));
            }
            catch (HandlebarsException e)
            {
                throw new IpmException(Messages.TemplateSyntax(what, FirstLine(e.Message)), e);
            }
        }
    }

    // Templates checked out with CRLF would otherwise put "\r\n" into the C.
    private static string ReadTemplate(string file) => File.ReadAllText(file).Replace("\r\n", "\n", StringComparison.Ordinal);

    private static IEnumerable<(Dictionary<string, object?> Context, ModuleFile? File)> Contexts(
        Dictionary<string, object?> root, TemplateOutput output, ModuleTable table)
    {
        var forEach = output.ForEach;
        if (forEach is null)
        {
            yield return (root, null);
            yield break;
        }

        var byPath = table.Files.ToDictionary(f => f.VirtualPath, StringComparer.Ordinal);
        foreach (var item in (List<Dictionary<string, object?>>)root[forEach]!)
        {
            if (output.When is not null && !Truthy(item, output.When, output.Template ?? TemplateManifest.FileName))
            {
                continue;
            }

            var context = new Dictionary<string, object?>(item, StringComparer.Ordinal) { ["root"] = root };
            yield return (context, forEach == "files" ? byPath[(string)item["path"]!] : null);
        }
    }

    // Handlebars' notion, so "when" agrees with {{#if}} in the template itself.
    private static bool Truthy(Dictionary<string, object?> item, string name, string what) =>
        !item.TryGetValue(name, out var value)
            ? throw new IpmException(Messages.TemplateRender(what, $"'when': the items have no value '{name}'"))
            : value switch
            {
                null or false or 0 or 0L => false,
                string s => s.Length > 0,
                System.Collections.ICollection c => c.Count > 0,
                _ => true,
            };

    private static HandlebarsTemplate<TextWriter, object, object> CompileFile(IHandlebars hb, TemplateManifest manifest, string template, Dictionary<string, HandlebarsTemplate<TextWriter, object, object>> cache)
    {
        if (!cache.TryGetValue(template, out var compiled))
        {
            // Load checked that one of the folders has it; a file deleted since is an I/O error like any other.
            compiled = Compile(hb, ReadTemplate(manifest.Find(template) ?? Path.Combine(manifest.Folders[0], template)), template);
            cache[template] = compiled;
        }

        return compiled;
    }

    private static HandlebarsTemplate<TextWriter, object, object> Compile(IHandlebars hb, string text, string what)
    {
        try
        {
            return hb.Compile(new StringReader(text));
        }
        catch (HandlebarsException e)
        {
            throw new IpmException(Messages.TemplateSyntax(what, FirstLine(e.Message)), e);
        }
    }

    private static string Render(HandlebarsTemplate<TextWriter, object, object> template, object context, string what)
    {
        using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        Run(() => template(writer, context), what);
        return writer.ToString();
    }

    private static void Run(Action render, string what)
    {
        try
        {
            render();
        }
        catch (HandlebarsException e)
        {
            throw new IpmException(Messages.TemplateRender(what, FirstLine(e.Message)), e);
        }
        catch (HandlebarsDotNet.Compiler.HandlebarsUndefinedBindingException e)
        {
            throw new IpmException(Messages.TemplateRender(what, e.Message), e);
        }
    }

    private static string CheckRelative(string relative, string what)
    {
        var segments = relative.Split('/');
        if (relative.Length == 0 || relative.Contains('\\', StringComparison.Ordinal) || Path.IsPathRooted(relative)
            || segments.Any(s => s.Length == 0 || s is "." or ".."))
        {
            throw new IpmException(Messages.TemplateRender(what, $"output path '{relative}' must be relative, with '/' separators and no '.' or '..' segments"));
        }

        return relative;
    }

    private static string FirstLine(string message)
    {
        var end = message.IndexOf('\n', StringComparison.Ordinal);
        return (end < 0 ? message : message[..end]).Trim();
    }
}
