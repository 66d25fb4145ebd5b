using Bundler.Core.Diagnostics;

namespace Bundler.Core.Generation;

/// <summary>
/// Which top-level packages the <c>iotjs</c> template set can register as IoT.js builtin modules, so that
/// <c>require('echotest')</c> works from any script before the <c>ipm</c> loader has been loaded.
/// IoT.js uses a builtin's name as a C identifier and CMake variable (<c>ENABLE_MODULE_NAME</c>) and its
/// js2c emits <c>NAME_s</c> arrays, so only lower-case identifiers qualify; a name IoT.js already has
/// would collide in its build (the later modules.json entry silently wins).
/// </summary>
internal static class IotjsBuiltins
{
    /// <summary>
    /// Module names of IoT.js 1.0's own <c>src/modules.json</c> (enabled or not, they are taken), plus the
    /// names IoT.js reserves in its JavaScript (<c>builtin</c>, <c>iotjs</c>) and js2c's snapshot array.
    /// </summary>
    public static readonly IReadOnlySet<string> CoreModules = new SortedSet<string>(StringComparer.Ordinal)
    {
        "adc", "assert", "ble", "ble_characteristic", "ble_descriptor", "ble_hci_socket",
        "ble_hci_socket_acl_stream", "ble_hci_socket_bindings", "ble_hci_socket_crypto", "ble_hci_socket_gap",
        "ble_hci_socket_gatt", "ble_hci_socket_hci", "ble_hci_socket_hci_status", "ble_hci_socket_mgmt",
        "ble_hci_socket_smp", "ble_primary_service", "ble_uuid_util", "bridge", "buffer", "console",
        "constants", "crypto", "dgram", "dns", "events", "fs", "gpio", "http", "http_client", "http_common",
        "http_incoming", "http_outgoing", "http_parser", "http_server", "http_signature", "https", "i2c",
        "iotjs_basic_modules", "iotjs_core_modules", "module", "mqtt", "napi", "net", "process", "pwm", "spi",
        "stm32f4dis", "stm32f7nucleo", "stream", "stream_duplex", "stream_internal", "stream_readable",
        "stream_writable", "tcp", "timers", "tizen", "tls", "uart", "udp", "util", "websocket",
        "builtin", "iotjs", "iotjs_js_modules",
    };

    /// <summary>The modules the set itself defines: the loader and the application runner.</summary>
    public static readonly IReadOnlySet<string> SetModules = new SortedSet<string>(StringComparer.Ordinal) { "ipm", "ipm_main" };

    /// <summary>
    /// True when <paramref name="name"/> can name an IoT.js module: IoT.js requires lower case (its CMake
    /// lowers names), and js2c's <c>NAME_s</c> arrays need a C identifier, so no leading digit.
    /// </summary>
    public static bool IsValidName(string name)
    {
        if (name.Length == 0 || name[0] is >= '0' and <= '9')
        {
            return false;
        }

        foreach (var c in name)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '_'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A name that is valid but already taken by IoT.js or by the set's own modules.</summary>
    public static bool IsTaken(string name) => CoreModules.Contains(name) || SetModules.Contains(name);

    /// <summary>The profile line that enables module <paramref name="name"/>.</summary>
    public static string EnableMacro(string name) => "ENABLE_MODULE_" + name.ToUpperInvariant();

    /// <summary>True for the copy of a package installed at the top of the tree, the one a bare name finds.</summary>
    public static bool IsTopLevel(ModulePackage p) => string.Equals(p.Directory, "/node_modules/" + p.Name, StringComparison.Ordinal);

    /// <summary>
    /// The per-package template values: <c>isTopLevel</c>; <c>builtinName</c> (the name, when the package is
    /// top-level and can be a builtin; else null); <c>builtinEnableMacro</c> (its profile line, or null);
    /// <c>builtinClash</c> (top-level with a valid name IoT.js or the set already uses).
    /// </summary>
    public static Dictionary<string, object?> Values(ModulePackage p)
    {
        var candidate = IsTopLevel(p) && IsValidName(p.Name);
        var builtin = candidate && !IsTaken(p.Name);
        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["isTopLevel"] = IsTopLevel(p),
            ["builtinName"] = builtin ? p.Name : null,
            ["builtinEnableMacro"] = builtin ? EnableMacro(p.Name) : null,
            ["builtinClash"] = candidate && !builtin,
        };
    }

    /// <summary>
    /// Warns about each top-level package whose name IoT.js already uses (it gets no builtin, and a bare
    /// require of that name inside the bundle gives IoT.js's module, as Node gives its core modules), and
    /// notes in the details which packages are reached only through the loader.
    /// </summary>
    public static void Report(ModuleTable table, IBundleLog log)
    {
        foreach (var p in table.Packages.Where(IsTopLevel).OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            if (!IsValidName(p.Name))
            {
                log.Detail($"iotjs: {p.Name}@{p.Version} is not a valid builtin name; scripts reach it with require('{p.Name}') once 'ipm' is loaded");
            }
            else if (IsTaken(p.Name))
            {
                log.Report(Messages.IotjsBuiltinClash($"{p.Name}@{p.Version}", p.Name, SetModules.Contains(p.Name) ? "ipm" : "IoT.js"));
            }
        }

        if (table.Entry is null)
        {
            log.Detail("iotjs: no entry file; 'iotjs ipm_main' will report that there is nothing to run");
        }
    }
}
