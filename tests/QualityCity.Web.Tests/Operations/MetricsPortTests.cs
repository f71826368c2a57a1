using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using QualityCity.Web.Tests.Infrastructure;

namespace QualityCity.Web.Tests.Operations;

/// <summary>The platform with <c>/metrics</c> on a port of its own.</summary>
public class MetricsPortFactory(DatabaseKind kind) : QualityCityFactory(kind)
{
    public const int MetricsPort = 9464;
    public const string ScrapeToken = "port-scrape-token-for-tests-0123456789";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Metrics:Port", MetricsPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Metrics:ScrapeToken", ScrapeToken);
    }
}

public sealed class SqliteMetricsPortFactory() : MetricsPortFactory(DatabaseKind.Sqlite);

public sealed class PostgresMetricsPortFactory() : MetricsPortFactory(DatabaseKind.Postgres);

public abstract class MetricsPortTests(MetricsPortFactory factory) : PlatformTest(factory)
{
    [SkippableFact]
    public async Task Metrics_on_their_own_port_are_served_there_with_credentials_and_not_on_the_main_port()
    {
        SkipIfUnavailable();
        var metricsPort = Factory.CreateClient(new WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri($"http://localhost:{MetricsPortFactory.MetricsPort}"), AllowAutoRedirect = false, HandleCookies = true,
        });
        Assert.Equal(HttpStatusCode.Unauthorized, (await metricsPort.GetAsync("/metrics")).StatusCode);
        using (var scrape = new HttpRequestMessage(HttpMethod.Get, "/metrics") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", MetricsPortFactory.ScrapeToken) } })
        {
            var response = await metricsPort.SendAsync(scrape);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("# TYPE", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        (await metricsPort.PostAsJsonAsync("/api/account/login", new { userName = "admin", password = Demo.DemoCity.DemoPassword })).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.OK, (await metricsPort.GetAsync("/metrics")).StatusCode);

        // Even an administrator finds nothing there on the main port.
        var admin = await Factory.SignedInClientAsync("admin");
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/metrics")).StatusCode);
    }
}

public sealed class SqliteMetricsPortTests(SqliteMetricsPortFactory factory) : MetricsPortTests(factory), IClassFixture<SqliteMetricsPortFactory>;

public sealed class PostgresMetricsPortTests(PostgresMetricsPortFactory factory) : MetricsPortTests(factory), IClassFixture<PostgresMetricsPortFactory>;
