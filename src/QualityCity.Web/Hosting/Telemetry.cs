using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Console;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace QualityCity.Web.Hosting;

/// <summary>
/// Settings of the metrics endpoint. <c>Metrics:Enabled</c> (default true) turns collection and
/// <c>/metrics</c> on; <c>Metrics:ScrapeToken</c> is the bearer token Prometheus sends (none: only a
/// signed-in administrator may read); <c>Metrics:Port</c> serves <c>/metrics</c> on that port only,
/// which Kestrel then also listens on at <c>Metrics:ListenAddress</c> (default <c>localhost</c>; an
/// internal interface when Prometheus runs on another machine, never a public one).
/// </summary>
public sealed record MetricsSettings(bool Enabled, string? ScrapeToken, int? Port, string ListenAddress)
{
    /// <summary>Shorter tokens could be guessed; 32 random characters are what docs/operations.md suggests.</summary>
    public const int MinimumTokenLength = 16;

    public static MetricsSettings From(IConfiguration configuration)
    {
        var section = configuration.GetSection("Metrics");
        var token = section["ScrapeToken"] is { Length: > 0 } configured ? configured.Trim() : null;
        if (token is { Length: < MinimumTokenLength })
        {
            throw new InvalidOperationException($"Metrics:ScrapeToken must have at least {MinimumTokenLength} characters (e.g. `openssl rand -hex 32`).");
        }

        int? port = null;
        if (section["Port"] is { Length: > 0 } portText)
        {
            port = int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed is > 0 and <= 65535
                ? parsed
                : throw new InvalidOperationException($"Metrics:Port must be a TCP port number, not '{portText}'.");
        }

        return new MetricsSettings(section.GetValue("Enabled", true), token, port,
            section["ListenAddress"] is { Length: > 0 } address ? address : "localhost");
    }
}

/// <summary>
/// Operations: OpenTelemetry metrics exported for Prometheus on <c>/metrics</c>, the database health
/// check on <c>/healthz</c>, and the console log format (docs/operations.md,
/// docs/decisions/0015-opentelemetry-metrics-and-health.md).
/// </summary>
public static class Telemetry
{
    public const string MetricsPath = "/metrics";
    public const string HealthPath = "/healthz";
    public const string LivenessPath = "/healthz/live";

    /// <summary>Meters of the libraries the platform runs on that publish their own metrics.</summary>
    private static readonly string[] LibraryMeters = ["Microsoft.EntityFrameworkCore", "Npgsql"];

    public static WebApplicationBuilder AddQualityCityTelemetry(this WebApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>(DatabaseHealthCheck.Name, tags: ["ready"], timeout: DatabaseHealthCheck.Timeout);

        // JSON log lines keep Chinese text readable instead of \uXXXX; quotes and control characters are still escaped.
        builder.Services.Configure<JsonConsoleFormatterOptions>(options =>
        {
            var writer = options.JsonWriterOptions;
            writer.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
            options.JsonWriterOptions = writer;
        });

        var settings = MetricsSettings.From(builder.Configuration);
        builder.Services.AddSingleton(settings);
        if (!settings.Enabled)
        {
            return builder;
        }

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("qualitycity"))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(LibraryMeters)
                .AddMeter(PlatformMetrics.MeterName)
                // One Prometheus scrapes every 15 to 60 seconds and the endpoint needs credentials,
                // so there is nothing for the exporter's response cache to absorb; fresh numbers win.
                .AddPrometheusExporter(options => options.ScrapeResponseCacheDurationMilliseconds = 0));
        builder.Services.ConfigureOpenTelemetryMeterProvider((services, metrics) => metrics.AddView(OnlyOwnMeters(services.GetRequiredService<IMeterFactory>())));
        builder.Services.AddMetricsScrapeAuthorization();
        if (settings.Port is { } port)
        {
            ListenForScrapes(builder, $"http://{settings.ListenAddress}:{port.ToString(CultureInfo.InvariantCulture)}");
        }

        return builder;
    }

    /// <summary>
    /// Leaves out instruments of meters that another host's meter factory made. A process may hold
    /// several hosts (the test suite runs many servers and command-line verbs in one), and
    /// OpenTelemetry subscribes to meters by name: without this, one server would export another's requests and
    /// imports, and lose the series when the other stops. Meters made without a factory (EF Core,
    /// Npgsql, the runtime) belong to the whole process and stay.
    /// </summary>
    private static Func<Instrument, MetricStreamConfiguration?> OnlyOwnMeters(IMeterFactory ownFactory) =>
        instrument => instrument.Meter.Scope is IMeterFactory factory && !ReferenceEquals(factory, ownFactory) ? MetricStreamConfiguration.Drop : null;

    /// <summary>
    /// Maps the operations endpoints, each saying who may call it (the platform denies by default):
    /// <c>/healthz</c> and <c>/healthz/live</c> anyone, answering only "Healthy" or "Unhealthy";
    /// <c>/metrics</c> a scrape token or an administrator.
    /// </summary>
    public static WebApplication MapQualityCityTelemetry(this WebApplication app)
    {
        // Readiness: the database answers. Liveness: the process answers (no check runs).
        app.MapHealthChecks(HealthPath, new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") }).AllowAnonymous()
            .RequireRateLimiting(RateLimits.Public);
        app.MapHealthChecks(LivenessPath, new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous().RequireRateLimiting(RateLimits.Public);

        var settings = app.Services.GetRequiredService<MetricsSettings>();
        if (settings.Enabled)
        {
            var scrape = app.MapPrometheusScrapingEndpoint(MetricsPath).RequireAuthorization(MetricsScrape.Policy);
            if (settings.Port is { } port)
            {
                // RequireHost matches the Host header, which a client chooses: the port keeps /metrics
                // off the public address, the credentials above are what protect it.
                scrape.RequireHost($"*:{port.ToString(CultureInfo.InvariantCulture)}");
            }
        }

        return app;
    }

    /// <summary>
    /// Adds the scrape address to the addresses Kestrel listens on. Kestrel takes either the URLs
    /// (<c>--urls</c>, <c>ASPNETCORE_URLS</c>, <c>ASPNETCORE_HTTP_PORTS</c>) or the endpoints of
    /// <c>Kestrel:Endpoints</c>, never both, so the address joins whichever of the two is in use.
    /// </summary>
    private static void ListenForScrapes(WebApplicationBuilder builder, string scrapeUrl)
    {
        if (builder.Configuration.GetSection("Kestrel:Endpoints").Exists())
        {
            builder.Configuration["Kestrel:Endpoints:QualityCityMetrics:Url"] = scrapeUrl;
            return;
        }

        var urls = builder.Configuration[WebHostDefaults.ServerUrlsKey];
        if (string.IsNullOrWhiteSpace(urls))
        {
            var ports = (builder.Configuration[WebHostDefaults.HttpPortsKey] ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(p => $"http://*:{p}")
                .Concat((builder.Configuration[WebHostDefaults.HttpsPortsKey] ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Select(p => $"https://*:{p}"))
                .ToList();
            // Kestrel's own default when nothing is configured.
            urls = ports.Count > 0 ? string.Join(';', ports) : "http://localhost:5000";
        }

        builder.WebHost.UseUrls($"{urls};{scrapeUrl}");
    }
}
