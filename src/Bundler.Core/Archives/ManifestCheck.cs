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
        byte[] bytes;
        try
        {
            var info = new FileInfo(path);
            CheckPresentAndSmall(info.Exists, info.Exists ? info.Length : 0, packageLabel);
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new IpmException(Messages.ManifestMissing(packageLabel, ex.Message), ex);
        }

        Verify(bytes, expectedName, expectedVersion, packageLabel);
    }

    /// <summary><see cref="Verify(string, string, string, string)"/> for a package extracted into memory.</summary>
    public static void Verify(IReadOnlyDictionary<string, byte[]> files, string expectedName, string expectedVersion, string packageLabel)
    {
        var found = files.TryGetValue("package.json", out var bytes);
        CheckPresentAndSmall(found, bytes?.Length ?? 0, packageLabel);
        Verify(bytes!, expectedName, expectedVersion, packageLabel);
    }

    private static void CheckPresentAndSmall(bool exists, long length, string packageLabel)
    {
        if (!exists)
        {
            throw new IpmException(Messages.ManifestMissing(packageLabel, "the archive has no package.json at its top"));
        }

        if (length > MaxManifestBytes)
        {
            throw new IpmException(Messages.ManifestMissing(packageLabel, $"package.json is larger than {MaxManifestBytes} bytes"));
        }
    }

    private static void Verify(byte[] bytes, string expectedName, string expectedVersion, string packageLabel)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, new JsonDocumentOptions { AllowTrailingCommas = false, MaxDepth = 64 });
        }
        catch (JsonException ex)
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
