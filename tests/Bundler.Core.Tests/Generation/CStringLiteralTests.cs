using System.Text;
using Bundler.Core.Generation;

namespace Bundler.Core.Tests.Generation;

public sealed class CStringLiteralTests
{
    // Expected texts below are written by hand from the C99 rules, not produced by the encoder.
    [Theory]
    [InlineData(new byte[] { }, "\"\"")]
    [InlineData(new byte[] { (byte)'a', (byte)'"', (byte)'b', (byte)'\\', (byte)'c' }, "\"a\\\"b\\\\c\"")]
    [InlineData(new byte[] { (byte)'?', (byte)'?', (byte)'=' }, "\"\\?\\?=\"")]
    [InlineData(new byte[] { 0x01, (byte)'2' }, "\"\\1\" \"2\"")]
    [InlineData(new byte[] { 0x00, (byte)'0' }, "\"\\0\" \"0\"")]
    [InlineData(new byte[] { 0x1F, (byte)'7' }, "\"\\37\" \"7\"")]
    [InlineData(new byte[] { 0x01, (byte)'8' }, "\"\\18\"")]
    [InlineData(new byte[] { 0x7F, (byte)'1' }, "\"\\1771\"")]
    [InlineData(new byte[] { 0xC3, 0xA9 }, "\"\\303\\251\"")]
    [InlineData(new byte[] { (byte)'\t', (byte)'\r', (byte)'\'' }, "\"\\t\\r'\"")]
    [InlineData(new byte[] { (byte)'*', (byte)'/', (byte)'/', (byte)'*' }, "\"*//*\"")]
    public void Encodes_by_the_c_rules(byte[] input, string expected)
    {
        Assert.Equal(expected, CStringLiteral.Encode(input));
    }

    [Fact]
    public void A_newline_ends_the_line_so_the_c_reads_like_the_source()
    {
        var text = CStringLiteral.Encode("a\nb\n"u8, "  ");
        Assert.Equal("  \"a\\n\"\n  \"b\\n\"", text);
    }

    [Fact]
    public void Without_breaks_at_newlines_and_columns_a_file_is_one_line()
    {
        Assert.Equal("\"a\\nb\\n\\1\" \"2\\nc\"", CStringLiteral.Encode("a\nb\n\u00012\nc"u8, "", int.MaxValue, breakAtNewlines: false));

        var random = new Random(8);
        var input = new byte[5000];
        random.NextBytes(input);
        for (var i = 0; i < input.Length; i += 2)
        {
            input[i] = "\n1\n\\"u8[random.Next(4)];
        }

        var text = CStringLiteral.Encode(input, "", int.MaxValue, breakAtNewlines: false);
        Assert.DoesNotContain('\n', text);
        Assert.Equal(input, CLiteralReader.Decode(text));
    }

    [Fact]
    public void Long_lines_are_cut_at_the_column_limit()
    {
        // 100 columns minus 4 of indent minus 2 quotes leave 94 characters: 1000 = 10 * 94 + 60.
        var text = CStringLiteral.Encode(Encoding.ASCII.GetBytes(new string('a', 1000)), "    ");
        var lines = text.Split('\n');
        Assert.Equal(11, lines.Length);
        Assert.All(lines[..10], l => Assert.Equal(100, l.Length));
        Assert.Equal(4 + 2 + 60, lines[10].Length);
    }

    [Fact]
    public void An_escape_is_never_cut_in_two()
    {
        // Each byte is a 4-character escape; 94 / 4 leaves 23 per line and 2 columns unused.
        var text = CStringLiteral.Encode(Enumerable.Repeat((byte)0xFF, 100).ToArray(), "    ");
        var lines = text.Split('\n');
        Assert.Equal("    \"" + string.Concat(Enumerable.Repeat("\\377", 23)) + "\"", lines[0]);
        Assert.Equal(5, lines.Length);
    }

    [Fact]
    public void Every_byte_value_and_every_pair_round_trips()
    {
        var all = Enumerable.Range(0, 256).Select(b => (byte)b).ToArray();
        var pairs = Enumerable.Range(0, 256 * 256).SelectMany(p => new[] { (byte)(p >> 8), (byte)p }).ToArray();
        foreach (var input in new[] { all, pairs })
        {
            var text = CStringLiteral.Encode(input, "    ");
            Assert.Equal(input, CLiteralReader.Decode(text));
            AssertWellFormed(text);
        }
    }

    [Fact]
    public void Random_bytes_round_trip_with_short_safe_lines()
    {
        var random = new Random(20240601);
        for (var round = 0; round < 200; round++)
        {
            var input = new byte[random.Next(0, 600)];
            random.NextBytes(input);

            // Bias towards the hard cases: digits after escapes, '?' runs, newlines, backslashes.
            for (var i = 0; i < input.Length; i += 3)
            {
                input[i] = "01789?\n\\\"\0"u8[random.Next(10)];
            }

            var text = CStringLiteral.Encode(input, "    ");
            Assert.Equal(input, CLiteralReader.Decode(text));
            AssertWellFormed(text);
        }
    }

    [Fact]
    public void Inline_form_is_one_line_of_utf8()
    {
        Assert.Equal("\"/node_modules/caf\\303\\251/x.js\"", CStringLiteral.EncodeInline("/node_modules/café/x.js"));

        // A newline in a short string (a generator comment, a license field) stays an escape on the same line.
        var text = CStringLiteral.EncodeInline("line one\nline two\n");
        Assert.DoesNotContain("\n", text, StringComparison.Ordinal);
        Assert.Equal("line one\nline two\n"u8.ToArray(), CLiteralReader.Decode(text));
    }

    private static void AssertWellFormed(string text)
    {
        Assert.DoesNotContain("??", text, StringComparison.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            Assert.True(line.Length <= CStringLiteral.DefaultMaxColumns, $"line of {line.Length} columns: {line}");
            Assert.All(line, c => Assert.InRange(c, ' ', '~'));
        }
    }
}
