using System.Text.Json;
using System.Text.Json.Nodes;

namespace Bundler.Testing;

/// <summary>
/// Runs JavaScript with real node, with the tools folder's packages (semver, acorn, terser, ...) resolvable by
/// <c>require</c> from anywhere (NODE_PATH). Oracle tests batch their questions into one call: starting node
/// costs a tenth of a second, answering a thousand semver questions costs less.
/// </summary>
public static class NodeRunner
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(2);

    // console.log goes to stderr so only the result is on stdout. A rejected promise or a throw exits 1 with the stack.
    private const string Wrapper = """
        'use strict';
        console.log = console.error;
        var chunks = [];
        process.stdin.on('data', function (c) { chunks.push(c); });
        process.stdin.on('end', function () {
          var input = JSON.parse(Buffer.concat(chunks).toString('utf8'));
          Promise.resolve().then(function () { return run(input); }).then(function (result) {
            process.stdout.write(JSON.stringify(result === undefined ? null : result));
          }, function (e) {
            process.stderr.write(String(e && e.stack || e) + '\n');
            process.exitCode = 1;
          });
        });
        function run(input) {
        """;

    /// <summary>
    /// Runs <paramref name="functionBody"/> as the body of <c>function run(input) { ... }</c> with the JSON
    /// <paramref name="input"/>, and returns what it returns (or resolves to) as JSON.
    /// Example: <c>Evaluate("return require('semver').satisfies(input.v, input.r);", new JsonObject { ... })</c>.
    /// </summary>
    public static JsonNode? Evaluate(string functionBody, JsonNode? input, TimeSpan? timeout = null)
    {
        using var dir = new TempDirectory("ipm-node");
        var script = dir.Write("run.js", Wrapper.ReplaceLineEndings("\n") + "\n" + functionBody + "\n}\n");
        var result = RunFile(script, [], (input?.ToJsonString() ?? "null"), timeout: timeout);
        result.EnsureSuccess("node " + Path.GetFileName(script));
        return JsonNode.Parse(result.StdOut);
    }

    /// <summary><see cref="Evaluate(string, JsonNode?, TimeSpan?)"/> with .NET values serialized to and from JSON.</summary>
    public static TResult Evaluate<TInput, TResult>(string functionBody, TInput input, TimeSpan? timeout = null)
    {
        var node = Evaluate(functionBody, JsonSerializer.SerializeToNode(input), timeout);
        return node.Deserialize<TResult>() ?? throw new InvalidOperationException("node returned null");
    }

    /// <summary>Runs a script file (stdin optional); the caller checks the exit code.</summary>
    public static ProcessResult RunFile(string scriptPath, IEnumerable<string> args, string? stdin = null,
        string? workingDirectory = null, TimeSpan? timeout = null) =>
        ProcessRunner.Run(ToolLocator.Node, [scriptPath, .. args], workingDirectory ?? Path.GetDirectoryName(scriptPath),
            Environment(), timeout ?? DefaultTimeout, stdin);

    /// <summary>The environment that makes the tools folder's packages resolvable; use it to run node yourself.</summary>
    public static IDictionary<string, string?> Environment() => new Dictionary<string, string?>(StringComparer.Ordinal)
    {
        ["NODE_PATH"] = ToolLocator.ToolsNodeModules,
        // Options a developer set for their own node (inspectors, loaders) must not change an oracle's answer.
        ["NODE_OPTIONS"] = null,
    };
}
