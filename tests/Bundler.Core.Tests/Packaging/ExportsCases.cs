namespace Bundler.Core.Tests.Packaging;

/// <summary>
/// package.json shapes for the root of <c>exports</c>: the package.json fields, the package's other files, and
/// what <c>require('pkg')</c> should load here (<see cref="Main"/>), with <see cref="Warns"/> where Node throws and
/// the bundle falls back to main/index.js. Written from Node's documented algorithm; the differential test asks
/// real node the same questions.
/// </summary>
internal sealed record ExportsCase(string Name, string Fields, string[] Files, string? Main, bool Warns = false)
{
    public string PackageJson => "{\"name\":\"pkg\",\"version\":\"1.0.0\"" + (Fields.Length == 0 ? "" : "," + Fields) + "}";

    public override string ToString() => Name;

    private static readonly string[] Common = ["index.js", "main.js", "cjs.js", "esm.mjs", "d.js", "r.js", "n.js", "b.js", "lib/a.js", "lib/index.js", "data.json"];

    public static readonly ExportsCase[] All =
    [
        new("no exports: main", "\"main\":\"main.js\"", Common, "main.js"),
        new("no exports: main folder", "\"main\":\"lib\"", Common, "lib/index.js"),
        new("no exports, no main: index.js", "", Common, "index.js"),
        new("no exports, nothing to load", "", ["x.js"], null),
        new("exports null is absent", "\"main\":\"main.js\",\"exports\":null", Common, "main.js"),
        new("exports true exports nothing", "\"main\":\"main.js\",\"exports\":true", Common, "main.js", true),
        new("exports number exports nothing", "\"main\":\"main.js\",\"exports\":1", Common, "main.js", true),
        new("string", "\"exports\":\"./lib/a.js\"", Common, "lib/a.js"),
        new("string wins over main", "\"main\":\"main.js\",\"exports\":\"./cjs.js\"", Common, "cjs.js"),
        new("string json", "\"main\":\"main.js\",\"exports\":\"./data.json\"", Common, "data.json"),
        new("string without ./", "\"main\":\"main.js\",\"exports\":\"cjs.js\"", Common, "main.js", true),
        new("string absolute", "\"main\":\"main.js\",\"exports\":\"/cjs.js\"", Common, "main.js", true),
        new("string missing file", "\"main\":\"main.js\",\"exports\":\"./missing.js\"", Common, "main.js", true),
        new("string no extension guessing", "\"main\":\"main.js\",\"exports\":\"./lib/a\"", Common, "main.js", true),
        new("string folder is no file", "\"main\":\"main.js\",\"exports\":\"./lib\"", Common, "main.js", true),
        new("string trailing slash", "\"main\":\"main.js\",\"exports\":\"./lib/\"", Common, "main.js", true),
        new("string ./ alone", "\"exports\":\"./\"", Common, "index.js", true),
        new("string dot dot", "\"main\":\"main.js\",\"exports\":\"./lib/../cjs.js\"", Common, "main.js", true),
        new("string dot segment", "\"main\":\"main.js\",\"exports\":\"./lib/./a.js\"", Common, "main.js", true),
        new("string node_modules segment", "\"main\":\"main.js\",\"exports\":\"./Node_Modules/x/index.js\"", [.. Common, "Node_Modules/x/index.js"], "main.js", true),
        new("string empty segment is allowed", "\"exports\":\"./lib//a.js\"", Common, "lib/a.js"),
        new("string backslash is a separator", "\"exports\":\"./lib\\\\a.js\"", Common, "lib/a.js"),
        new("string query is not the file", "\"exports\":\"./cjs.js?v=1\"", Common, "cjs.js"),
        new("string percent-encoded", "\"exports\":\"./a%20b.js\"", [.. Common, "a b.js"], "a b.js"),
        new("string encoded slash", "\"main\":\"main.js\",\"exports\":\"./lib%2fa.js\"", Common, "main.js", true),
        new("conditions: require over import", "\"main\":\"esm.mjs\",\"exports\":{\"import\":\"./esm.mjs\",\"require\":\"./cjs.js\"}", Common, "cjs.js"),
        new("conditions: object order, default first", "\"exports\":{\"default\":\"./d.js\",\"require\":\"./r.js\"}", Common, "d.js"),
        new("conditions: node before require", "\"exports\":{\"node\":\"./n.js\",\"require\":\"./r.js\"}", Common, "n.js"),
        new("conditions: node-addons", "\"exports\":{\"browser\":\"./b.js\",\"node-addons\":\"./n.js\",\"default\":\"./d.js\"}", Common, "n.js"),
        new("conditions: types browser import skipped", "\"exports\":{\"types\":\"./x.d.ts\",\"browser\":\"./b.js\",\"import\":\"./esm.mjs\",\"module\":\"./esm.mjs\",\"default\":\"./d.js\"}", Common, "d.js"),
        new("conditions: import only", "\"main\":\"main.js\",\"exports\":{\"import\":\"./esm.mjs\"}", Common, "main.js", true),
        new("conditions: nested", "\"exports\":{\"node\":{\"import\":\"./esm.mjs\",\"require\":\"./n.js\"},\"default\":\"./d.js\"}", Common, "n.js"),
        new("conditions: nested no match tries next key", "\"exports\":{\"node\":{\"import\":\"./esm.mjs\"},\"default\":\"./d.js\"}", Common, "d.js"),
        new("conditions: null is not exported", "\"main\":\"main.js\",\"exports\":{\"require\":null,\"default\":\"./d.js\"}", Common, "main.js", true),
        new("conditions: nested null stops", "\"main\":\"main.js\",\"exports\":{\"node\":{\"require\":null},\"default\":\"./d.js\"}", Common, "main.js", true),
        new("conditions: invalid matched target", "\"main\":\"main.js\",\"exports\":{\"require\":\"cjs.js\",\"default\":\"./d.js\"}", Common, "main.js", true),
        new("conditions: number target", "\"main\":\"main.js\",\"exports\":{\"require\":1,\"default\":\"./d.js\"}", Common, "main.js", true),
        new("conditions: numeric key", "\"main\":\"main.js\",\"exports\":{\"require\":{\"0\":\"./r.js\",\"default\":\"./d.js\"}}", Common, "main.js", true),
        new("conditions: duplicate key keeps first place, last value", "\"exports\":{\"default\":\"./d.js\",\"require\":\"./r.js\",\"default\":\"./b.js\"}", Common, "b.js"),
        new("conditions: empty object", "\"main\":\"main.js\",\"exports\":{}", Common, "main.js", true),
        new("subpaths: dot string", "\"main\":\"main.js\",\"exports\":{\".\":\"./r.js\",\"./feature\":\"./lib/a.js\"}", Common, "r.js"),
        new("subpaths: dot conditions", "\"exports\":{\".\":{\"import\":\"./esm.mjs\",\"require\":\"./r.js\"},\"./package.json\":\"./package.json\"}", Common, "r.js"),
        new("subpaths: dot array", "\"exports\":{\".\":[{\"import\":\"./esm.mjs\"},\"./b.js\"]}", Common, "b.js"),
        new("subpaths: no dot", "\"main\":\"main.js\",\"exports\":{\"./feature\":\"./lib/a.js\"}", Common, "main.js", true),
        new("subpaths: dot null", "\"main\":\"main.js\",\"exports\":{\".\":null,\"./feature\":\"./lib/a.js\"}", Common, "main.js", true),
        new("subpaths: pattern does not match the root", "\"main\":\"main.js\",\"exports\":{\"./*\":\"./lib/*.js\"}", Common, "main.js", true),
        new("subpaths: nested dot is a condition that never matches", "\"main\":\"main.js\",\"exports\":{\".\":{\".\":\"./r.js\"}}", Common, "main.js", true),
        new("mixed subpath and condition keys", "\"main\":\"main.js\",\"exports\":{\".\":\"./r.js\",\"require\":\"./cjs.js\"}", Common, "main.js", true),
        new("array: invalid entry skipped", "\"exports\":[\"cjs.js\",\"./b.js\"]", Common, "b.js"),
        new("array: unmatched conditions skipped", "\"exports\":[{\"import\":\"./esm.mjs\"},\"./b.js\"]", Common, "b.js"),
        new("array: matched conditions", "\"exports\":[{\"require\":\"./r.js\"},\"./b.js\"]", Common, "r.js"),
        new("array: missing file is not skipped", "\"main\":\"main.js\",\"exports\":[\"./missing.js\",\"./b.js\"]", Common, "main.js", true),
        new("array: empty", "\"main\":\"main.js\",\"exports\":[]", Common, "main.js", true),
        new("array: only invalid", "\"main\":\"main.js\",\"exports\":[\"cjs.js\",\"lib/a.js\"]", Common, "main.js", true),
        new("array: null then invalid", "\"main\":\"main.js\",\"exports\":[null,\"cjs.js\"]", Common, "main.js", true),
        new("array: invalid then null", "\"main\":\"main.js\",\"exports\":[\"cjs.js\",null]", Common, "main.js", true),
        new("array: null then valid", "\"exports\":[null,\"./b.js\"]", Common, "b.js"),
        new("array: nested arrays", "\"exports\":[[\"cjs.js\"],[\"./b.js\"]]", Common, "b.js"),
        new("array: numeric key config error stops", "\"main\":\"main.js\",\"exports\":[{\"1\":\"./r.js\"},\"./b.js\"]", Common, "main.js", true),
        new("array in a condition: unmatched continues", "\"exports\":{\"require\":[{\"import\":\"./esm.mjs\"}],\"default\":\"./d.js\"}", Common, "d.js"),
        new("array in a condition: null stops", "\"main\":\"main.js\",\"exports\":{\"require\":[null],\"default\":\"./d.js\"}", Common, "main.js", true),
        new("array in a condition: empty stops", "\"main\":\"main.js\",\"exports\":{\"require\":[],\"default\":\"./d.js\"}", Common, "main.js", true),
        new("fallback without main or index", "\"exports\":{\"import\":\"./esm.mjs\"}", ["esm.mjs", "x.js"], null, true),
    ];
}
