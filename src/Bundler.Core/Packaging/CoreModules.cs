namespace Bundler.Core.Packaging;

/// <summary>
/// Module names the engine itself provides: IoT.js's built-in modules and Node's (<c>require('module').builtinModules</c>
/// of Node 20, plus anything written <c>node:x</c>). A <c>require</c> of one of these that no bundled package answers
/// is left to the engine, without a warning: packages written for Node ask for <c>fs</c> or <c>util</c>, and on
/// IoT.js the firmware enables those modules or the call fails at run time, as it would without a bundle.
/// </summary>
internal static class CoreModules
{
    private static readonly HashSet<string> Names = new(StringComparer.Ordinal)
    {
        // Node 20.
        "_http_agent", "_http_client", "_http_common", "_http_incoming", "_http_outgoing", "_http_server",
        "_stream_duplex", "_stream_passthrough", "_stream_readable", "_stream_transform", "_stream_wrap",
        "_stream_writable", "_tls_common", "_tls_wrap", "assert", "assert/strict", "async_hooks", "buffer",
        "child_process", "cluster", "console", "constants", "crypto", "dgram", "diagnostics_channel", "dns",
        "dns/promises", "domain", "events", "fs", "fs/promises", "http", "http2", "https", "inspector",
        "inspector/promises", "module", "net", "os", "path", "path/posix", "path/win32", "perf_hooks", "process",
        "punycode", "querystring", "readline", "readline/promises", "repl", "stream", "stream/consumers",
        "stream/promises", "stream/web", "string_decoder", "sys", "timers", "timers/promises", "tls",
        "trace_events", "tty", "url", "util", "util/types", "v8", "vm", "wasi", "worker_threads", "zlib",

        // IoT.js 1.0 modules that Node does not have (src/modules.json of IoT.js).
        "adc", "ble", "bridge", "gpio", "i2c", "mqtt", "pwm", "spi", "stm32f4dis", "tizen", "uart", "websocket",
    };

    /// <summary>True when <paramref name="request"/> names a module the engine provides.</summary>
    public static bool IsCore(string request) =>
        request.StartsWith("node:", StringComparison.Ordinal) || Names.Contains(request);

    /// <summary>Every name known here, for tests and documentation.</summary>
    public static IReadOnlyCollection<string> All => Names;
}
