using Bundler.Core.Generation;
using Bundler.Testing;

namespace Bundler.Integration.Tests.Generation;

/// <summary>A hand-made bundle, generated and built into samples/host-firmware with its own Makefile.</summary>
public sealed class DuktapeHostFixture : IDisposable
{
    private readonly TempDirectory _temp = new("ipm-host");

    public DuktapeHostFixture()
    {
        try
        {
            var files = new List<ModuleFile>
            {
                GeneratedC.File("/app/main.js", """
                    console.log('main starting');
                    var a = require('a');
                    var b = require('b');
                    console.log('a: ' + a.name + ' ' + a.version + ', its b: ' + a.b.version);
                    console.log('b: ' + b.version + ', same instance: ' + (require('b') === b));
                    var config = require('./config');
                    console.log('config: ' + config.answer + ' ' + config.list.length + ' ' + typeof config.list);
                    var x = require('./cycle/x');
                    var y = require('./cycle/y');
                    console.log('in main, x.done = ' + x.done + ', y.done = ' + y.done);
                    console.log('dirname: ' + __dirname + ' filename: ' + __filename);
                    console.log('a dirname: ' + a.dirname + ', this === exports: ' + a.thisIsExports);
                    console.log('resolve: ' + require.resolve('a') + ' ' + require.resolve('./config'));
                    console.log('main: ' + (require.main === module) + ' ' + module.id);
                    console.log('scoped: ' + require('@s/c').hello());
                    console.log('utf8: ' + require('./utf8').text + ' ' + require('./utf8').text.length);
                    print('print works');
                    """),
                GeneratedC.File("/app/config.json", """{ "answer": 42, "list": [1, 2, 3] }"""),

                // The cycle example of Node's documentation (modules.md, "Cycles"), with string concatenation.
                GeneratedC.File("/app/cycle/x.js", """
                    console.log('x starting');
                    exports.done = false;
                    var y = require('./y.js');
                    console.log('in x, y.done = ' + y.done);
                    exports.done = true;
                    console.log('x done');
                    """),
                GeneratedC.File("/app/cycle/y.js", """
                    console.log('y starting');
                    exports.done = false;
                    var x = require('./x.js');
                    console.log('in y, x.done = ' + x.done);
                    exports.done = true;
                    console.log('y done');
                    """),
                GeneratedC.File("/app/utf8.js", "exports.text = 'héllo ✓';\n"),
                GeneratedC.File("/app/throws.js", "console.log('before');\nthrow new Error('boom from throws');\n"),
                GeneratedC.File("/app/bad.json", "{ nope"),
                GeneratedC.File("/app/missing.js", "require('not-installed');\n"),
                GeneratedC.File("/app/state.js", "exports.n = 0;\n"),
                GeneratedC.File("/app/throws-once.js", """
                    var state = require('./state');
                    state.n++;
                    if (state.n === 1) { throw new Error('first time'); }
                    exports.ok = 'second time ok';
                    """),
                GeneratedC.File("/app/retry.js", """
                    try { require('./throws-once'); } catch (e) { console.log('caught ' + e.message); }
                    console.log(require('./throws-once').ok);
                    """),
                GeneratedC.File("/app/shebang.js", "#!/usr/bin/env node\nconsole.log('shebang ok ' + typeof module.exports);\n"),
                GeneratedC.File("/app/bom.js", "\uFEFFconsole.log('bom ok ' + require('./bom.json').v);\n"),
                GeneratedC.File("/app/bom.json", "\uFEFF{\"v\": 7}"),
                GeneratedC.File("/app/replace.js", "module.exports = function () { return 'replaced exports'; };\n"),
                GeneratedC.File("/app/use-replace.js", "console.log(require('./replace')());\n"),
                GeneratedC.File("/node_modules/a/package.json", """{"name":"a","version":"1.0.0","main":"lib/a"}"""),
                GeneratedC.File("/node_modules/a/lib/a.js", """
                    exports.name = 'a';
                    exports.version = require('../package.json').version;
                    exports.b = require('b');
                    exports.dirname = __dirname;
                    exports.thisIsExports = this === exports;
                    """),
                GeneratedC.File("/node_modules/a/node_modules/b/package.json", """{"name":"b","version":"2.0.0"}"""),
                GeneratedC.File("/node_modules/a/node_modules/b/index.js", "exports.version = require('./package.json').version;\n"),
                GeneratedC.File("/node_modules/b/package.json", """{"name":"b","version":"1.0.0"}"""),
                GeneratedC.File("/node_modules/b/index.js", "exports.version = require('./package.json').version;\n"),
                GeneratedC.File("/node_modules/@s/c/package.json", """{"name":"@s/c","version":"0.1.0"}"""),
                GeneratedC.File("/node_modules/@s/c/index.js", "exports.hello = function () { return 'hello from ' + require('./package.json').name; };\n"),
            };
            Table = new ModuleTable(GeneratedC.PackagesOf(files), files, "sha512-host", "ipm host-test", "/app/main.js");
            Host = Build(Table, "main");
            NoEntryHost = Build(Table with { Entry = null }, "noentry");
        }
        catch
        {
            // xunit does not dispose a fixture whose constructor threw.
            _temp.Dispose();
            throw;
        }
    }

