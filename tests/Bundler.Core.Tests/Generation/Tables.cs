using System.Text;
using Bundler.Core.Generation;

namespace Bundler.Core.Tests.Generation;

/// <summary>Small module tables for generator tests.</summary>
internal static class Tables
{
    public static ModuleFile File(string path, string text) => new(path, Encoding.UTF8.GetBytes(text));

    public static ModuleTable Echotest() => new(
        [new ModulePackage("echotest", "0.0.1", "/node_modules/echotest", "/node_modules/echotest/index.js")],
        [
            File("/node_modules/echotest/index.js", "module.exports = function (x) { return x; };\n"),
            File("/node_modules/echotest/package.json", "{\"name\":\"echotest\",\"version\":\"0.0.1\"}\n"),
            File("/app/main.js", "console.log(require('echotest')('hi'));\n"),
        ],
        "sha512-AAAA",
        "ipm 0.1.0-test",
        "/app/main.js");
}
