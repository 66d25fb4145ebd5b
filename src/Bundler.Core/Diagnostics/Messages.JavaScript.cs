namespace Bundler.Core.Diagnostics;

// JavaScript checks (IPM6xxx): the lexer, the require() scanner, the minifier and the syntax preflight.
public static partial class Messages
{
    /// <summary>The hint every ES2015+ finding carries, so the fix is in the message and not only in the README.</summary>
    public const string EsNextHint =
        "build IoT.js with --jerry-profile=es.next and bundle with the es.next engine profile, or use a version of the package that ships ES5";

    /// <summary>A package file uses syntax the engine profile rejects (JerryScript's es5.1 profile).</summary>
    public static Diagnostic UnsupportedSyntax(string file, int line, string construct, string profile) =>
        Error("IPM6001", $"{construct} is not supported by the {profile} engine profile; {EsNextHint}")
            with { File = file, Line = line };

    /// <summary>ES module syntax: IoT.js loads CommonJS modules only, under every profile.</summary>
    public static Diagnostic EsModuleSyntax(string file, int line, string construct) =>
        Error("IPM6002", $"{construct} is ES module syntax, which IoT.js cannot load (it runs CommonJS modules); use a CommonJS build of the package")
            with { File = file, Line = line };

    /// <summary>A <c>require(...)</c> whose argument is not a literal, so the files it loads cannot be followed.</summary>
    public static Diagnostic DynamicRequire(string file, int line, string argument) =>
        Warning("IPM6003", $"require({argument}) has a computed argument, so the file it loads cannot be found by scanning; list the files it needs in the module's Files if they are missing on the device")
            with { File = file, Line = line };

    /// <summary>The lexer could not read a file (unterminated literal, unbalanced bracket, stray character).</summary>
    public static Diagnostic JavaScriptSyntaxError(string file, int line, string what) =>
        Error("IPM6004", $"cannot read JavaScript: {what}") with { File = file, Line = line };

    /// <summary>An engine profile name other than <c>es5.1</c> and <c>es.next</c>.</summary>
    public static Diagnostic UnknownEngineProfile(string value) =>
        Error("IPM6005", $"unknown engine profile '{value}': expected es5.1 or es.next");
}
