using System.Text;

namespace Bundler.Core.JavaScript;

/// <summary>
/// One JavaScript file lexed once: its bytes, tokens and comments. The require() scanner, the minifier and the
/// syntax preflight all read the same document, so a file is decoded and tokenized a single time.
/// </summary>
internal sealed class JsDocument
{
    private JsDocument(string file, ReadOnlyMemory<byte> text, JsToken[] tokens, JsComment[] comments)
    {
        File = file;
        Text = text;
        Tokens = tokens;
        Comments = comments;
    }

    /// <summary>The name diagnostics use, e.g. <c>lodash/map.js</c>.</summary>
    public string File { get; }

    /// <summary>The file's UTF-8 bytes; token offsets index into them.</summary>
    public ReadOnlyMemory<byte> Text { get; }

    public JsToken[] Tokens { get; }

    public JsComment[] Comments { get; }

    /// <summary>Lexes <paramref name="text"/>; throws <see cref="Diagnostics.IpmException"/> (IPM6004) on malformed input.</summary>
    public static JsDocument Read(ReadOnlyMemory<byte> text, string file)
    {
        var comments = new List<JsComment>();
        var lexer = new JsLexer(text, file, comments);
        // Real code averages 5 to 6 bytes per token: one allocation, no regrowth.
        var tokens = new List<JsToken>(Math.Max(16, text.Length / 4));
        for (var t = lexer.Next(); t.Kind != JsTokenKind.EndOfInput; t = lexer.Next())
        {
            tokens.Add(t);
        }

        return new JsDocument(file, lexer.Text, tokens.ToArray(), comments.ToArray());
    }

    public ReadOnlySpan<byte> Bytes(in JsToken token) => Text.Span[token.Start..token.End];

    public ReadOnlySpan<byte> Bytes(in JsComment comment) => Text.Span[comment.Start..comment.End];

    /// <summary>A token's source text (allocates; for messages and tests).</summary>
    public string TextOf(in JsToken token) => Encoding.UTF8.GetString(Bytes(token));
}
