using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Numerics;
using Bundler.Core.Archives;
using Bundler.Core.Diagnostics;
using Bundler.Core.Pipeline;

namespace Bundler.Cli;

/// <summary>The extraction limits a user may need to move; unset ones keep <see cref="ExtractionLimits.Default"/>.</summary>
internal sealed class ExtractionOptions
{
    private readonly Option<int?> _maxEntries = Whole<int>(OptionNames.MaxEntries);
    private readonly Option<long?> _maxUnpackedSize = Whole<long>(OptionNames.MaxUnpackedSize);
    private readonly Option<int?> _maxDepth = Whole<int>(OptionNames.MaxDepth);
    private readonly Option<int?> _maxPathLength = Whole<int>(OptionNames.MaxPathLength);

    // A whole number too: a fraction would be read differently under cultures with a decimal comma.
    private readonly Option<int?> _maxCompressionRatio = Whole<int>(OptionNames.MaxCompressionRatio);

    public void AddTo(Command command)
    {
        foreach (var o in new Option[] { _maxEntries, _maxUnpackedSize, _maxDepth, _maxPathLength, _maxCompressionRatio })
        {
            command.Options.Add(o);
        }
    }

    public ExtractionLimits Read(ParseResult p)
    {
        var d = ExtractionLimits.Default;
        return d with
        {
            MaxEntries = p.GetValue(_maxEntries) ?? d.MaxEntries,
            MaxUnpackedBytes = p.GetValue(_maxUnpackedSize) ?? d.MaxUnpackedBytes,
            MaxDepth = p.GetValue(_maxDepth) ?? d.MaxDepth,
            MaxPathBytes = p.GetValue(_maxPathLength) ?? d.MaxPathBytes,
            MaxCompressionRatio = p.GetValue(_maxCompressionRatio) ?? d.MaxCompressionRatio,
        };
    }

    /// <summary>An option taking a plain whole number of at least 1 (digits only: no sign, separator or unit).</summary>
    private static Option<T?> Whole<T>((string Name, string Help) o)
        where T : struct, IBinaryInteger<T>
    {
        return new Option<T?>(o.Name)
        {
            Description = o.Help,
            CustomParser = result =>
            {
                var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
                if (T.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= T.One)
                {
                    return value;
                }

                result.AddError(Messages.BadOption(o.Name, text, "a whole number of at least 1, in plain digits").Message);
                return null;
            },
        };
    }
}
