using Bundler.Core.Diagnostics;
using Bundler.Core.Generation;
using Bundler.Core.Resolution;

namespace Bundler.Core.Pipeline;

/// <summary>Runs the stages: resolve, lock, fetch, extract, select, generate. The only entry point front ends call.</summary>
public static class BundlePipeline
{
    /// <summary>Resolve (or read the lock), fetch and verify every archive, then write the lock unless locked. No generation.</summary>
    public static async Task<BundleResult> RestoreAsync(BundleRequest request, IBundleLog log, CancellationToken cancellationToken)
    {
        using var restore = new RestoreStage(request, log);
        var (tree, digest, fetched) = await RestoreCoreAsync(request, restore, log, cancellationToken).ConfigureAwait(false);
        WriteLock(request, restore, tree);
        return new BundleResult { GeneratedFiles = [], LockDigest = digest, LockFile = restore.LockPath, PackageCount = tree.Packages.Count, FetchedBytes = fetched.Values.Sum(a => new FileInfo(a.Path).Length) };
    }

    /// <summary>Restore, then generate into <see cref="BundleRequest.OutputDirectory"/> (replaced only on success).</summary>
    public static Task<BundleResult> RunAsync(BundleRequest request, IBundleLog log, CancellationToken cancellationToken) =>
        RunAsync(request, log, cancellationToken, beforeExtract: null);

    /// <summary><see cref="RunAsync(BundleRequest, IBundleLog, CancellationToken)"/>; tests change archives in <paramref name="beforeExtract"/>
    /// (called before each extraction attempt) to play another process touching the cache between fetching and extracting.</summary>
    internal static async Task<BundleResult> RunAsync(BundleRequest request, IBundleLog log, CancellationToken cancellationToken,
        Action<IReadOnlyDictionary<string, FetchedArchive>>? beforeExtract)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var templateDir = TemplateSets.Resolve(request.Template, request.ProjectDirectory);
        using var restore = new RestoreStage(request, log);
        var (tree, digest, archives) = await RestoreCoreAsync(request, restore, log, cancellationToken).ConfigureAwait(false);
        var restored = clock.ElapsedMilliseconds;
        var staging = Path.Combine(Path.GetTempPath(), "ipm-staging-" + Guid.NewGuid().ToString("N"));
        try
        {
            IReadOnlyList<PackageContent> contents;
            try
            {
                beforeExtract?.Invoke(archives);
                contents = ContentStage.Collect(request, tree, archives, staging, log, cancellationToken);
            }
            catch (IpmException ex) when (ex.Code == "IPM4010")
            {
                // `ipm cache clean` or `verify` in another process removed an entry between fetching and extracting:
                // fetch what is missing once more (offline, that is the usual IPM4005) and extract afresh.
                log.Detail($"{ex.Message}; fetching again");
                archives = await FetchStage.FetchAsync(request, restore, tree, log, cancellationToken).ConfigureAwait(false);
                TryDelete(staging);
                beforeExtract?.Invoke(archives);
                contents = ContentStage.Collect(request, tree, archives, staging, log, cancellationToken);
            }

            var extracted = clock.ElapsedMilliseconds;
            var model = ModelStage.Build(request, contents, digest, log, TemplateManifest.Load(templateDir).NeedsEntry);
            cancellationToken.ThrowIfCancellationRequested();
            var modelled = clock.ElapsedMilliseconds;
            var generated = CodeGenerator.Generate(model.Table, templateDir, request.OutputDirectory, log, model.ExtraFiles);
            var emitted = ModelStage.EmitFiles(request, model.Table, templateDir, log);
            WriteLock(request, restore, tree);
            // Where a run's time went, for users tuning a build and for the benchmarks (never asserted by tests).
            log.Detail($"ipm: times: resolve and fetch {restored} ms, extract {extracted - restored} ms, " +
                $"select and minify {modelled - extracted} ms, generate {clock.ElapsedMilliseconds - modelled} ms");
            var flash = model.Report.FlashBytes;
            log.Summary($"ipm: generated {generated.Count} files into {request.OutputDirectory} ({flash} bytes of flash)");
            return new BundleResult
            {
                GeneratedFiles = generated,
                LockDigest = digest,
                LockFile = restore.LockPath,
                PackageCount = tree.Packages.Count,
                FetchedBytes = archives.Values.Sum(a => new FileInfo(a.Path).Length),
                FlashBytes = flash,
                ProjectFiles = model.ProjectFiles,
                EmittedFiles = emitted,
            };
        }
        finally
        {
            TryDelete(staging);
        }
    }

    // The lock is written last, once everything it describes was fetched and (for a bundle) generated: a failed run
    // changes nothing on disk. Unchanged text is not rewritten, so incremental builds see no new file time.
    private static void WriteLock(BundleRequest request, RestoreStage restore, ResolvedTree tree)
    {
        if (!request.Locked)
        {
            LockFile.WriteIfChanged(restore.LockPath, tree);
        }
    }

    private static async Task<(ResolvedTree Tree, string Digest, IReadOnlyDictionary<string, FetchedArchive> Archives)> RestoreCoreAsync(
        BundleRequest request, RestoreStage restore, IBundleLog log, CancellationToken cancellationToken)
    {
        var tree = await restore.ResolveAsync(cancellationToken).ConfigureAwait(false);
        var archives = await FetchStage.FetchAsync(request, restore, tree, log, cancellationToken).ConfigureAwait(false);
        // The lock is written only once every archive is verified: a failed run changes nothing on disk.
        var digest = LockFile.Serialize(tree).Digest;
        return (tree, digest, archives);
    }

    private static void TryDelete(string dir)
    {
        try
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
