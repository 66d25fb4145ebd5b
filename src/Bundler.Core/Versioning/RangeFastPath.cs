namespace Bundler.Core.Versioning;

internal static class RangeFastPath
{
    public static NpmComparator[]? TryParsePart(string part)
    {
        _ = part;
        return null;
    }
}
