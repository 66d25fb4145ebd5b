using Bundler.Core.Resolution;
using Bundler.Testing;
using static Bundler.Core.Tests.Resolution.Resolve;

namespace Bundler.Core.Tests.Resolution;

/// <summary>arborist sorts with <c>Intl.Collator('en')</c>; node itself judges <see cref="LocaleOrder"/>.</summary>
public sealed class LocaleOrderTests
{
    [Fact]
    public void Agrees_with_nodes_collator_on_package_names_and_install_paths()
    {
        // Characters of names and paths, with the ones where ordinal and collation order differ well represented.
        const string alphabet = "abcyz0189-._~@/AZ!*'()";
        var rng = new Random(20240601);
        var words = new List<string> { "", "a", "A", "a-b", "a_b", "a.b", "ab", "@s/a", "node_modules/a", "node_modules/@s/a", "node_modules/1a" };
        for (var i = 0; i < 600; i++)
        {
            var length = rng.Next(1, 9);
            words.Add(string.Concat(Enumerable.Range(0, length).Select(_ => alphabet[rng.Next(alphabet.Length)])));
        }

        var pairs = new List<string[]>();
        for (var i = 0; i < 3000; i++)
        {
            pairs.Add([words[rng.Next(words.Count)], words[rng.Next(words.Count)]]);
        }

        var expected = NodeRunner.Evaluate<List<string[]>, int[]>(
            "const c = new Intl.Collator('en'); return input.map(([a, b]) => Math.sign(c.compare(a, b)));", pairs);

        var disagreements = pairs.Select((p, i) => (p, node: expected[i], ours: Math.Sign(LocaleOrder.Instance.Compare(p[0], p[1]))))
            .Where(x => x.node != x.ours).Select(x => $"'{x.p[0]}' vs '{x.p[1]}': node {x.node}, ipm {x.ours}").ToList();
        Assert.Empty(disagreements);
    }

    [Fact]
    public async Task Decides_which_conflicting_dependency_is_hoisted()
    {
        // By collation "p_a" comes before "p-a" and "p.a" (ordinal order is the other way round): its q is hoisted.
        var reg = new FakeRegistry().Add("p_a", "1.0.0", "q@^1").Add("p-a", "1.0.0", "q@^2").Add("p.a", "1.0.0", "q@^3")
            .Add("q", "1.0.0").Add("q", "2.0.0").Add("q", "3.0.0");

        var (tree, _) = await RunAsync(reg, "p-a@^1", "p.a@^1", "p_a@^1");

        Assert.Equal("p-a@1.0.0 p-a/q@2.0.0 p.a@1.0.0 p.a/q@3.0.0 p_a@1.0.0 q@1.0.0", Layout(tree));
    }
}
