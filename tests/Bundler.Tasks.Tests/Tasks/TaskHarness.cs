using Bundler.Core.Diagnostics;
using Bundler.Core.Pipeline;
using Bundler.Testing;

namespace Bundler.Tasks.Tests.Tasks;

/// <summary>Stands in for the pipeline: records the request it was given and does what the test says.</summary>
internal sealed class FakeCore
{
    private int _calls;

    public FakeCore(Func<BundleRequest, IBundleLog, CancellationToken, Task<BundleResult>>? behavior = null)
    {
        Behavior = behavior ?? ((_, _, _) => Task.FromResult(Result()));
    }

    public Func<BundleRequest, IBundleLog, CancellationToken, Task<BundleResult>> Behavior { get; }

    public BundleRequest? Request { get; private set; }

    public int Calls => _calls;

    public static BundleResult Result(params string[] files) =>
        new() { GeneratedFiles = files, LockDigest = "sha512-test", LockFile = "/p/ipm-lock.json" };

    public Task<BundleResult> Invoke(BundleRequest request, IBundleLog log, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        Request = request;
        return Behavior(request, log, cancellationToken);
    }
}

/// <summary>A project file on disk with IpmModule items, so items can point at the file and line they came from.</summary>
internal sealed class ProjectOnDisk : IDisposable
{
    private readonly TempDirectory _dir = new("ipm-tasks");

    public ProjectOnDisk(string itemsXml)
    {
        Text = $"<Project Sdk=\"Microsoft.Build.NoTargets\">\n  <ItemGroup>\n{itemsXml}\n  </ItemGroup>\n</Project>\n";
        Path = _dir.Write("fw.proj", Text);
    }

    public string Path { get; }

    public string Directory => System.IO.Path.GetDirectoryName(Path)!;

    public string Text { get; }

    public string Combine(params string[] parts) => _dir.Combine(parts);

    /// <summary>The 1-based line of the first line containing <paramref name="fragment"/>, read from the text.</summary>
    public int LineOf(string fragment)
    {
        var lines = Text.Split('\n');
        var index = Array.FindIndex(lines, l => l.Contains(fragment, StringComparison.Ordinal));
        Assert.True(index >= 0, $"'{fragment}' is not in the project text");
        return index + 1;
    }

    public TestItem Item(string include, params (string Name, string Value)[] metadata) => new(include, Path, metadata);

    public void Dispose() => _dir.Dispose();
}
