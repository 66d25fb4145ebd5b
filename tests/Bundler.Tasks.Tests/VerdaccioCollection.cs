using Bundler.Testing;

namespace Bundler.Tasks.Tests;

/// <summary>The shared Verdaccio of this test project (xunit sees collection definitions only in the test assembly).</summary>
[CollectionDefinition(VerdaccioFixture.Collection)]
public sealed class VerdaccioCollection : ICollectionFixture<VerdaccioFixture>;
