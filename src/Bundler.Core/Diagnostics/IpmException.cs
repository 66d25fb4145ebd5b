namespace Bundler.Core.Diagnostics;

/// <summary>
/// Thrown by any stage for a problem the user must fix. Carries the coded diagnostic; front ends print it
/// and never a stack trace.
/// </summary>
public sealed class IpmException : Exception
{
    public IpmException(Diagnostic diagnostic, Exception? inner = null)
        : base(diagnostic.Message, inner)
    {
        Diagnostic = diagnostic;
    }

    public Diagnostic Diagnostic { get; }

    /// <summary>The diagnostic code, e.g. <c>IPM2001</c>.</summary>
    public string Code => Diagnostic.Code;
}
