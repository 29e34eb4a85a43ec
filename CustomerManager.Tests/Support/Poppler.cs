using System.ComponentModel;
using System.Diagnostics;

namespace CustomerManager.Tests.Support;

/// <summary>
/// Reads generated PDFs with poppler-utils (<c>pdftotext</c>, <c>pdfinfo</c>), so tests check what a real reader sees.
/// The tools must be on PATH (<c>apt-get install -y poppler-utils</c>; the test script installs them in CI).
/// A tool that fails or rejects the file makes the call throw with its error output.
/// </summary>
internal static class Poppler
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>The text of every page, laid out as on the page (<c>pdftotext -layout</c>).</summary>
    public static Task<string> PdfToTextAsync(byte[] pdf) => RunOnFileAsync(pdf, "pdftotext", file => ["-layout", file, "-"]);

    /// <summary>The document's information dictionary and page count (<c>pdfinfo</c>), e.g. "Title: …", "Pages: 1".</summary>
    public static Task<string> PdfInfoAsync(byte[] pdf) => RunOnFileAsync(pdf, "pdfinfo", file => [file]);

    /// <summary>The value of one <c>pdfinfo</c> line ("Pages", "Title", ...), or null when absent.</summary>
    public static string? InfoField(string pdfInfo, string name) =>
        pdfInfo.Split('\n')
            .Where(line => line.StartsWith(name + ":", StringComparison.Ordinal))
            .Select(line => line[(name.Length + 1)..].Trim())
            .FirstOrDefault();

    private static async Task<string> RunOnFileAsync(byte[] pdf, string tool, Func<string, string[]> arguments)
    {
        var file = Path.Combine(Path.GetTempPath(), $"cm-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(file, pdf);
        try
        {
            return await RunAsync(tool, arguments(file));
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>Runs a command-line tool to the end and returns its output; throws with its error output when it fails.</summary>
    internal static async Task<string> RunAsync(string tool, string[] arguments)
    {
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = System.Text.Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start.");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"{tool} not found: scripts/test.sh installs the packages the tests use.", e);
        }

        using (process)
        {
            using var timeout = new CancellationTokenSource(Timeout);
            var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var error = process.StandardError.ReadToEndAsync(timeout.Token);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{tool} did not finish within {Timeout.TotalSeconds:0} s.");
            }

            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"{tool} failed with exit code {process.ExitCode}: {await error}");
            }

            return await output;
        }
    }
}
