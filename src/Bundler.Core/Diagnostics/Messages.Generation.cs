namespace Bundler.Core.Diagnostics;

// Generation (IPM8xxx): template sets, the module table handed to the generator, and the output folder.
public static partial class Messages
{
    public static Diagnostic UnknownTemplateSet(string nameOrPath, IEnumerable<string> available) =>
        Error("IPM8001", $"unknown template set '{nameOrPath}': not a shipped set ({string.Join(", ", available)}) and not an existing folder");

    public static Diagnostic EmptyTemplateSet(string folder) =>
        Error("IPM8002", $"template folder '{folder}' has no *.hbs templates and no template.json");

    public static Diagnostic TemplateSyntax(string file, string why) =>
        Error("IPM8003", $"template '{file}' does not compile: {why}");

    public static Diagnostic TemplateRender(string file, string why) =>
        Error("IPM8004", $"template '{file}' failed to render: {why}");

    public static Diagnostic TemplateManifestInvalid(string file, string why) =>
        Error("IPM8005", $"template manifest '{file}' is invalid: {why}");

    public static Diagnostic InvalidVirtualPath(string path, string why) =>
        Error("IPM8006", $"invalid bundle path '{path}': {why}");

    public static Diagnostic DuplicateVirtualPath(string path) =>
        Error("IPM8007", $"bundle path '{path}' is listed twice in the module table");

    public static Diagnostic DuplicatePackageDirectory(string directory) =>
        Error("IPM8008", $"two packages share the bundle folder '{directory}'");

    public static Diagnostic MainNotInTable(string package, string main) =>
        Error("IPM8009", $"package {package}: main file '{main}' is not among the bundled files");

    public static Diagnostic EntryNotInTable(string entry) =>
        Error("IPM8010", $"entry '{entry}' is not among the bundled files");

    public static Diagnostic UnsafeOutputFolder(string path, string why) =>
        Error("IPM8011", $"refusing to replace output folder '{path}': {why}");

    public static Diagnostic DuplicateOutput(string path, string template) =>
        Error("IPM8012", $"template '{template}' writes '{path}', which another output already writes");

    public static Diagnostic InvalidTableText(string what, string why) =>
        Error("IPM8013", $"{what} cannot be written to C: {why}");

    public static Diagnostic IotjsBuiltinClash(string package, string name, string owner) =>
        Warning("IPM8020", $"package {package} is not registered as an IoT.js builtin: {owner} already has a module named '{name}', so require('{name}') gives {owner}'s module; reach the bundled package with require('ipm').require('{name}')");
}
