using System.Text;
using Bundler.Core.JavaScript;

namespace Bundler.Core.Tests.JavaScript;

public sealed class RequireScannerTests
{
    private static RequireScan Scan(string source) => RequireScanner.Scan(Encoding.UTF8.GetBytes(source), "pkg/index.js");

    [Fact]
    public void Finds_literal_requires_with_their_lines()
    {
        var scan = Scan("var a = require('a');\nvar b = require(\"./b.js\"),\n    c = require(`@scope/c`);\nrequire(('d'))");
        Assert.Equal([new RequireCall("a", 1), new RequireCall("./b.js", 2), new RequireCall("@scope/c", 3), new RequireCall("d", 4)], scan.Static);
        Assert.Empty(scan.Dynamic);
    }

    [Fact]
    public void Cooks_escapes_in_the_specifier()
    {
        var scan = Scan("require('\\x2e/\\u0061\\u{62}\\\nc')");
        Assert.Equal("./abc", Assert.Single(scan.Static).Specifier);
    }

    [Fact]
    public void Ignores_members_declarations_methods_and_mentions()
    {
        var scan = Scan("x.require('a'); x?.require('b'); function require(m) {}\n" +
            "o = { require(c) { return c } }; typeof require; require.resolve('d'); var s = 'require(\"e\")' // require('f')");
        Assert.Empty(scan.Static);
        Assert.Empty(scan.Dynamic);
    }

    [Fact]
    public void Reports_computed_arguments_as_dynamic_with_file_line_and_text()
    {
        var scan = Scan("require('./a')\nrequire('./lang/' + name)\nrequire(`./${x}`)\nrequire(\n  path,\n  opts)\nrequire()");
        Assert.Equal([new RequireCall("./a", 1)], scan.Static);
        Assert.Equal(
            [
                new DynamicRequire("pkg/index.js", 2, "'./lang/' + name"),
                new DynamicRequire("pkg/index.js", 3, "`./${x}`"),
                new DynamicRequire("pkg/index.js", 4, "path, opts"),
                new DynamicRequire("pkg/index.js", 7, ""),
            ],
            scan.Dynamic);
        var d = scan.Dynamic[0].ToDiagnostic();
        Assert.Equal(("IPM6003", "pkg/index.js", 2), (d.Code, d.File, d.Line));
        Assert.StartsWith("pkg/index.js(2): warning IPM6003: require('./lang/' + name) has a computed argument", d.ToString(), StringComparison.Ordinal);
    }
}
