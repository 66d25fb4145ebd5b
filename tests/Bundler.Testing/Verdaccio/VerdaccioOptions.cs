using System.Text;

namespace Bundler.Testing;

/// <summary>How a <see cref="VerdaccioServer"/> is configured.</summary>
public sealed record VerdaccioOptions
{
    public static readonly VerdaccioOptions Default = new();

    /// <summary>
    /// Real users (htpasswd): every package needs an authenticated user to read or publish. Create users with
    /// <see cref="VerdaccioServer.AddUserAsync"/>. Off: anyone reads, and publishing takes any token.
    /// </summary>
    public bool RequireAuth { get; init; }

    /// <summary>How long start-up may take before it fails (node loading Verdaccio on a busy 2-core machine).</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>How many fresh ports to try when the chosen one is taken between probing and binding.</summary>
    public int PortAttempts { get; init; } = 5;

    /// <summary>The port of the first attempt; 0 picks a free one. Later attempts always pick free ports.</summary>
    public int FirstPort { get; init; }

    public string MaxBodySize { get; init; } = "500mb";

    /// <summary>Extra top-level YAML appended to config.yaml (e.g. <c>url_prefix: /npm/</c>).</summary>
    public string? ExtraConfigYaml { get; init; }

    /// <summary>
    /// The config.yaml text. Storage and htpasswd are relative to the config's folder. Every response carries
    /// <paramref name="identity"/> in X-Powered-By (Verdaccio's <c>user_agent</c>), which tells this server apart from
    /// anything else that may answer on the same port.
    /// </summary>
    internal string ToYaml(string identity)
    {
        var who = RequireAuth ? "$authenticated" : "$anonymous";
        var read = RequireAuth ? "$authenticated" : "$all";
        var sb = new StringBuilder();
        sb.Append("# Written by the test harness: a private registry that never proxies anywhere.\n");
        sb.Append("storage: ./storage\n");
        sb.Append("uplinks: {}\n");
        sb.Append("user_agent: ").Append(identity).Append('\n');
        if (RequireAuth)
        {
            sb.Append("auth:\n  htpasswd:\n    file: ./htpasswd\n");
        }

        sb.Append("packages:\n");
        foreach (var pattern in new[] { "'@*/*'", "'**'" })
        {
            sb.Append("  ").Append(pattern).Append(":\n");
            sb.Append("    access: ").Append(read).Append('\n');
            sb.Append("    publish: ").Append(who).Append('\n');
            sb.Append("    unpublish: ").Append(who).Append('\n');
        }

        sb.Append("max_body_size: ").Append(MaxBodySize).Append('\n');
        sb.Append("web:\n  enable: false\n");
        sb.Append("log: {type: stdout, format: pretty, level: warn}\n");
        if (ExtraConfigYaml is not null)
        {
            sb.Append(ExtraConfigYaml.ReplaceLineEndings("\n")).Append('\n');
        }

        return sb.ToString();
    }
}
