using Bundler.Testing;

namespace Bundler.Integration.Tests.Iotjs;

/// <summary>
/// The tree the loader tests bundle: relative requires, JSON, a nested copy of beta in a conflicting version,
/// a cycle, a scoped package, a deep path, a hyphenated name, non-ASCII literals (one beyond U+FFFF), and a
/// package named like an IoT.js core module. ES5 CommonJS only, as JerryScript's default profile needs.
/// </summary>
internal static class IotjsFixturePackages
{
    public const string AppManifest = """
        {
          "name": "iot-app",
          "version": "1.0.0",
          "private": true,
          "dependencies": {
            "@scope/x": "^1.0.0", "alpha": "^1.0.0", "beta": "^1.0.0", "cyc": "^1.0.0",
            "deep": "^1.0.0", "events": "^1.0.0", "left-pad": "^1.0.0"
          }
        }
        """;

    /// <summary>The application entry (project/app/main.js, so /app/main.js in the table).</summary>
    public const string AppMain = """
        var alpha = require('alpha');
        var beta = require('beta');
        console.log('alpha ' + alpha.version + ' has beta ' + alpha.beta.version + '; the app has beta ' + beta.version);
        console.log('alpha: ' + alpha.util + '; ' + alpha.scoped + '; its beta is ' + alpha.resolvedBeta);
        console.log('alpha dirname ' + alpha.dirname + ' filename ' + alpha.filename);
        console.log('app dirname ' + __dirname + ' filename ' + __filename);
        require('cyc');
        var file = require('deep/lib/sub/file');
        console.log('deep: ' + file.where + ' in ' + file.dir + '; main: ' + require('deep'));
        var data = require('deep/data.json');
        console.log('json: ' + data.n + ' ' + data.s + ' ' + data.s.length + ' ' + (require('deep/data') === data));
        var x = require('@scope/x');
        console.log('utf8: ' + x.text + ' ' + x.text.length + ' ' + x.text.charCodeAt(10) + ' ' + x.text.charCodeAt(11));
        console.log('resolve: ' + require.resolve('alpha') + ' ' + require.resolve('deep/data') + ' ' + require.resolve('@scope/x'));
        console.log('cache: ' + (require.resolve('alpha') in require.cache) + ', same beta: ' + (require('beta') === beta));
        console.log('main: ' + (require.main === module) + ' ' + module.id + '; left-pad: ' + require('left-pad')(7, 3, '0'));
        console.log('core events: ' + typeof require('events').EventEmitter);
        try { require('not-there'); } catch (e) { console.log('missing: ' + e.code); }
        """;

    /// <summary>A user script run from an otherwise empty file system (see the IoT.js hand check in the README).</summary>
    public const string UserScript = """
        var alpha = require('alpha');
        console.log('alpha ' + alpha.version + ' with beta ' + alpha.beta.version);
        console.log(require('@scope/x').greet('user'));
        console.log('left-pad ' + require('left-pad')('5', 2, '0'));
        console.log('deep ' + require('deep/lib/sub/file').where + ' ' + require('deep/data.json').s);
        console.log('beta ' + require('beta').version);
        """;

    public static IReadOnlyList<FixturePackage> All() =>
    [
        new FixturePackage("@scope/x", "1.0.0")
            .WithFile("index.js", """
                exports.text = 'h\u00e9llo \u2713 \u4e2d\u6587 ' + '\ud83d\ude00' + ' ok';
                exports.literal = 'héllo ✓ 中文 😀 ok';
                exports.greet = function (who) { return 'hi ' + who + ' from ' + require('./package.json').name + ' ' + (exports.text === exports.literal); };
                """),
        new FixturePackage("alpha", "1.0.0").WithMain("lib/main.js")
            .DependsOn("beta", "^2.0.0").DependsOn("@scope/x", "^1.0.0")
            .WithFile("lib/main.js", """
                var util = require('./util');
                exports.version = require('../package.json').version;
                exports.beta = require('beta');
                exports.resolvedBeta = require.resolve('beta');
                exports.util = util.kind;
                exports.scoped = require('@scope/x').greet('alpha');
                exports.dirname = __dirname;
                exports.filename = __filename;
                """)
            .WithFile("lib/util.js", "exports.kind = 'util with data ' + require('./data').n + ' ' + require('./data.json').list.length;\n")
            .WithFile("lib/data.json", "{ \"n\": 1, \"list\": [1, 2, 3] }\n"),
        new FixturePackage("beta", "1.0.0"),
        new FixturePackage("beta", "2.0.0"),

        // Node's documentation example of a cycle (modules.md, "Cycles").
        new FixturePackage("cyc", "1.0.0")
            .WithFile("index.js", """
                console.log('main starting');
                var a = require('./a.js');
                var b = require('./b.js');
                console.log('in main, a.done = ' + a.done + ', b.done = ' + b.done);
                """)
            .WithFile("a.js", """
                console.log('a starting');
                exports.done = false;
                var b = require('./b.js');
                console.log('in a, b.done = ' + b.done);
                exports.done = true;
                console.log('a done');
                """)
            .WithFile("b.js", """
                console.log('b starting');
                exports.done = false;
                var a = require('./a.js');
                console.log('in b, a.done = ' + a.done);
                exports.done = true;
                console.log('b done');
                """),
        new FixturePackage("deep", "1.0.0")
            .WithFile("index.js", "module.exports = 'deep main';\n")
            .WithFile("lib/sub/file.js", "exports.where = 'deep file'; exports.dir = __dirname;\n")
            .WithFile("data.json", "{ \"n\": 7, \"s\": \"grüße 😀\" }\n")
            .WithFile("bad.json", "{ nope\n"),
        new FixturePackage("events", "1.0.0").WithFile("index.js", "exports.bundled = true;\n"),
        new FixturePackage("left-pad", "1.0.0").WithFile("index.js", """
            module.exports = function (s, n, c) { s = String(s); while (s.length < n) { s = c + s; } return s; };
            """),
    ];
}