    internal ModuleTable Table { get; }

    public string Host { get; }

    public string NoEntryHost { get; }

    public string Temp(string name) => _temp.Combine(name);

    public ProcessResult Run(params string[] args) =>
        ProcessRunner.Run(Host, args, workingDirectory: _temp.Path, timeout: TimeSpan.FromSeconds(30));

    public void Dispose() => _temp.Dispose();

    private string Build(ModuleTable table, string name)
    {
        var gen = GeneratedC.Generate(table, _temp.Combine(name, "gen"));
        var bin = _temp.Combine(name, "host-firmware");
        ProcessRunner.Run("make", ["-C", Path.Combine(RepoPaths.Samples, "host-firmware"), "GEN=" + gen, "BIN=" + bin])
            .EnsureSuccess("make host-firmware");
        return bin;
    }
}

public sealed class DuktapeHostTests(DuktapeHostFixture fixture) : IClassFixture<DuktapeHostFixture>
{
    [Fact]
    public void Runs_the_entry_with_nested_versions_json_cycles_and_dirname()
    {
        var result = fixture.Run().EnsureSuccess("host-firmware");
        Assert.Equal("""
            main starting
            a: a 1.0.0, its b: 2.0.0
            b: 1.0.0, same instance: true
            config: 42 3 object
            x starting
            y starting
            in y, x.done = false
            y done
            in x, y.done = true
            x done
            in main, x.done = true, y.done = true
            dirname: /app filename: /app/main.js
            a dirname: /node_modules/a/lib, this === exports: true
            resolve: /node_modules/a/lib/a.js /app/config.json
            main: true .
            scoped: hello from @s/c
            utf8: héllo ✓ 7
            print works

            """.ReplaceLineEndings("\n"), result.StdOut);
        Assert.Equal("", result.StdErr);
    }

    [Fact]
    public void Prints_what_node_prints_for_the_same_tree()
    {
        var root = GeneratedC.WriteTree(fixture.Table, fixture.Temp("tree"));

        // Node has no print(); the host offers it as Duktape's command line does.
        var preload = fixture.Temp("print.js");
        File.WriteAllText(preload, "globalThis.print = console.log;\n");
        var node = ProcessRunner.Run("node", ["-r", preload, Path.Combine(root, "app", "main.js")]).EnsureSuccess("node");
        var host = fixture.Run().EnsureSuccess("host-firmware");
        Assert.Equal(node.StdOut.Replace(root, "", StringComparison.Ordinal), host.StdOut);

        // Requests given on the command line load from the root folder, in order, sharing one cache.
        string[] requests = ["./app/retry", "./app/shebang", "./app/bom", "./app/use-replace", "./app/cycle/y", "./app/cycle/x"];
        var script = "const r = require('module').createRequire(process.argv[1] + '/x.js'); process.argv.slice(2).forEach(q => r(q));";
        var nodeArgs = ProcessRunner.Run("node", ["-e", script, root, .. requests]).EnsureSuccess("node");
        var hostArgs = fixture.Run(requests).EnsureSuccess("host-firmware");
        Assert.Equal(nodeArgs.StdOut, hostArgs.StdOut);
        Assert.Contains("second time ok", hostArgs.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public void An_uncaught_error_goes_to_stderr_with_exit_code_1()
    {
        var result = fixture.Run("./app/throws");
        Assert.Equal(1, result.ExitCode);
        Assert.Equal("before\n", result.StdOut);
        Assert.Contains("boom from throws", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("/app/throws.js", result.StdErr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("./app/missing", "Cannot find module 'not-installed' from '/app'")]
    [InlineData("nope", "Cannot find module 'nope' from '/'")]
    [InlineData("./app/bad.json", "/app/bad.json")]
    public void Missing_modules_and_bad_json_fail_clearly(string request, string message)
    {
        var result = fixture.Run(request);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains(message, result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_an_entry_and_without_arguments_it_says_so()
    {
        var result = ProcessRunner.Run(fixture.NoEntryHost, []);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no entry", result.StdErr, StringComparison.Ordinal);
        Assert.Equal("replaced exports\n", ProcessRunner.Run(fixture.NoEntryHost, ["./app/use-replace"]).EnsureSuccess("host").StdOut);
    }
}
