using System.Text;
using Bundler.Core.Diagnostics;
using Bundler.Core.Pipeline;
using Microsoft.Build.Framework;

namespace Bundler.Tasks;

/// <summary>
/// Restores the <c>IpmModule</c> items and renders them into C sources (or the template's other files) in
/// <see cref="OutputDirectory"/>, which is replaced as a whole on success. Run by the <c>IpmGenerate</c> target.
/// </summary>
public sealed class GenerateIpmSources : IpmTask
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    private string? _emitDirectory;

    /// <summary>Creates the task as MSBuild does.</summary>
    public GenerateIpmSources()
        : this(BundlePipeline.RunAsync)
    {
    }

    internal GenerateIpmSources(Func<BundleRequest, IBundleLog, CancellationToken, Task<BundleResult>> core)
        : base(core)
    {
    }

    /// <summary>The folder the generated files go to (<c>$(IpmOutputDir)</c>). The tool owns it: it is replaced
    /// as a whole, so files of removed modules disappear.</summary>
    [Required]
    public string OutputDirectory { get; set; } = "";

    /// <summary>Template set (<c>$(IpmTemplate)</c>): <c>generic</c>, <c>iotjs</c>, <c>folder</c>, or a folder of
    /// your own .hbs templates.</summary>
    public string? Template { get; set; }

    /// <summary>The application's entry file, run by the template's main builtin (<c>$(IpmEntry)</c>).</summary>
    public string? Entry { get; set; }

    /// <summary>Minify shipped JavaScript (<c>$(IpmMinify)</c>, default true).</summary>
    public bool Minify { get; set; } = true;

    /// <summary>Flash budget in bytes (<c>$(IpmMaxFlashBytes)</c>); above it the build fails listing the largest
    /// contributors. Empty: no budget.</summary>
    public string? MaxFlashBytes { get; set; }

    /// <summary>JavaScript the engine accepts (<c>$(IpmEngineProfile)</c>): <c>es5.1</c> or <c>es.next</c>.</summary>
    public string? EngineProfile { get; set; }

    /// <summary>Also write the exact shipped files under their virtual paths here (<c>$(IpmEmitFilesDir)</c>).</summary>
    public string? EmitFilesDirectory { get; set; }

    /// <summary>Where to write the list of generated files, one absolute path per line, for
    /// <see cref="ReadIpmGeneratedFiles"/> and <c>dotnet clean</c>.</summary>
    public string? GeneratedFilesList { get; set; }

    /// <summary>Where to write the project's own files that were bundled (the entry and the files it requires),
    /// one absolute path per line, for the <c>IpmGenerate</c> target to make them inputs. Rewritten only when the
    /// set changes; deleted when there is none.</summary>
    public string? InputFilesList { get; set; }

    /// <summary>Where to write what went into <see cref="EmitFilesDirectory"/>: the folder (ending in a directory
    /// separator), then every file in it, one absolute path per line, for incremental builds and
    /// <c>dotnet clean</c>. Rewritten only when it changes; deleted when nothing is emitted.</summary>
    public string? EmittedFilesList { get; set; }

    /// <summary>Every generated file, each with metadata <c>Kind</c>: Source (.c), Header (.h) or Other.</summary>
    [Output]
    public ITaskItem[] GeneratedFiles { get; set; } = [];

    private protected override string Activity => "generating sources from ipm modules";

    private protected override BundleRequest? Complete(BundleRequest request, IBundleLog log)
    {
        if (!RequestMapper.TryParsePositive("IpmMaxFlashBytes", MaxFlashBytes, long.MaxValue, log, out var maxFlash))
        {
            return null;
        }

        _emitDirectory = RequestMapper.FullPath(EmitFilesDirectory, request.ProjectDirectory);
        request = request with
        {
            OutputDirectory = OutputDirectory,
            Entry = RequestMapper.NullIfEmpty(Entry),
            Minify = Minify,
            MaxFlashBytes = maxFlash,
            EmitFilesDirectory = _emitDirectory,
        };
        // Unset means the core's default, which the core alone defines.
        request = RequestMapper.NullIfEmpty(Template) is { } template ? request with { Template = template } : request;
        return RequestMapper.NullIfEmpty(EngineProfile) is { } profile ? request with { EngineProfile = profile } : request;
    }

    private protected override bool Finish(BundleResult result, IBundleLog log)
    {
        GeneratedFiles = result.GeneratedFiles.Select(GeneratedFileItem.Create).ToArray();
        // The emit folder leads its list: the core replaces it as a whole, so clean removes it as a whole.
        IEnumerable<string> emitted = _emitDirectory is null ? []
            : result.EmittedFiles.Prepend(Path.TrimEndingDirectorySeparator(_emitDirectory) + Path.DirectorySeparatorChar);
        return Write(GeneratedFilesList, result.GeneratedFiles, always: true, log)
            && Write(InputFilesList, result.ProjectFiles.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal), always: false, log)
            && Write(EmittedFilesList, emitted, always: false, log);
    }

    /// <summary>Writes a list of paths, one per line. The generated list is written <paramref name="always"/>: its
    /// time stamp is the run's (the target's output), as generated files with unchanged content keep theirs. The
    /// others only when their text changes, and an empty one is deleted, so most projects have none.</summary>
    private static bool Write(string? listFile, IEnumerable<string> paths, bool always, IBundleLog log)
    {
        if (string.IsNullOrEmpty(listFile))
        {
            return true;
        }

        try
        {
            var text = string.Concat(paths.Select(f => f + "\n"));
            if (!always && text.Length == 0)
            {
                if (File.Exists(listFile))
                {
                    File.Delete(listFile);
                }
            }
            else if (always || !File.Exists(listFile) || !string.Equals(File.ReadAllText(listFile, Utf8NoBom), text, StringComparison.Ordinal))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(listFile))!);
                File.WriteAllText(listFile, text, Utf8NoBom);
            }

            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            log.Report(Messages.GeneratedListUnwritable(listFile, e.Message));
            return false;
        }
    }
}
