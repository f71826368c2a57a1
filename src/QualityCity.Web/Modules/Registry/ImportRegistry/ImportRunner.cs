using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;

namespace QualityCity.Web.Modules.Registry.ImportRegistry;

/// <summary>
/// The process that runs an import, as its job records it (<see cref="ImportJob.Runner"/>): the
/// machine, the process id and when the process started. A job whose process was killed or crashed
/// stays "running" in the database; the next import on the same machine asks whether that process is
/// still there, and if not says on the job that it stopped, instead of a progress bar that never ends.
/// A job run on another machine cannot be asked about and is left as it is.
/// </summary>
internal static class ImportRunner
{
    /// <summary>
    /// How far apart two readings of one process's start time may be. .NET derives it from the time
    /// since boot, so two processes reading it can differ by milliseconds. A new process that took the
    /// old one's id within this window would pass for it, which is rare enough to accept: its job then
    /// waits for the import after that.
    /// </summary>
    private static readonly TimeSpan SameStart = TimeSpan.FromSeconds(2);

    /// <summary>This process, as a job records it: machine/pid/start ticks (UTC); null when its start cannot be read.</summary>
    public static string? Current { get; } = StartedAtUtc(Process.GetCurrentProcess()) is { } started
        ? Describe(Environment.MachineName, Environment.ProcessId, started)
        : null;

    /// <summary>A runner as <see cref="ImportJob.Runner"/> keeps it.</summary>
    private static string Describe(string machine, int processId, DateTime startedAtUtc) =>
        string.Create(CultureInfo.InvariantCulture, $"{machine}/{processId}/{startedAtUtc.Ticks}");

    /// <summary>
    /// Whether the process a job names is known to be gone: it ran on this machine and no process with
    /// its id and start time is running now. False when it may still run, or cannot be asked about.
    /// </summary>
    public static bool IsGone(string runner)
    {
        var parts = runner.Split('/');
        if (parts.Length != 3 || parts[0] != Environment.MachineName
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var processId)
            || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks))
        {
            return false;
        }

        try
        {
            using var process = Process.GetProcessById(processId);
            return StartedAtUtc(process) is { } started && (started - new DateTime(ticks, DateTimeKind.Utc)).Duration() > SameStart;
        }
        catch (ArgumentException)
        {
            return true; // no process has that id now
        }
    }

    private static DateTime? StartedAtUtc(Process process)
    {
        try
        {
            return process.StartTime.ToUniversalTime();
        }
        catch (Exception ex) when (ex is InvalidOperationException or Win32Exception or NotSupportedException)
        {
            return null; // exited meanwhile, or not ours to read: not known to be gone
        }
    }
}
