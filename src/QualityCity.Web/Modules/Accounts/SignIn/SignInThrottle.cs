using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace QualityCity.Web.Modules.Accounts.SignIn;

/// <summary>Sign-in limits (section <c>Accounts:SignIn</c>).</summary>
public sealed class SignInLimits
{
    public const string Section = "Accounts:SignIn";

    /// <summary>Failed sign-ins one client (address) may make within <see cref="WindowMinutes"/> before it must wait.</summary>
    public int FailuresPerClient { get; set; } = 10;

    public int WindowMinutes { get; set; } = 15;

    /// <summary>
    /// Failed sign-ins of one account, from any clients, that lock it for <see cref="LockoutMinutes"/>.
    /// Set well above <see cref="FailuresPerClient"/>: one client is stopped long before it could
    /// lock a real user out; only many addresses guessing together trigger the lock.
    /// </summary>
    public int AccountLockoutFailures { get; set; } = 50;

    public int LockoutMinutes { get; set; } = 15;
}

/// <summary>
/// Counts failed sign-ins per client address in fixed windows, in memory. It runs before any user
/// is looked up, so a throttled answer is the same, and as fast, for every user name. A deployment
/// with several servers throttles per server; the account lockout (in the database) is shared.
/// </summary>
public sealed class SignInThrottle(IOptions<SignInLimits> options, TimeProvider clock)
{
    /// <summary>Above this many tracked clients, expired windows are swept before adding another.</summary>
    private const int SweepThreshold = 10_000;

    private readonly ConcurrentDictionary<string, Window> _clients = new(StringComparer.Ordinal);

    private sealed class Window(DateTimeOffset start)
    {
        public DateTimeOffset Start { get; set; } = start;
        public int Failures { get; set; }
    }

    /// <summary>When the client may try again, or null when it may try now.</summary>
    public DateTimeOffset? BlockedUntil(string client)
    {
        if (!_clients.TryGetValue(client, out var window))
        {
            return null;
        }

        lock (window)
        {
            var end = window.Start.AddMinutes(options.Value.WindowMinutes);
            return window.Failures >= options.Value.FailuresPerClient && end > clock.GetUtcNow() ? end : null;
        }
    }

    public void RecordFailure(string client)
    {
        var now = clock.GetUtcNow();
        if (_clients.Count >= SweepThreshold)
        {
            Sweep(now);
        }

        var window = _clients.GetOrAdd(client, _ => new Window(now));
        lock (window)
        {
            if (window.Start.AddMinutes(options.Value.WindowMinutes) <= now)
            {
                window.Start = now;
                window.Failures = 0;
            }

            window.Failures++;
        }
    }

    private void Sweep(DateTimeOffset now)
    {
        foreach (var (client, window) in _clients)
        {
            if (window.Start.AddMinutes(options.Value.WindowMinutes) <= now)
            {
                _clients.TryRemove(client, out _);
            }
        }
    }
}
