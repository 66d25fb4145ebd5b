using Bundler.Core.Diagnostics;
using Microsoft.Build.Framework;
using MSBuildTask = Microsoft.Build.Utilities.Task;

namespace Bundler.Tasks;

/// <summary>
/// Reads back the list of generated files that <see cref="GenerateIpmSources"/> wrote, so the
/// <c>IpmGeneratedFile</c> items and <c>FileWrites</c> exist even when generation was skipped as up to date.
/// </summary>
public sealed class ReadIpmGeneratedFiles : MSBuildTask
{
    /// <summary>The list file (one absolute path per line). A missing file means nothing was generated yet.</summary>
    [Required]
    public string ListFile { get; set; } = "";

    /// <summary>The generated files, each with metadata <c>Kind</c>: Source (.c), Header (.h) or Other.</summary>
    [Output]
    public ITaskItem[] Files { get; set; } = [];

    /// <inheritdoc />
    public override bool Execute()
    {
        if (!File.Exists(ListFile))
        {
            return true;
        }

        try
        {
            Files = File.ReadAllLines(ListFile)
                .Where(line => line.Length > 0)
                .Select(GeneratedFileItem.Create)
                .ToArray();
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var d = Messages.GeneratedListUnreadable(ListFile, e.Message);
            Log.LogError(null, d.Code, null, ListFile, 0, 0, 0, 0, "{0}", d.Message);
            return false;
        }
    }
}
