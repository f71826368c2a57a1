using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace QualityCity.Web.Tests.Infrastructure;

/// <summary>Which real database a test class runs on.</summary>
public enum DatabaseKind { Sqlite, Postgres }

/// <summary>
/// The whole platform over HTTP on a real database: a fresh SQLite file, or a fresh PostgreSQL
/// database created for this fixture and dropped afterwards. The demo city is loaded small (a few
/// hundred entities) with every demo account.
/// </summary>
/// <remarks>
/// PostgreSQL runs when <c>QC_TEST_POSTGRES</c> holds a connection string to a server whose role may
/// create databases. Without it the PostgreSQL tests are skipped, unless <c>QC_REQUIRE_POSTGRES=1</c>
/// (set by .ci/run), which turns the skip into a failure.
/// </remarks>
public class QualityCityFactory : WebApplicationFactory<Program>
{
    public const int DemoEnterprises = 300;

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "qc-tests", Guid.NewGuid().ToString("N"));
    private readonly string? _postgresDatabase;
    private readonly string? _postgresAdmin;

    public QualityCityFactory(DatabaseKind kind)
        : this(kind, TestClock.Now)
    {
    }

    /// <summary>A fixture whose clock stands at <paramref name="now"/> instead of <see cref="TestClock.Now"/> (the demo city started on another day).</summary>
    protected QualityCityFactory(DatabaseKind kind, DateTimeOffset now)
    {
        Clock = new FakeTimeProvider(now);
        Kind = kind;
        Directory.CreateDirectory(_directory);
        if (kind == DatabaseKind.Postgres)
        {
            _postgresAdmin = Environment.GetEnvironmentVariable("QC_TEST_POSTGRES");
            if (string.IsNullOrWhiteSpace(_postgresAdmin))
            {
                UnavailableReason = "QC_TEST_POSTGRES is not set";
                if (Environment.GetEnvironmentVariable("QC_REQUIRE_POSTGRES") == "1")
                {
                    throw new InvalidOperationException("QC_REQUIRE_POSTGRES=1 but QC_TEST_POSTGRES is not set: the PostgreSQL suite must run.");
                }

                return;
            }

            _postgresDatabase = "qc_test_" + Guid.NewGuid().ToString("N")[..12];
            using var connection = new NpgsqlConnection(_postgresAdmin);
            connection.Open();
            using var create = connection.CreateCommand();
            create.CommandText = $"CREATE DATABASE {_postgresDatabase}";
            create.ExecuteNonQuery();
        }
    }

    public DatabaseKind Kind { get; }

    /// <summary>
    /// The platform's clock in this fixture, server and command line alike: frozen at
    /// <see cref="TestClock.Now"/> until a test advances it (timers, such as the audit checkpoint
    /// schedule's, fire only then).
    /// </summary>
    public FakeTimeProvider Clock { get; }

    /// <summary>Puts <see cref="Clock"/> in place of the platform's <see cref="TimeProvider"/>.</summary>
    public void UseClock(IServiceCollection services)
    {
        services.RemoveAll<TimeProvider>();
        services.AddSingleton<TimeProvider>(Clock);
    }

    /// <summary>How many enterprises the demo city has.</summary>
    protected virtual int Enterprises => DemoEnterprises;

    /// <summary>Why this database cannot be tested here; null when it can.</summary>
    public string? UnavailableReason { get; }

    public string DataDirectory => _directory;

    /// <summary>The settings that point the platform (server or CLI) at this fixture's database.</summary>
    public IReadOnlyDictionary<string, string?> Settings => ExtraSettings.Aggregate(CommonSettings, (all, extra) =>
    {
        all[extra.Key] = extra.Value;
        return all;
    });

    private Dictionary<string, string?> CommonSettings => new()
    {
        ["QC_DATA_DIR"] = _directory,
        ["QC_DATABASE"] = Kind == DatabaseKind.Postgres ? "postgres" : "sqlite",
        ["ConnectionStrings:Sqlite"] = $"Data Source={Path.Combine(_directory, "qc.db")}",
        ["ConnectionStrings:Postgres"] = _postgresDatabase is null ? null
            : new NpgsqlConnectionStringBuilder(_postgresAdmin) { Database = _postgresDatabase }.ConnectionString,
        ["Demo:Load"] = LoadsDemo ? "true" : null,
        ["Demo:Enterprises"] = Enterprises.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Demo:Seed"] = "tests",
        // The real records and a few hundred synthetic ones: the library's tests bring their own.
        ["Demo:Standards"] = "500",
        // Every test client shares one address; the limits have tests of their own (RateLimitTests).
        ["RateLimiting:Enabled"] = RateLimited ? "true" : "false",
    };

    /// <summary>Settings of a derived fixture, on top of the common ones.</summary>
    protected virtual IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>();

    /// <summary>Whether the demo city is asked for (the platform loads it only when asked).</summary>
    protected virtual bool LoadsDemo => true;

    /// <summary>Whether the per-client rate limits are on.</summary>
    protected virtual bool RateLimited => false;

    /// <summary>The host environment; the platform's defaults differ only between Development and the rest.</summary>
    protected virtual string EnvironmentName => "Testing";

    /// <summary>
    /// Whether this fixture starts from a copy of the demo city instead of loading it: the first
    /// fixture of its type (and settings and instant) in a test run loads the demo once into a
    /// template, and every fixture copies it — the SQLite file and data folder, or a PostgreSQL
    /// database created with <c>TEMPLATE</c>. Loading the demo city is most of a fixture's start,
    /// and the plain fixtures start over a hundred times a run. Fixtures whose tests watch the
    /// start itself (its log, its console, a demo loaded on another day) load their own.
    /// </summary>
    protected virtual bool StartsFromTemplate => false;

    protected override IHost CreateHost(IHostBuilder builder)
    {
        if (StartsFromTemplate && LoadsDemo && UnavailableReason is null)
        {
            DemoTemplates.CopyInto(this);
        }

        return base.CreateHost(builder);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.UseEnvironment(EnvironmentName);
        builder.ConfigureServices(services => services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter, ClientAddressFromTestHeader>());
        builder.ConfigureTestServices(UseClock);
    }

    /// <summary>This fixture's configuration, for the host that makes its template (<see cref="DemoTemplates"/>).</summary>
    internal void ConfigureTemplateHost(IWebHostBuilder builder) => ConfigureWebHost(builder);

    /// <summary>The request header that gives a test request its client address (the in-memory test server has none).</summary>
    public const string ClientAddressHeader = "X-Test-Client-Address";

    /// <summary>
    /// A client signed in as a demo account (cookies kept, redirects not followed), sending the
    /// anti-forgery token with every request, as the pages' scripts do.
    /// </summary>
    public Task<HttpClient> SignedInClientAsync(string userName) => SignedInClientAsync(userName, Demo.DemoCity.DemoPassword);

    public async Task<HttpClient> SignedInClientAsync(string userName, string password)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var response = await client.PostAsJsonAsync("/api/account/login", new { userName, password });
        response.EnsureSuccessStatusCode();
        var csrf = await client.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/account/csrf-token");
        client.DefaultRequestHeaders.Add(csrf.GetProperty("headerName").GetString()!, csrf.GetProperty("token").GetString());
        return client;
    }

    public HttpClient AnonymousClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>An anonymous client whose requests come from <paramref name="address"/> (see <see cref="ClientAddressHeader"/>).</summary>
    public HttpClient ClientFrom(string address)
    {
        var client = AnonymousClient();
        client.DefaultRequestHeaders.Add(ClientAddressHeader, address);
        return client;
    }

    /// <summary>
    /// Drops this fixture's database. Cleanup is best effort: the server may still be closing the
    /// test host's connections, so it retries, and a database left behind only costs disk on a
    /// throw-away CI machine, never a test result.
    /// </summary>
    private void DropPostgresDatabase(string name)
    {
        NpgsqlConnection.ClearAllPools();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var connection = new NpgsqlConnection(_postgresAdmin);
                connection.Open();
                using var drop = connection.CreateCommand();
                drop.CommandText = $"DROP DATABASE IF EXISTS {name} WITH (FORCE)";
                drop.ExecuteNonQuery();
                return;
            }
            catch (PostgresException ex) when (attempt < 5)
            {
                Console.Error.WriteLine($"dropping {name} failed ({ex.SqlState} {ex.MessageText}); retrying");
                Thread.Sleep(500 * attempt);
            }
            catch (PostgresException ex)
            {
                Console.Error.WriteLine($"test database {name} was left behind: {ex.SqlState} {ex.MessageText}");
                return;
            }
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing)
        {
            return;
        }

        if (_postgresDatabase is not null)
        {
            DropPostgresDatabase(_postgresDatabase);
        }

        try
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a pool is left to the OS temp cleaner.
        }
    }
}

