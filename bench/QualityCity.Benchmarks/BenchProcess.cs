using System.Diagnostics;
using System.Globalization;

namespace QualityCity.Benchmarks;

/// <summary>What a run of the platform's executable took: wall time, the time it reported itself, its peak memory, its output.</summary>
internal sealed record ProcessResult(double Seconds, double? ReportedSeconds, long PeakMegabytes, string Output);

/// <summary>Runs the platform's executable as a process of its own, the way an operator would.</summary>
internal static class BenchProcess
{
    /// <summary>Runs the platform's executable and samples its peak resident memory (VmHWM) until it exits; a failure throws with its output.</summary>
    public static async Task<ProcessResult> RunAsync(string webDll, string[] arguments, Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(webDll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var stopwatch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        long peakKilobytes = 0;
        while (!process.HasExited)
        {
            peakKilobytes = Math.Max(peakKilobytes, ReadHighWaterMark(process.Id));
            await Task.Delay(20);
        }

        await process.WaitForExitAsync();
        var seconds = stopwatch.Elapsed.TotalSeconds;
        var text = await output;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{string.Join(' ', arguments)} exited {process.ExitCode}: {text}{await error}");
        }

        double? reported = null;
        var elapsedLine = text.Split('\n').FirstOrDefault(l => l.StartsWith("elapsed: ", StringComparison.Ordinal));
        if (elapsedLine is not null)
        {
            reported = double.Parse(elapsedLine["elapsed: ".Length..].Split(' ')[0], CultureInfo.InvariantCulture);
        }

        return new ProcessResult(seconds, reported, peakKilobytes / 1024, text);
    }

    /// <summary>This process's own peak resident memory (VmHWM) so far, in MB.</summary>
    public static long OwnPeakMegabytes() => ReadHighWaterMark(Environment.ProcessId) / 1024;

    private static long ReadHighWaterMark(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
            // The process ended between the check and the read.
        }

        return 0;
    }
}
