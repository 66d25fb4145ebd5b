using Bundler.Testing;

namespace Bundler.Integration.Tests.Harness;

/// <summary>The one shared Verdaccio of this test assembly (xunit needs the definition in the test assembly).</summary>
[CollectionDefinition(VerdaccioFixture.Collection)]
public sealed class VerdaccioCollection : ICollectionFixture<VerdaccioFixture>;
