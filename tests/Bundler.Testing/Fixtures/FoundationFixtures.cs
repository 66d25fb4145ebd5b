namespace Bundler.Testing;

/// <summary>
/// A small published world for end-to-end tests: <c>fx-app</c> depends on <c>fx-a@^1</c>, <c>fx-b@^1</c> and
/// <c>@fx/text</c>; <c>fx-b</c> depends on <c>fx-a@^2</c> (a conflict npm resolves by nesting a second fx-a under
/// fx-b) and <c>fx-c@~1.1.0</c>. Every module computes its exports when loaded, so running fx-app proves each
/// file arrived and every require() found the right copy. The JavaScript is ES5 and CommonJS (Duktape, JerryScript).
/// The names starting with <c>fx-</c> and the scope <c>@fx</c> are reserved for this set.
/// </summary>
public static class FoundationFixtures
{
    public const string AppName = "fx-app";

    public const string AppRange = "^1.0.0";

    /// <summary>
    /// <c>JSON.stringify(require('fx-app'))</c>, worked out by hand from the sources below: a = fib(10) from the
    /// hoisted fx-a 1.2.0; b = factorial(5) from fx-b's nested fx-a 2.0.0 + 7*7 from fx-c 1.1.3; label = pad(55+169, 6).
    /// </summary>
    public const string ExpectedAppJson =
        "{\"name\":\"fx-app\",\"a\":55,\"aVersion\":\"1.2.0\",\"b\":169,\"bUsesA\":\"2.0.0\",\"bUsesC\":\"1.1.3\"," +
        "\"label\":\"000224\",\"currency\":\"\u20ac\",\"note\":\"slashes // and /* stars */ stay\"}";

    /// <summary>
    /// Where npm puts each package when a project depends on <c>fx-app@^1.0.0</c> (hand-written from npm's documented
    /// placement: as high as possible, a conflicting version nested under its dependent). Ordered by path.
    /// fx-a 2.1.0-beta.1 is not picked for ^2.0.0 (a prerelease); fx-c 1.0.0 is deprecated but out of range anyway.
    /// </summary>
    public static IReadOnlyList<(string Path, string Name, string Version)> ExpectedTree { get; } =
    [
        ("node_modules/@fx/text", "@fx/text", "1.0.0"),
        ("node_modules/fx-a", "fx-a", "1.2.0"),
        ("node_modules/fx-app", "fx-app", "1.0.0"),
        ("node_modules/fx-b", "fx-b", "1.0.0"),
        ("node_modules/fx-b/node_modules/fx-a", "fx-a", "2.0.0"),
        ("node_modules/fx-c", "fx-c", "1.1.3"),
    ];

    /// <summary>A fresh copy of the whole set (10 versions of 5 packages); safe to modify.</summary>
    public static IReadOnlyList<FixturePackage> All() =>
    [
        App(),
        FxA("1.0.0", "fib", 5),
        FxA("1.2.0", "fib", 10),
        FxA("2.0.0", "factorial", 5),
        FxA("2.1.0-beta.1", "factorial", 6),
        FxB(),
        FxC("1.0.0", 5).Deprecated("fx-c 1.0.0 squares the wrong number; use 1.1 or later"),
        FxC("1.1.0", 6),
        FxC("1.1.3", 7),
        Text(),
    ];

    private static FixturePackage App() => new FixturePackage(AppName, "1.0.0")
        .DependsOn("fx-a", "^1.0.0")
        .DependsOn("fx-b", "^1.0.0")
        .DependsOn("@fx/text", "^1.0.0")
        .WithFile("index.js", """
            'use strict';
            var a = require('fx-a');
            var b = require('fx-b');
            var text = require('@fx/text');

            module.exports = {
              name: 'fx-app',
              a: a.value,
              aVersion: a.version,
              b: b.value,
              bUsesA: b.aVersion,
              bUsesC: b.cVersion,
              label: text.pad(a.value + b.value, 6),
              currency: text.currency,
              // A naive comment stripper breaks the next string.
              note: 'slashes // and /* stars */ stay'
            };

            """);

    private static FixturePackage FxA(string version, string function, int argument)
    {
        var body = function == "fib"
            ? "function fib(n) {\n  var a = 0, b = 1, i, t;\n  for (i = 0; i < n; i++) {\n    t = a + b;\n    a = b;\n    b = t;\n  }\n  return a;\n}\n"
            : "function factorial(n) {\n  return n <= 1 ? 1 : n * factorial(n - 1);\n}\n";
        return new FixturePackage("fx-a", version).WithFile("index.js",
            $"'use strict';\n{body}\nmodule.exports = {{ name: 'fx-a', version: '{version}', value: {function}({argument}) }};\n");
    }

    private static FixturePackage FxB() => new FixturePackage("fx-b", "1.0.0")
        .DependsOn("fx-a", "^2.0.0")
        .DependsOn("fx-c", "~1.1.0")
        .WithFile("index.js", """
            'use strict';
            var a = require('fx-a');
            var c = require('fx-c');

            module.exports = {
              name: 'fx-b',
              version: '1.0.0',
              aVersion: a.version,
              cVersion: c.version,
              value: a.value + c.value
            };

            """);

    private static FixturePackage FxC(string version, int argument) => new FixturePackage("fx-c", version)
        .WithMain("lib/c.js")
        .WithFile("lib/c.js",
            $"'use strict';\nvar square = require('./helpers/square');\n\nmodule.exports = {{ name: 'fx-c', version: '{version}', value: square({argument}) }};\n")
        .WithFile("lib/helpers/square.js", "'use strict';\nmodule.exports = function square(n) {\n  return n * n;\n};\n");

    private static FixturePackage Text() => new FixturePackage("@fx/text", "1.0.0")
        .WithMain("lib/index.js")
        .WithFile("lib/index.js", """
            'use strict';
            var pad = require('./pad.js');

            // Non-ASCII on purpose: the euro sign is 3 bytes in UTF-8 but 1 character, so a bundler that counts
            // characters instead of bytes cuts this file short.
            module.exports = { name: '@fx/text', version: '1.0.0', pad: pad, currency: '€' };

            """)
        .WithFile("lib/pad.js", """
            'use strict';
            module.exports = function pad(value, width) {
              var s = String(value);
              while (s.length < width) {
                s = '0' + s;
              }
              return s;
            };

            """);
}
