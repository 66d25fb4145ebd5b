using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace Bundler.Tasks;

/// <summary>An <c>IpmGeneratedFile</c> item: the path plus <c>Kind</c> (Source, Header or Other) for the C build.</summary>
internal static class GeneratedFileItem
{
    public static ITaskItem Create(string path)
    {
        var extension = Path.GetExtension(path);
        var kind = string.Equals(extension, ".c", StringComparison.Ordinal) ? "Source"
            : string.Equals(extension, ".h", StringComparison.Ordinal) ? "Header"
            : "Other";
        var item = new TaskItem(path);
        item.SetMetadata("Kind", kind);
        return item;
    }
}
