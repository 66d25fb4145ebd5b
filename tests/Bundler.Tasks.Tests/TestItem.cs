using System.Collections;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace Bundler.Tasks.Tests;

/// <summary>
/// A task item that knows the file defining it, as items coming from a real project do. MSBuild's own
/// TaskItem cannot be given DefiningProjectFullPath (it is reserved), so this wraps one.
/// </summary>
internal sealed class TestItem(string itemSpec, string? definingProject = null, params (string Name, string Value)[] metadata) : ITaskItem
{
    private readonly TaskItem _inner = Create(itemSpec, metadata);

    public string ItemSpec
    {
        get => _inner.ItemSpec;
        set => _inner.ItemSpec = value;
    }

    public ICollection MetadataNames => _inner.MetadataNames;

    public int MetadataCount => _inner.MetadataCount;

    public string GetMetadata(string metadataName) =>
        metadataName == "DefiningProjectFullPath" ? definingProject ?? "" : _inner.GetMetadata(metadataName);

    public void SetMetadata(string metadataName, string metadataValue) => _inner.SetMetadata(metadataName, metadataValue);

    public void RemoveMetadata(string metadataName) => _inner.RemoveMetadata(metadataName);

    public void CopyMetadataTo(ITaskItem destinationItem) => _inner.CopyMetadataTo(destinationItem);

    public IDictionary CloneCustomMetadata() => _inner.CloneCustomMetadata();

    private static TaskItem Create(string itemSpec, (string Name, string Value)[] metadata)
    {
        var item = new TaskItem(itemSpec);
        foreach (var (name, value) in metadata)
        {
            item.SetMetadata(name, value);
        }

        return item;
    }
}
