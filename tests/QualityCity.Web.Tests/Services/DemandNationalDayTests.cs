using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using QualityCity.Web.Modules.Services.OneWindow;
using QualityCity.Web.Tests.Infrastructure;

namespace QualityCity.Web.Tests.Services;

/// <summary>A demand filed the day before the 2026 National Day holiday, on a fixture whose clock stands there.</summary>
public abstract class DemandNationalDayTests(QualityCityFactory factory) : PlatformTest(factory)
{
    public static readonly DateTimeOffset EveOfNationalDay = new(2026, 9, 30, 10, 0, 0, TimeSpan.FromHours(8));

    [SkippableFact]
    public async Task A_demand_filed_before_national_day_skips_the_holiday_week_and_counts_the_make_up_saturday()
    {
        SkipIfUnavailable();
        var enterprise = await Factory.SignedInClientAsync("enterprise");
        var receipt = await DemandTests.FileAsync(enterprise, DemandTests.Filing(kind: "certification-testing", title: "产品认证咨询"));
        // 10-01 to 10-07 are the holiday; 10-08, 10-09, Saturday 10-10 (worked), 10-12 and 10-13: due at the end of 10-13.
        Assert.Equal(new DateTimeOffset(2026, 10, 14, 0, 0, 0, TimeSpan.FromHours(8)), receipt.GetProperty("dueAt").GetDateTimeOffset());
        var code = receipt.GetProperty("code").GetString()!;
        var accepted = await DemandTests.ActAsync(await Factory.SignedInClientAsync("samr.head"), code, new { action = "accept", complexity = "complex" });
        Assert.Equal(new DateTimeOffset(2026, 10, 28, 0, 0, 0, TimeSpan.FromHours(8)), accepted.GetProperty("sla").GetProperty("dueAt").GetDateTimeOffset());
        var seen = await enterprise.GetFromJsonAsync<JsonElement>($"/api/services/demands/{code}");
        Assert.Equal("running", seen.GetProperty("sla").GetProperty("clock").GetString());
    }

    [Fact]
    public void A_bad_one_window_setting_names_itself()
    {
        Assert.Contains($"{OneWindowOptions.Section}:Sla:Ordinary", Read(("Sla:Ordinary", "five working days")), StringComparison.Ordinal);
        Assert.Contains($"{OneWindowOptions.Section}:Routing:weighing", Read(("Routing:weighing", "samr")), StringComparison.Ordinal);
        Assert.Contains($"{OneWindowOptions.Section}:Sla:Answer", Read(("Sla:Answer", "3 working-days")), StringComparison.Ordinal);
        var configured = OneWindowOptions.Read(Configuration(("Sla:Ordinary", "3 working-days"), ("Routing:diagnosis", "industry")));
        Assert.Equal(3, configured.Rules.Ordinary.Length);
        Assert.Equal("industry", configured.UnitFor(Domain.Services.OneWindow.DemandKind.QualityDiagnosis));
        Assert.Equal(OneWindowOptions.DefaultUnit, configured.UnitFor(Domain.Services.OneWindow.DemandKind.Calibration));

        static string Read((string Key, string Value) setting) => Assert.Throws<InvalidOperationException>(() => OneWindowOptions.Read(Configuration(setting))).Message;
    }

    private static Microsoft.Extensions.Configuration.IConfiguration Configuration(params (string Key, string Value)[] settings) =>
        new Microsoft.Extensions.Configuration.ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>($"{OneWindowOptions.Section}:{s.Key}", s.Value))).Build();
}

public sealed class SqliteNationalDayFactory() : DatedFactory(DatabaseKind.Sqlite, DemandNationalDayTests.EveOfNationalDay);

public sealed class PostgresNationalDayFactory() : DatedFactory(DatabaseKind.Postgres, DemandNationalDayTests.EveOfNationalDay);

public class DatedFactory(DatabaseKind kind, DateTimeOffset now) : QualityCityFactory(kind, now);

public sealed class SqliteDemandNationalDayTests(SqliteNationalDayFactory factory) : DemandNationalDayTests(factory), IClassFixture<SqliteNationalDayFactory>;

public sealed class PostgresDemandNationalDayTests(PostgresNationalDayFactory factory) : DemandNationalDayTests(factory), IClassFixture<PostgresNationalDayFactory>;
