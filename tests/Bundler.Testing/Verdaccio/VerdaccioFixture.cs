using Xunit;

namespace Bundler.Testing;

/// <summary>
/// One Verdaccio shared by the test classes of a collection (started once per test run, stopped at the end).
/// xunit only sees collection definitions in the test assembly itself, so each test project declares:
/// <code>
/// [CollectionDefinition(VerdaccioFixture.Collection)]
/// public sealed class VerdaccioCollection : ICollectionFixture&lt;VerdaccioFixture&gt;;
/// </code>
/// and a test class takes it with <c>[Collection(VerdaccioFixture.Collection)]</c> and a constructor parameter.
/// Classes sharing it publish through <see cref="EnsurePublished"/> and use names no other class uses.
/// Tests that change registry state (deprecate, dist-tag, auth) start their own <see cref="VerdaccioServer"/>.
/// </summary>
public sealed class VerdaccioFixture : IAsyncLifetime
{
    public const string Collection = "verdaccio";

    private readonly Dictionary<string, string> _published = new(StringComparer.Ordinal);
    private VerdaccioServer? _server;

    public VerdaccioServer Server => _server ?? throw new InvalidOperationException("the shared Verdaccio is not started yet");

    public string Url => Server.Url;

    public async Task InitializeAsync() => _server = await VerdaccioServer.StartAsync().ConfigureAwait(false);

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Publishes the packages this server does not have yet. The same name@version with different content is an
    /// error (two test classes clashing on a name), not a silent reuse; so is adding versions to a name published by an
    /// earlier call.
    /// </summary>
    public void EnsurePublished(IEnumerable<FixturePackage> packages)
    {
        lock (_published)
        {
            var missing = new List<FixturePackage>();
            foreach (var p in packages)
            {
                var print = p.Fingerprint();
                if (_published.TryGetValue(p.Id, out var existing))
                {
                    if (!string.Equals(existing, print, StringComparison.Ordinal))
                    {
                        throw new InvalidOperationException($"{p.Id} is already on the shared Verdaccio with different content; use another name");
                    }

                    continue;
                }

                // npm 11 moves "latest" only forward, so a name's versions go in one batch (see FixtureRegistry.Publish).
                if (_published.Keys.Any(id => id.StartsWith(p.Name + "@", StringComparison.Ordinal)))
                {
                    throw new InvalidOperationException($"{p.Name} already has versions on the shared Verdaccio; publish all its versions in one call");
                }

                missing.Add(p);
            }

            if (missing.Count > 0)
            {
                FixtureRegistry.Publish(Url, missing);
                foreach (var p in missing)
                {
                    _published[p.Id] = p.Fingerprint();
                }
            }
        }
    }
}
