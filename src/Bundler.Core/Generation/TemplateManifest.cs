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
/// <c>path</c> is itself a Handlebars template over the same context as the output.
/// </summary>
internal sealed record TemplateManifest(IReadOnlyList<TemplateOutput> Outputs)
{
    public const string FileName = "template.json";

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
            return templates.Count > 0 ? new TemplateManifest(templates) : throw new IpmException(Messages.EmptyTemplateSet(folder));
        }

        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(manifestPath));
            if (!doc.RootElement.TryGetProperty("outputs", out var outputs) || outputs.ValueKind != JsonValueKind.Array || outputs.GetArrayLength() == 0)
            {
                throw Invalid(manifestPath, "'outputs' must be a non-empty array");
            }

            return new TemplateManifest(outputs.EnumerateArray().Select((o, i) => ReadOutput(manifestPath, folder, o, i)).ToList());
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

    private static TemplateOutput ReadOutput(string manifestPath, string folder, JsonElement o, int i)
    {
        string? Get(string name) =>
            o.ValueKind == JsonValueKind.Object && o.TryGetProperty(name, out var v)
                ? v.ValueKind == JsonValueKind.String ? v.GetString() : throw Invalid(manifestPath, $"outputs[{i}].{name} must be a string")
                : null;

        var path = Get("path") ?? throw Invalid(manifestPath, $"outputs[{i}] has no 'path'");
        var template = Get("template");
        var content = Get("content");
        var forEach = Get("forEach");
        if (forEach is not (null or "files" or "packages"))
        {
            throw Invalid(manifestPath, $"outputs[{i}].forEach must be 'files' or 'packages'");
        }

        if ((template is null) == (content is null))
        {
            throw Invalid(manifestPath, $"outputs[{i}] needs exactly one of 'template' and 'content'");
        }

        if (content is not null && (content != "bytes" || forEach != "files"))
        {
            throw Invalid(manifestPath, $"outputs[{i}]: 'content' can only be \"bytes\", with \"forEach\": \"files\"");
        }

        if (template is not null && !File.Exists(Path.Combine(folder, template)))
        {
            throw Invalid(manifestPath, $"outputs[{i}].template '{template}' does not exist");
        }

        return new TemplateOutput(path, template, forEach, Bytes: content is not null);
    }

    private static IpmException Invalid(string manifestPath, string why) =>
        new(Messages.TemplateManifestInvalid(manifestPath, why));
}

/// <param name="Path">Handlebars template of the output path, relative to the output folder.</param>
/// <param name="Template">The .hbs file (relative to the set's folder) rendered, or null for raw bytes.</param>
/// <param name="ForEach">Null (once), <c>files</c> or <c>packages</c>.</param>
/// <param name="Bytes">Write each file's exact bytes instead of rendering.</param>
internal sealed record TemplateOutput(string Path, string? Template, string? ForEach, bool Bytes);
