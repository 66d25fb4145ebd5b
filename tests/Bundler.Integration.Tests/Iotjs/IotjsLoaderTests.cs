using Bundler.Testing;

namespace Bundler.Integration.Tests.Iotjs;

/// <summary>
/// js/ipm.js and the builtins it comes with, run under Node as IoT.js would run them (iotjs-emulator.js) over
/// the bytes the generated C really holds, compared with Node itself running the same files from disk.
/// </summary>
[Collection(IotjsBundleCollection.Name)]
public sealed class IotjsLoaderTests(IotjsBundleFixture bundle)
{
    [Fact]
    public void Ipm_main_runs_the_application_as_node_runs_the_same_tree()
    {
        var expected = bundle.RunWithNode(Path.Combine(bundle.Tree, "app", "main.js"));
        var actual = bundle.Emulate("main").EnsureSuccess("iotjs ipm_main (emulated)").StdOut;
        Assert.Equal(expected, actual);

        // The oracle saw what the test is about, not an empty run.
        Assert.Contains("alpha 1.0.0 has beta 2.0.0; the app has beta 1.0.0", actual, StringComparison.Ordinal);
        Assert.Contains("in main, a.done = true, b.done = true", actual, StringComparison.Ordinal);
        Assert.Contains("utf8: héllo ✓ 中文 😀 ok", actual, StringComparison.Ordinal);
        Assert.Contains("app dirname /app filename /app/main.js", actual, StringComparison.Ordinal);
        Assert.Contains("missing: MODULE_NOT_FOUND", actual, StringComparison.Ordinal);
    }

    [Fact]
    public void A_user_script_on_an_empty_file_system_requires_bundled_packages_as_node_does()
    {
        var script = Path.Combine(bundle.Tree, "user.js");
        File.WriteAllText(script, IotjsFixturePackages.UserScript);
        var expected = bundle.RunWithNode(script);
        var elsewhere = Path.Combine(bundle.Scratch("user"), "user.js");
        File.WriteAllText(elsewhere, IotjsFixturePackages.UserScript);
        var actual = bundle.Emulate("script", elsewhere).EnsureSuccess("iotjs user.js (emulated)").StdOut;
        Assert.Equal(expected, actual);
        Assert.Contains("hi user from @scope/x true", actual, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_builtin_loaded_first_iotjs_alone_cannot_see_names_that_are_not_builtins()
    {
        var result = EmulateScript("scoped-first", "console.log(require('@scope/x').text);\n");
        Assert.Contains("uncaught: Module not found: @scope/x", result.StdOut, StringComparison.Ordinal);

        var afterIpm = EmulateScript("ipm-first", "require('ipm'); console.log(require('@scope/x').greet('late'));\n");
        Assert.Equal("hi late from @scope/x true\n", afterIpm.EnsureSuccess("emulated").StdOut);
    }

    [Fact]
    public void A_package_named_like_an_iotjs_module_is_reached_through_ipm_and_the_bare_name_stays_iotjs()
    {
        var result = EmulateScript("clash", """
            var ipm = require('ipm');
            console.log(ipm.require('events').bundled + ' ' + typeof require('events').EventEmitter);
            console.log(ipm.resolve('events') + ' ' + ipm.resolve('./lib/sub/file', '/node_modules/deep'));
            """).EnsureSuccess("emulated");
        Assert.Equal("true function\n/node_modules/events/index.js /node_modules/deep/lib/sub/file.js\n", result.StdOut);
        Assert.Contains("warning IPM8020: package events@1.0.0", bundle.Bundle.All, StringComparison.Ordinal);
        Assert.Contains("require('ipm').require('events')", bundle.Bundle.All, StringComparison.Ordinal);
    }

    [Fact]
    public void Ipm_lists_the_table_and_a_failing_module_is_retried()
    {
        var result = EmulateScript("listing", """
            var ipm = require('ipm');
            var packages = ipm.packages();
            console.log(ipm.files().length + ' ' + packages.length + ' ' + ipm.lockDigest.substring(0, 7));
            console.log(packages.map(function (p) { return p.name + '@' + p.version + ' ' + p.main; }).join('\n'));
            try { ipm.require(''); } catch (e) { console.log(e.name); }
            try { ipm.require('nope'); } catch (e) { console.log(e.code + ' ' + e.message); }
            for (var i = 0; i < 2; i++) {
              try { ipm.require('deep/bad.json'); } catch (e) { console.log(e.message.indexOf('/node_modules/deep/bad.json: ') + ' ' + ('/node_modules/deep/bad.json' in ipm.cache)); }
            }
            """).EnsureSuccess("emulated");
        var lines = result.StdOut.Split('\n');
        var packageLines = File.ReadAllLines(bundle.Listing).Count(l => l.StartsWith("package\t", StringComparison.Ordinal));
        Assert.Equal($"{bundle.Files.Count} {packageLines} sha512-", lines[0]);
        Assert.Contains("beta@2.0.0 /node_modules/alpha/node_modules/beta/index.js", lines);
        Assert.Contains("alpha@1.0.0 /node_modules/alpha/lib/main.js", lines);
        Assert.Contains("TypeError", lines);
        Assert.Contains("MODULE_NOT_FOUND Cannot find module 'nope' from '/'", lines);

        // A file that does not parse is named in the message and not cached, so each require tries again.
        Assert.Equal(2, lines.Count(l => l == "0 false"));
    }

    private ProcessResult EmulateScript(string name, string text)
    {
        var script = Path.Combine(bundle.Scratch(name), "script.js");
        File.WriteAllText(script, text);
        return bundle.Emulate("script", script);
    }
}
