using System.Text.Json;
using Bundler.Core.Diagnostics;

namespace Bundler.Core.Generation;

/// <summary>
/// What a template set writes. Without a <c>template.json</c>, each top-level <c>*.hbs</c> renders once to
/// its name minus <c>.hbs</c>. With one, it lists the outputs, which may repeat per file or per package:
/// <code>
/// { "outputs": [
///     { "template": "ipm_modules.c.hbs", "path": "ipm_modules.c" },
///     { "forEach": "files", "template": "wrapper.js.hbs", "path": "js/{{symbol}}.js" },
///     { "forEach": "files", "content": "bytes", "path": "raw/{{symbol}}.bin" } ] }
/// </code>
/// <c>path</c> is itself a Handlebars template over the same context as the output; <c>"when": "NAME"</c> keeps
/// only the items whose value NAME is truthy. Optional top-level keys:
/// <c>"base": "generic"</c> (a set, by name or path relative to this set's parent folder, whose templates and
/// partials this set may use; one level) and <c>"iotjsBuiltins": true</c> (the set registers top-level
/// packages as IoT.js builtin modules, so the generator warns about names it cannot register) and
/// <c>"needsEntry": true</c> (the set runs the application entry, so a bundle without one is a warning).
/// </summary>
internal sealed record TemplateManifest(IReadOnlyList<TemplateOutput> Outputs)
{
    public const string FileName = "template.json";

    /// <summary>Folders templates are looked up in, in order: the set's own, then its base's (if any).</summary>
    public IReadOnlyList<string> Folders { get; init; } = [];

    /// <summary>The set makes top-level packages IoT.js builtins (see <see cref="IotjsBuiltins"/>).</summary>
    public bool IotjsBuiltins { get; init; }

    /// <summary>The set runs the application entry (IoT.js's <c>ipm_main</c>): a bundle without one is warned about.</summary>
    public bool NeedsEntry { get; init; }

    /// <summary>The first of <see cref="Folders"/> holding <paramref name="template"/>, or null.</summary>
    public string? Find(string template) =>
        Folders.Select(f => Path.Combine(f, template)).FirstOrDefault(File.Exists);

    public static TemplateManifest Load(string folder)
    {
        var manifestPath = Path.Combine(folder, FileName);
        if (!File.Exists(manifestPath))
        {
            var templates = Directory.EnumerateFiles(folder, "*.hbs")
                .Select(f => Path.GetFileName(f))
                .Order(StringComparer.Ordinal)
                .Select(name => new TemplateOutput(name[..^4], name, ForEach: null, Bytes: false))
                .ToList();
            return templates.Count > 0
                ? new TemplateManifest(templates) { Folders = [folder] }
                : throw new IpmException(Messages.EmptyTemplateSet(folder));
        }

        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(manifestPath));
            if (!doc.RootElement.TryGetProperty("outputs", out var outputs) || outputs.ValueKind != JsonValueKind.Array || outputs.GetArrayLength() == 0)
            {
                throw Invalid(manifestPath, "'outputs' must be a non-empty array");
            }

            var root = doc.RootElement;
            var folders = new List<string> { folder };
            if (root.TryGetProperty("base", out var b))
            {
                folders.Add(ReadBase(manifestPath, folder, b));
            }

            var builtins = Flag(manifestPath, root, "iotjsBuiltins");
            return new TemplateManifest(outputs.EnumerateArray().Select((o, i) => ReadOutput(manifestPath, folders, o, i)).ToList())
            {
                Folders = folders,
                IotjsBuiltins = builtins,
                NeedsEntry = Flag(manifestPath, root, "needsEntry"),
            };
        }
        catch (JsonException e)
        {
            throw Invalid(manifestPath, e.Message);
        }
        catch (IOException e)
        {
            throw Invalid(manifestPath, e.Message);
        }
    }

    private static bool Flag(string manifestPath, JsonElement root, string name) =>
        root.TryGetProperty(name, out var v)
        && (v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean() : throw Invalid(manifestPath, $"'{name}' must be true or false"));

    private static string ReadBase(string manifestPath, string folder, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(value.GetString()))
        {
            throw Invalid(manifestPath, "'base' must be the name or path of a template set");
        }

        string resolved;
        try
        {
            resolved = TemplateSets.Resolve(value.GetString()!, Path.GetDirectoryName(Path.GetFullPath(folder)));
        }
        catch (IpmException e)
        {
            throw Invalid(manifestPath, $"'base': {e.Diagnostic.Message}");
        }

        return string.Equals(Path.GetFullPath(folder), resolved, StringComparison.Ordinal)
            ? throw Invalid(manifestPath, "'base' names the set itself")
            : resolved;
    }

    private static TemplateOutput ReadOutput(string manifestPath, IReadOnlyList<string> folders, JsonElement o, int i)
    {
        string? Get(string name) =>
            o.ValueKind == JsonValueKind.Object && o.TryGetProperty(name, out var v)
                ? v.ValueKind == JsonValueKind.String ? v.GetString() : throw Invalid(manifestPath, $"outputs[{i}].{name} must be a string")
                : null;

        var path = Get("path") ?? throw Invalid(manifestPath, $"outputs[{i}] has no 'path'");
        var template = Get("template");
        var content = Get("content");
        var forEach = Get("forEach");
        var when = Get("when");
        if (forEach is not (null or "files" or "packages"))
        {
            throw Invalid(manifestPath, $"outputs[{i}].forEach must be 'files' or 'packages'");
        }

        if (when is not null && forEach is null)
        {
            throw Invalid(manifestPath, $"outputs[{i}]: 'when' needs 'forEach'");
        }

        if ((template is null) == (content is null))
        {
            throw Invalid(manifestPath, $"outputs[{i}] needs exactly one of 'template' and 'content'");
        }

        if (content is not null && (content != "bytes" || forEach != "files"))
        {
            throw Invalid(manifestPath, $"outputs[{i}]: 'content' can only be \"bytes\", with \"forEach\": \"files\"");
        }

        if (template is not null && !folders.Any(f => File.Exists(Path.Combine(f, template))))
        {
            throw Invalid(manifestPath, $"outputs[{i}].template '{template}' does not exist");
        }

        return new TemplateOutput(path, template, forEach, Bytes: content is not null) { When = when };
    }

    private static IpmException Invalid(string manifestPath, string why) =>
        new(Messages.TemplateManifestInvalid(manifestPath, why));
}

/// <param name="Path">Handlebars template of the output path, relative to the output folder.</param>
/// <param name="Template">The .hbs file (relative to the set's folder) rendered, or null for raw bytes.</param>
/// <param name="ForEach">Null (once), <c>files</c> or <c>packages</c>.</param>
/// <param name="Bytes">Write each file's exact bytes instead of rendering.</param>
internal sealed record TemplateOutput(string Path, string? Template, string? ForEach, bool Bytes)
{
    /// <summary>With <see cref="ForEach"/>: only items whose value of this name is truthy (not null, false, 0 or "").</summary>
    public string? When { get; init; }
}
