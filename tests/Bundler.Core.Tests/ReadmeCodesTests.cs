using System.Text.RegularExpressions;
using Bundler.Testing;

namespace Bundler.Core.Tests;

/// <summary>
/// The README's table of error codes and the codes <c>Messages</c> can create are the same set, and the README
/// mentions no code that does not exist: a code added, retired or renumbered without its documentation fails here.
/// </summary>
public sealed partial class ReadmeCodesTests
{
    [Fact]
    public void The_readme_code_table_lists_exactly_the_codes_messages_create()
    {
        var table = ReadmeTableCodes();
        var messages = MessageCodes();

        Assert.Empty(messages.Except(table, StringComparer.Ordinal).Order(StringComparer.Ordinal));
        Assert.Empty(table.Except(messages, StringComparer.Ordinal).Order(StringComparer.Ordinal));
        Assert.True(messages.Count > 80, $"only {messages.Count} codes found in Messages: the pattern no longer matches the sources");
    }

    [Fact]
    public void Every_code_the_readme_mentions_exists()
    {
        var mentioned = CodeMention().Matches(Readme()).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);

        Assert.Empty(mentioned.Except(MessageCodes(), StringComparer.Ordinal).Order(StringComparer.Ordinal));
    }

    private static string Readme() => File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md"));

    // Rows "| IPMnnnn | ..." of the "## Error codes" section (up to the next "## " heading).
    private static HashSet<string> ReadmeTableCodes()
    {
        var text = Readme();
        var start = text.IndexOf("\n## Error codes\n", StringComparison.Ordinal);
        Assert.True(start >= 0, "README.md has no '## Error codes' section");
        var end = text.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        var section = end < 0 ? text[start..] : text[start..end];
        return section.Split('\n').Select(l => TableRow().Match(l)).Where(m => m.Success).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
    }

    // Every code passed to Error(...) or Warning(...) in the Messages partial files.
    private static HashSet<string> MessageCodes() =>
        Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "src", "Bundler.Core", "Diagnostics"), "Messages*.cs")
            .SelectMany(f => MessageCode().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex(@"\b(?:Error|Warning)\(\s*""(IPM\d{4})""")]
    private static partial Regex MessageCode();

    [GeneratedRegex(@"^\|\s*(IPM\d{4})\s*\|")]
    private static partial Regex TableRow();

    [GeneratedRegex(@"\bIPM\d{4}\b")]
    private static partial Regex CodeMention();
}
