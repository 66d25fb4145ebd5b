using Bundler.Core.Generation;

namespace Bundler.Core.Tests.Generation;

public sealed class TemplateDataTests
{
    private static List<Dictionary<string, object?>> Files(Dictionary<string, object?> root) =>
        (List<Dictionary<string, object?>>)root["files"]!;

    [Fact]
    public void A_file_belongs_to_its_innermost_package()
    {
        var table = new ModuleTable(
            [
                new ModulePackage("a", "1.0.0", "/node_modules/a", null),
                new ModulePackage("b", "2.0.0", "/node_modules/a/node_modules/b", null),
                new ModulePackage("ab", "1.0.0", "/node_modules/ab", null),
            ],
            [Tables.File("/node_modules/a/node_modules/b/x.js", ""), Tables.File("/node_modules/ab/y.js", ""), Tables.File("/node_modules/a/z.js", ""), Tables.File("/top.js", "")],
            "d", "g", null);
        var root = TemplateData.Build(table);
        var packages = (List<Dictionary<string, object?>>)root["packages"]!;
        string? OwnerName(string path)
        {
            var index = (int)Files(root).Single(f => (string)f["path"]! == path)["packageIndex"]!;
            return index < 0 ? null : (string)packages[index]["name"]!;
        }

        Assert.Equal("b", OwnerName("/node_modules/a/node_modules/b/x.js"));
        Assert.Equal("ab", OwnerName("/node_modules/ab/y.js"));
        Assert.Equal("a", OwnerName("/node_modules/a/z.js"));
        Assert.Null(OwnerName("/top.js"));
    }

    [Fact]
    public void Files_are_in_utf8_byte_order_which_is_what_strcmp_sees()
    {
        // U+FF5E is EF BD 9E in UTF-8, U+1F600 is F0 9F 98 80: bytes put the emoji last, UTF-16 first.
        var table = new ModuleTable([], [Tables.File("/\U0001F600", ""), Tables.File("/\uFF5E", ""), Tables.File("/a", "")], "d", "g", null);
        var paths = Files(TemplateData.Build(table)).Select(f => (string)f["path"]!).ToList();
        Assert.Equal(["/a", "/\uFF5E", "/\U0001F600"], paths);
    }

    [Fact]
    public void Path_buffers_fit_the_longest_path_with_room_for_index_json()
    {
        var longPath = "/node_modules/" + new string('x', 300) + "/index.js";
        var root = TemplateData.Build(new ModuleTable([], [Tables.File(longPath, "")], "d", "g", null));
        Assert.Equal(longPath.Length, (int)root["longestPath"]!);
        Assert.True((int)root["pathMax"]! >= longPath.Length + 12);
        Assert.Equal(256, (int)TemplateData.Build(new ModuleTable([], [], "d", "g", null))["pathMax"]!);
    }
}
