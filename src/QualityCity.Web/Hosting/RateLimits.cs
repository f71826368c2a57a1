using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace QualityCity.Web.Hosting;

/// <summary>Per-client request limits (section <c>RateLimiting</c>).</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimiting";

    /// <summary>Off only for load measurements and tests of other things; a server on the internet keeps it on.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Sign-in requests per client per minute (failures are also budgeted per client, see Accounts:SignIn).</summary>
    public int SignInPerMinute { get; set; } = 20;

    /// <summary>Public pages and API calls per client per minute.</summary>
    public int PublicPerMinute { get; set; } = 300;

    /// <summary>Open-data and draw-record downloads per client per minute.</summary>
    public int DownloadsPerMinute { get; set; } = 60;

    /// <summary>Downloads one client may have running at once.</summary>
    public int DownloadConcurrency { get; set; } = 4;
}

/// <summary>
/// The rate-limit policies. Every route that answers anonymous callers carries one (the
/// authorisation matrix test checks it). Clients are counted by <see cref="ClientAddress"/>, a
/// signed-in user by the account, so a bureau's staff behind one office address do not share a
/// budget. Refusals are 429 with Retry-After.
/// </summary>
public static class RateLimits
{
    public const string SignIn = "sign-in";
    public const string Public = "public";
    public const string Download = "download";

    public static readonly IReadOnlyList<string> All = [SignIn, Public, Download];

    public static IServiceCollection AddQualityCityRateLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section);
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                var policy = context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName ?? "global";
                context.HttpContext.RequestServices.GetRequiredService<PlatformMetrics>().RateLimited(policy);
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    context.HttpContext.Response.Headers.RetryAfter =
                        ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                await Results.Problem(context.HttpContext.RequestServices.GetRequiredService<Localization.Text>()["请求过于频繁，请稍后再试"], statusCode: StatusCodes.Status429TooManyRequests)
                    .ExecuteAsync(context.HttpContext);
            };

            limiter.AddPolicy(SignIn, http => Partition(http, SignIn, o => new FixedWindowRateLimiterOptions
            {
                PermitLimit = o.SignInPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0,
            }, static (key, options) => RateLimitPartition.GetFixedWindowLimiter(key, _ => options)));
            limiter.AddPolicy(Public, http => Partition(http, Public, o => new TokenBucketRateLimiterOptions
            {
                TokenLimit = o.PublicPerMinute, TokensPerPeriod = Math.Max(1, o.PublicPerMinute / 6), ReplenishmentPeriod = TimeSpan.FromSeconds(10),
                QueueLimit = 0,
            }, static (key, options) => RateLimitPartition.GetTokenBucketLimiter(key, _ => options)));
            limiter.AddPolicy(Download, http => Partition(http, Download, o => new DownloadLimits(o),
                static (key, options) => RateLimitPartition.Get(key, _ => new ChainedDownloadLimiter(options))));
        });
        return services;
    }

    private static RateLimitPartition<string> Partition<TOptions>(HttpContext http, string policy, Func<RateLimitOptions, TOptions> options,
        Func<string, TOptions, RateLimitPartition<string>> create)
    {
        var settings = http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<RateLimitOptions>>().CurrentValue;
        if (!settings.Enabled)
        {
            return RateLimitPartition.GetNoLimiter("off");
        }

        var client = http.User.Identity is { IsAuthenticated: true, Name: { } name } ? "user:" + name : "ip:" + ClientAddress.Of(http);
        return create(policy + "|" + client, options(settings));
    }

    private sealed record DownloadLimits(RateLimitOptions Options);

    /// <summary>A download needs a slot among the client's concurrent downloads and a token from its per-minute budget.</summary>
    private sealed class ChainedDownloadLimiter(DownloadLimits limits) : RateLimiter
    {
        private readonly RateLimiter _inner = RateLimiter.CreateChained(
            new ConcurrencyLimiter(new ConcurrencyLimiterOptions { PermitLimit = limits.Options.DownloadConcurrency, QueueLimit = 0 }),
            new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
            {
                TokenLimit = limits.Options.DownloadsPerMinute, TokensPerPeriod = Math.Max(1, limits.Options.DownloadsPerMinute / 6),
                ReplenishmentPeriod = TimeSpan.FromSeconds(10), QueueLimit = 0,
            }));

        public override TimeSpan? IdleDuration => _inner.IdleDuration;

        public override RateLimiterStatistics? GetStatistics() => _inner.GetStatistics();

        protected override RateLimitLease AttemptAcquireCore(int permitCount) => _inner.AttemptAcquire(permitCount);

        protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
            _inner.AcquireAsync(permitCount, cancellationToken);

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