/// <summary>Sets the connection's remote address from <see cref="QualityCityFactory.ClientAddressHeader"/>, so tests can act as different clients.</summary>
internal sealed class ClientAddressFromTestHeader : Microsoft.AspNetCore.Hosting.IStartupFilter
{
    public Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> Configure(Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> next) => app =>
    {
        app.Use(nextMiddleware => http =>
        {
            if (http.Request.Headers.TryGetValue(QualityCityFactory.ClientAddressHeader, out var value)
                && System.Net.IPAddress.TryParse(value.ToString(), out var address))
            {
                http.Connection.RemoteIpAddress = address;
            }

            return nextMiddleware(http);
        });
        next(app);
    };
}

public sealed class SqliteFactory() : QualityCityFactory(DatabaseKind.Sqlite)
{
    protected override bool StartsFromTemplate => true;
}

public sealed class PostgresFactory() : QualityCityFactory(DatabaseKind.Postgres)
{
    protected override bool StartsFromTemplate => true;
}

/// <summary>
/// A demo city large enough for product quality: the 阳谷 cable cluster needs ten or more cable
/// firms in the county, which a city of 2,500 enterprises has and one of 300 does not.
/// </summary>
public sealed class SqliteQualityFactory() : QualityCityFactory(DatabaseKind.Sqlite)
{
    protected override int Enterprises => 2500;

    protected override bool StartsFromTemplate => true;
}

/// <summary>The same on PostgreSQL.</summary>
public sealed class PostgresQualityFactory() : QualityCityFactory(DatabaseKind.Postgres)
{
    protected override int Enterprises => 2500;

    protected override bool StartsFromTemplate => true;
}
