using Bundler.Core.JavaScript;
using Bundler.Testing;
using Xunit.Abstractions;

namespace Bundler.Integration.Tests.JavaScript;

/// <summary>Runs the corpus through our stage and through acorn once for all the tests of the class.</summary>
public sealed class CorpusOracleFixture : IDisposable
{
    private readonly TempDirectory _temp = new("ipm-js-corpus");

    public CorpusOracleFixture()
    {
        Files = JsCorpus.Select();
        Entries = AcornOracle.Run(Files.Select(f => (f.Name, f.FullPath)).ToList(), _temp);
    }

    public IReadOnlyList<CorpusFile> Files { get; }

    internal List<OracleEntry> Entries { get; }

    /// <summary>The files acorn parses (as a script, or else as a module): the ones every check runs on.</summary>
    internal IEnumerable<OracleEntry> Parseable => Entries.Where(e => e.Unparseable is null);

    public void Dispose() => _temp.Dispose();
}

/// <summary>
/// Proof that the stage is safe on real code: at least 300 files of at least 20 npm packages, checked against
/// acorn token by token, tree by tree, and for ES5-ness. The files are the published packages as <c>npm ci</c>
/// installed them into tests/tools/node_modules from tests/tools/package-lock.json (see <see cref="CorpusFile"/>);
/// that the minified bundles still run is checked by Footprint/CorpusBundleTests, through the tests' Verdaccio.
/// </summary>
public sealed class CorpusOracleTests(CorpusOracleFixture corpus, ITestOutputHelper output) : IClassFixture<CorpusOracleFixture>
{
    [Fact]
    public void Corpus_has_at_least_300_parseable_files_from_at_least_20_packages()
    {
        var parseable = corpus.Parseable.ToList();
        var packages = parseable.Select(e => e.Name.Split('/')[0]).Distinct(StringComparer.Ordinal).Count();
        output.WriteLine($"{parseable.Count} parseable files of {corpus.Entries.Count} chosen, from {packages} packages");
        foreach (var e in corpus.Entries.Where(e => e.Unparseable is not null))
        {
            output.WriteLine($"acorn cannot parse {e.Name}: {e.Unparseable}");
        }

        Assert.True(parseable.Count >= 300, $"only {parseable.Count} parseable files");
        Assert.True(packages >= 20, $"only {packages} packages");
    }

    [Fact]
    public void Our_lexer_reads_exactly_the_tokens_acorn_reads()
    {
        var failures = corpus.Parseable
            .Select(e => e.OurError is not null ? $"{e.Name}: we threw {e.OurError}" : e.TokenMismatch is null ? null : $"{e.Name}: {e.TokenMismatch}")
            .OfType<string>()
            .ToList();
        Assert.True(failures.Count == 0, $"{failures.Count} files differ:\n" + string.Join('\n', failures.Take(20)));
    }

    [Fact]
    public void Minified_files_parse_to_the_same_tree_as_the_originals()
    {
        long raw = 0;
        long minified = 0;
        var failures = new List<string>();
        foreach (var e in corpus.Parseable)
        {
            if (e.Minified is null)
            {
                failures.Add($"{e.Name}: not minified: {e.OurError}");
                continue;
            }

            raw += e.Bytes.Length;
            minified += e.Minified.Code.Length;
            if (e.AstDiff is not null)
            {
                failures.Add($"{e.Name}: first difference at {e.AstDiff}");
            }
        }

        output.WriteLine($"corpus: {raw} bytes raw, {minified} bytes minified, ratio {(double)minified / raw:F3}");
        Assert.True(failures.Count == 0, $"{failures.Count} files differ:\n" + string.Join('\n', failures.Take(20)));
    }

    [Fact]
    public void Minified_files_lex_to_the_same_tokens_less_semicolons_before_braces()
    {
        var failures = new List<string>();
        foreach (var e in corpus.Parseable.Where(e => e.Minified is not null))
        {
            var before = e.Document!;
            var after = JsDocument.Read(e.Minified!.Code, e.Name);
            int i = 0, j = 0;
            while (i < before.Tokens.Length && j < after.Tokens.Length)
            {
                var b = before.TextOf(before.Tokens[i]);
                if (b == after.TextOf(after.Tokens[j]))
                {
                    i++;
                    j++;
                }
                else if (b == ";" && i + 1 < before.Tokens.Length && before.TextOf(before.Tokens[i + 1]) == "}")
                {
                    i++;
                }
                else
                {
                    break;
                }
            }

            if (i < before.Tokens.Length || j < after.Tokens.Length)
            {
                failures.Add($"{e.Name}: token #{i} of {before.Tokens.Length} differs from #{j} of {after.Tokens.Length}");
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures.Take(20)));
    }

    [Fact]
    public void Require_scanner_finds_the_require_calls_of_acorns_tree()
    {
        var failures = new List<string>();
        int total = 0, dynamic = 0;
        foreach (var e in corpus.Parseable.Where(e => e.Requires is not null))
        {
            total += e.AcornRequires.Count;
            dynamic += e.AcornRequires.Count(r => r.Specifier is null);
            if (AcornOracle.CompareRequires(e) is { } difference)
            {
                failures.Add($"{e.Name}: {difference}");
            }
        }

        output.WriteLine($"{total} require() calls, {dynamic} of them dynamic");
        Assert.True(failures.Count == 0, string.Join('\n', failures.Take(20)));
        Assert.True(total >= 300 && dynamic > 0, $"the corpus should exercise the scanner: {total} calls, {dynamic} dynamic");
    }

    [Fact]
    public void Es51_preflight_agrees_with_acorn_ecmascript_5()
    {
        var falsePositives = new List<string>();
        var missed = new List<string>();
        int es5 = 0, later = 0;
        foreach (var e in corpus.Parseable.Where(e => e.Document is not null))
        {
            if (e.ParsesAsEs5)
            {
                es5++;
                if (e.Es51Findings.Count > 0)
                {
                    var f = e.Es51Findings[0];
                    falsePositives.Add($"{e.Name}({f.Line}): {f.Description}");
                }
            }
            else
            {
                later++;
                if (e.Es51Findings.Count == 0)
                {
                    missed.Add($"{e.Name}: acorn says '{e.Es5Error}'");
                }
            }
        }

        output.WriteLine($"{es5} files are ES5, {later} need a later version");
        Assert.True(falsePositives.Count == 0, "findings on ES5 files:\n" + string.Join('\n', falsePositives.Take(20)));
        Assert.True(missed.Count == 0, "no finding on files that are not ES5:\n" + string.Join('\n', missed.Take(20)));
        Assert.True(es5 >= 50 && later >= 50, $"the corpus should have both kinds: {es5} ES5, {later} later");
    }
}
