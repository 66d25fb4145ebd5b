using System.Diagnostics;
using System.Text;

namespace Bundler.Testing;

/// <summary>What a finished process printed.</summary>
public sealed record ProcessResult(int ExitCode, string StdOut, string StdErr)
{
    public string All => StdOut + StdErr;

    /// <summary>Throws with both streams when the exit code is not 0, so a failing tool explains itself.</summary>
    public ProcessResult EnsureSuccess(string what)
    {
        if (ExitCode != 0)
        {
            throw new InvalidOperationException(
                SecretMasker.Mask($"{what} exited {ExitCode}\n--- stdout\n{StdOut}\n--- stderr\n{StdErr}"));
        }

        return this;
    }
}

/// <summary>Runs real programs (npm, node, gcc, the ipm CLI) with a time limit.</summary>
public static class ProcessRunner
{
    public static ProcessResult Run(string fileName, IEnumerable<string> args, string? workingDirectory = null,
        IDictionary<string, string?>? environment = null, TimeSpan? timeout = null, string? stdin = null)
    {
        var psi = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        if (environment is not null)
        {
            foreach (var (k, v) in environment)
            {
                if (v is null)
                {
                    psi.Environment.Remove(k);
                }
                else
                {
                    psi.Environment[k] = v;
                }
            }
        }

        using var p = new Process { StartInfo = psi };
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        p.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (stdout) { stdout.Append(e.Data).Append('\n'); } } };
        p.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (stderr) { stderr.Append(e.Data).Append('\n'); } } };
        p.Start();
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        if (stdin is not null)
        {
            p.StandardInput.Write(stdin);
            p.StandardInput.Close();
        }

        var limit = timeout ?? TimeSpan.FromMinutes(5);
        if (!p.WaitForExit(limit))
        {
            try
            {
                p.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
            }

            throw new TimeoutException(SecretMasker.Mask($"{fileName} {string.Join(' ', args)} did not finish within {limit}"));
        }

        p.WaitForExit();
        lock (stdout)
        {
            lock (stderr)
            {
                return new ProcessResult(p.ExitCode, stdout.ToString(), stderr.ToString());
            }
        }
    }
}
