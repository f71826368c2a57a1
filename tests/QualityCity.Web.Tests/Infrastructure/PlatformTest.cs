using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using QualityCity.Web.Cli;
using QualityCity.Web.Data;

namespace QualityCity.Web.Tests.Infrastructure;

/// <summary>
/// Base of the integration tests: the same test methods run once per database, through a derived
/// class per provider. Every test starts with <see cref="SkipIfUnavailable"/>.
/// </summary>
public abstract class PlatformTest(QualityCityFactory factory)
{
    protected QualityCityFactory Factory { get; } = factory;

    protected void SkipIfUnavailable() => Skip.If(Factory.UnavailableReason is not null, Factory.UnavailableReason);

    /// <summary>A database context on this fixture's database (the server is started first).</summary>
    protected AsyncServiceScopeWithDb OpenDb()
    {
        var scope = Factory.Services.CreateAsyncScope();
        return new AsyncServiceScopeWithDb(scope, scope.ServiceProvider.GetRequiredService<QualityCityDbContext>());
    }

    /// <summary>Runs a command-line verb against this fixture's database, as the executable would.</summary>
    protected Task<(int ExitCode, string Output, string Error)> RunCliAsync(params string[] args) => RunCliAsync(new Dictionary<string, string?>(), args);

    /// <summary>Runs a verb with extra settings on top of the fixture's (e.g. other planning rules).</summary>
    protected Task<(int ExitCode, string Output, string Error)> RunCliAsync(IReadOnlyDictionary<string, string?> settings, params string[] args) =>
        RunCliAsync(Factory, settings, args);

    /// <summary>Runs a verb against a fixture's database, for fixtures that are not a test's own.</summary>
    internal static async Task<(int ExitCode, string Output, string Error)> RunCliAsync(QualityCityFactory factory, IReadOnlyDictionary<string, string?> settings,
        params string[] args)
    {
        _ = factory.Services; // the server has migrated and loaded the demo city
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await CommandLine.RunAsync(args, output, error, c => c.AddInMemoryCollection(factory.Settings).AddInMemoryCollection(settings),
            configureServices: factory.UseClock);
        return (exit, output.ToString(), error.ToString());
    }

    /// <summary>The day <paramref name="days"/> before the frozen today (<see cref="TestClock"/>), as the API takes it.</summary>
    protected static string DaysAgo(int days) => Iso(TestClock.Today.AddDays(-days));

    protected static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A file in this fixture's data directory.</summary>
    protected string TempFile(string name) => Path.Combine(Factory.DataDirectory, $"{Guid.NewGuid():N}-{name}");
}

public sealed class AsyncServiceScopeWithDb(AsyncServiceScope scope, QualityCityDbContext db) : IAsyncDisposable
{
    public QualityCityDbContext Db { get; } = db;

    public ValueTask DisposeAsync() => scope.DisposeAsync();
}
