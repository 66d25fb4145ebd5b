using System.Text.Json;
using Bundler.Core.Diagnostics;

namespace Bundler.Core.Archives;

/// <summary>Checks that an extracted package is the one that was asked for.</summary>
internal static class ManifestCheck
{
    private const long MaxManifestBytes = 1024 * 1024;

    /// <summary>IPM5013 when package.json is missing or unreadable, IPM5012 when its name or version differ.</summary>
    public static void Verify(string packageDirectory, string expectedName, string expectedVersion, string packageLabel)
    {
        var path = Path.Combine(packageDirectory, "package.json");
        JsonDocument document;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                throw new IpmException(Messages.ManifestMissing(packageLabel, "the archive has no package.json at its top"));
            }

            if (info.Length > MaxManifestBytes)
            {
                throw new IpmException(Messages.ManifestMissing(packageLabel, $"package.json is larger than {MaxManifestBytes} bytes"));
            }

            document = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { AllowTrailingCommas = false, MaxDepth = 64 });
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new IpmException(Messages.ManifestMissing(packageLabel, ex.Message), ex);
        }

        using (document)
        {
            var root = document.RootElement;
            var name = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : "";
            var version = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("version", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";
            if (!string.Equals(name, expectedName, StringComparison.Ordinal))
            {
                throw new IpmException(Messages.ManifestMismatch(packageLabel, "name", expectedName, name));
            }

            if (!string.Equals(Clean(version), Clean(expectedVersion), StringComparison.Ordinal))
            {
                throw new IpmException(Messages.ManifestMismatch(packageLabel, "version", expectedVersion, version));
            }
        }
    }

    /// <summary>What npm's semver.clean strips: surrounding spaces and a leading '=' or 'v'.</summary>
    private static string Clean(string version)
    {
        var trimmed = version.Trim();
        return trimmed.StartsWith('=') || trimmed.StartsWith('v') ? trimmed[1..].Trim() : trimmed;
    }
}
