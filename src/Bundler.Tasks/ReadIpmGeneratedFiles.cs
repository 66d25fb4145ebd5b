using Bundler.Core.Diagnostics;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using MSBuildTask = Microsoft.Build.Utilities.Task;

namespace Bundler.Tasks;

/// <summary>
/// Reads back a list file that <see cref="GenerateIpmSources"/> wrote (generated, input or emitted files), so the
/// <c>IpmGeneratedFile</c> items, the inputs and <c>FileWrites</c> exist even when generation was skipped as up to date.
/// </summary>
public sealed class ReadIpmGeneratedFiles : MSBuildTask
{
    /// <summary>The list file (one absolute path per line). A missing file means nothing was generated yet.</summary>
    [Required]
    public string ListFile { get; set; } = "";

    /// <summary>The listed files, each with metadata <c>Kind</c>: Source (.c), Header (.h) or Other.</summary>
    [Output]
    public ITaskItem[] Files { get; set; } = [];

    /// <summary>The listed folders (lines ending in a directory separator): folders the tool replaces as a whole.</summary>
    [Output]
    public ITaskItem[] Folders { get; set; } = [];

    /// <inheritdoc />
    public override bool Execute()
    {
        if (!File.Exists(ListFile))
        {
            return true;
        }

        try
        {
            var lines = File.ReadAllLines(ListFile).Where(line => line.Length > 0).ToList();
            Files = lines.Where(line => !Path.EndsInDirectorySeparator(line)).Select(GeneratedFileItem.Create).ToArray();
            Folders = lines.Where(Path.EndsInDirectorySeparator).Select(line => (ITaskItem)new TaskItem(line)).ToArray();
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
