using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using QualityCity.Web.Tests.Infrastructure;

namespace QualityCity.Web.Tests.Operations;

/// <summary>
/// A server whose database cannot be reached, deterministically: on SQLite the file's directory is a
/// regular file (no open can succeed, whoever runs the tests); on PostgreSQL port 1 of the loopback
/// address, where nothing listens (binding it needs privileges no test or tool here uses). The
/// start-up migration is left out so that the server comes up at all. Metrics are switched off, the
/// least a server can run with.
/// </summary>
public class UnreachableDatabaseFactory(DatabaseKind kind) : QualityCityFactory(kind)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        var notADirectory = Path.Combine(DataDirectory, "not-a-directory");
        File.WriteAllText(notADirectory, "a file where the database's directory should be");
        builder.UseSetting("ConnectionStrings:Sqlite", $"Data Source={Path.Combine(notADirectory, "qc.db")}");
        builder.UseSetting("ConnectionStrings:Postgres", "Host=127.0.0.1;Port=1;Username=qc;Password=qc;Database=qc;Timeout=2");
        builder.UseSetting("Metrics:Enabled", "false");
        builder.ConfigureTestServices(services =>
        {
            var startupTasks = services.Single(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType?.Name == "StartupTasks");
            services.Remove(startupTasks);
        });
    }
}

public sealed class SqliteUnreachableDatabaseFactory() : UnreachableDatabaseFactory(DatabaseKind.Sqlite);

public sealed class PostgresUnreachableDatabaseFactory() : UnreachableDatabaseFactory(DatabaseKind.Postgres);

public abstract class UnreachableDatabaseTests(UnreachableDatabaseFactory factory) : PlatformTest(factory)
{
    [SkippableFact]
    public async Task Healthz_answers_503_Unhealthy_and_nothing_more_when_the_database_does_not_answer()
    {
        SkipIfUnavailable();
        var client = Factory.AnonymousClient();
        var response = await client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("Unhealthy", await response.Content.ReadAsStringAsync());

        // The process itself still answers.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz/live")).StatusCode);
    }

    [SkippableFact]
    public async Task Without_metrics_enabled_there_is_no_metrics_endpoint()
    {
        SkipIfUnavailable();
        var endpoints = Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
        Assert.DoesNotContain(endpoints, e => e.RoutePattern.RawText == "/metrics");
        var response = await Factory.AnonymousClient().GetAsync("/metrics");
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("# TYPE", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

public sealed class SqliteUnreachableDatabaseTests(SqliteUnreachableDatabaseFactory factory)
    : UnreachableDatabaseTests(factory), IClassFixture<SqliteUnreachableDatabaseFactory>;

public sealed class PostgresUnreachableDatabaseTests(PostgresUnreachableDatabaseFactory factory)
    : UnreachableDatabaseTests(factory), IClassFixture<PostgresUnreachableDatabaseFactory>;
