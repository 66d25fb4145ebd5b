using System.Xml;
using System.Xml.Linq;
using Microsoft.Build.Framework;

namespace Bundler.Tasks;

/// <summary>
/// Finds the line an item was declared on. MSBuild gives a task the defining file of an item but not its line,
/// so read that file's XML and look for the element whose Include lists the item.
/// </summary>
internal sealed class ItemLocator
{
    private readonly Dictionary<string, XDocument?> _documents = new(StringComparer.Ordinal);

    /// <summary>The defining file (null when unknown) and the 1-based line (0 when not found).</summary>
    public (string? File, int Line) Locate(ITaskItem item, string elementName)
    {
        var file = item.GetMetadata("DefiningProjectFullPath");
        if (string.IsNullOrEmpty(file))
        {
            return (null, 0);
        }

        var element = Load(file)?.Descendants()
            .FirstOrDefault(e => string.Equals(e.Name.LocalName, elementName, StringComparison.Ordinal) && Lists(e, item.ItemSpec));
        return (file, element is IXmlLineInfo info && info.HasLineInfo() ? info.LineNumber : 0);
    }

    private static bool Lists(XElement element, string itemSpec) =>
        ((string?)element.Attribute("Include") ?? string.Empty)
            .Split(';')
            .Any(part => string.Equals(part.Trim(), itemSpec.Trim(), StringComparison.Ordinal));

    private XDocument? Load(string file)
    {
        if (!_documents.TryGetValue(file, out var document))
        {
            try
            {
                document = XDocument.Load(file, LoadOptions.SetLineInfo);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or XmlException)
            {
                // The location is a courtesy; an unreadable project still gets the diagnostic, with the file only.
                document = null;
            }

            _documents[file] = document;
        }

        return document;
    }
}
