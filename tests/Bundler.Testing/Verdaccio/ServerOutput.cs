using System.Text;

namespace Bundler.Testing;

/// <summary>
/// The recent lines a server printed, kept for failure messages (masked on the way out), and a signal for the
/// line that says it is listening.
/// </summary>
internal sealed class ServerOutput(string readyMarker, int maxLines = 2000)
{
    private readonly Queue<string> _lines = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _dropped;

    public Task Ready => _ready.Task;

    private volatile bool _addressInUse;

    public bool AddressInUse => _addressInUse;

    public void Add(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lines)
        {
            _lines.Enqueue(line);
            if (_lines.Count > maxLines)
            {
                _lines.Dequeue();
                _dropped++;
            }

            if (line.Contains("EADDRINUSE", StringComparison.Ordinal))
            {
                _addressInUse = true;
            }
        }

        if (line.Contains(readyMarker, StringComparison.Ordinal))
        {
            _ready.TrySetResult();
        }
    }

    public string Text
    {
        get
        {
            var sb = new StringBuilder();
            lock (_lines)
            {
                if (_dropped > 0)
                {
                    sb.Append("[... ").Append(_dropped).Append(" earlier lines dropped]\n");
                }

                foreach (var line in _lines)
                {
                    sb.Append(line).Append('\n');
                }
            }

            return SecretMasker.Mask(sb.ToString());
        }
    }
}
