using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using QualityCity.Web.Data;
using QualityCity.Web.Hosting;
using QualityCity.Web.Localization;
using QualityCity.Web.Modules.Inspections;
using QualityCity.Web.Modules.Planning.Contracts;
using QualityCity.Web.Tests.Infrastructure;

namespace QualityCity.Web.Tests.Operations;

/// <summary>The platform started on a given day, its start-up output written to <see cref="Output"/>.</summary>
public sealed class DatedDemoFactory(DatabaseKind kind, DateTimeOffset now, bool loadsDemo = true, string? language = null) : QualityCityFactory(kind, now)
{
    public StringWriter Output { get; } = new();

    protected override bool LoadsDemo => loadsDemo;

    protected override IReadOnlyDictionary<string, string?> ExtraSettings =>
        new Dictionary<string, string?> { [StartupConsole.LanguageSetting] = language };

    /// <summary>The console the platform writes its progress and banner to, as the server makes it but onto <see cref="Output"/>.</summary>
    public StartupConsole Console => Services.GetRequiredService<StartupConsole>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<StartupConsole>();
            services.AddSingleton(sp => new StartupConsole(Output, StartupConsole.LanguageOf(sp.GetRequiredService<IConfiguration>()), sp.GetRequiredService<Text>()));
        });
    }
}

/// <summary>
/// The demo city started on any day of the year hangs together with that day: this year's plan was
/// published on time, the visits before today were done (or show overdue), those from today on are
/// still to come, and nothing is dated after today.
/// </summary>
public abstract partial class DemoYearTests(DatabaseKind kind)
{
    [GeneratedRegex("<li class=\"card\" data-visit=\"(?<key>[^\"]+)\"[^>]*>(?<body>.*?)</li>", RegexOptions.Singleline)]
    private static partial Regex ListedVisit();

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}")]
    private static partial Regex Day();

    [SkippableTheory]
    [InlineData("2026-01-09T10:00:00+08:00")] // before the plan's deadline, in the first weeks of the year
    [InlineData("2026-06-17T15:00:00+08:00")]
    [InlineData("2026-12-18T11:00:00+08:00")] // deadlines of the last weeks fall in 2027, whose calendar is not loaded
    public async Task The_demo_started_on_any_day_shows_a_coherent_year(string instant)
    {
        await using var factory = new DatedDemoFactory(kind, TestClock.Parse(instant));
        Skip.If(factory.UnavailableReason is not null, factory.UnavailableReason);
        var clock = new PlatformClock(factory.Clock);
        var (today, now) = (clock.Today, clock.UtcNow);
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QualityCityDbContext>();

        // This year's plan: committed, drawn, approved and published in that order, by its deadline and before today.
        var deadline = scope.ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<PlanningOptions>>().Value.DeadlineFor(today.Year);
        var draw = await db.PlanDraws.AsNoTracking().SingleAsync(d => d.Year == today.Year && d.Status == PlanStatus.Published);
        var committed = await db.PlanCommitments.AsNoTracking().Where(c => c.Digest == draw.CommitmentDigest).Select(c => c.CreatedAtUtc).SingleAsync();
        var approvals = await db.PlanApprovals.AsNoTracking().Where(a => a.DrawId == draw.Id).Select(a => a.ApprovedAtUtc).ToListAsync();
        Assert.True(committed <= draw.CreatedAtUtc, $"committed {committed:u}, drawn {draw.CreatedAtUtc:u}");
        Assert.NotEmpty(approvals);
        Assert.All(approvals, a => Assert.InRange(a, draw.CreatedAtUtc, draw.PublishedAtUtc!.Value));
        var publishedOn = DateOnly.FromDateTime(ChinaTime.FromUtc(draw.PublishedAtUtc!.Value));
        Assert.True(publishedOn <= deadline, $"published {publishedOn}, deadline {deadline}");
        Assert.True(publishedOn < today, $"published {publishedOn}, today {today}");

        var visits = await db.Visits.AsNoTracking().IncludeParts().Where(v => v.DrawId == draw.Id).ToListAsync();
        Assert.NotEmpty(visits);
        Assert.All(visits, v => Assert.True(v.CodeIssuedAtUtc == draw.PublishedAtUtc && DateOnly.FromDateTime(ChinaTime.FromUtc(v.CodeIssuedAtUtc)) <= v.Date,
            $"visit {v.VisitKey} on {v.Date}: code issued {v.CodeIssuedAtUtc:u}"));
        var keys = visits.Select(v => v.VisitKey).ToHashSet();
        var inspections = (await db.Inspections.AsNoTracking().Include(i => i.Results).ToListAsync()).Where(i => keys.Contains(i.VisitKey)).ToList();
        var recorded = inspections.Select(i => (i.VisitKey, i.DepartmentId)).ToHashSet();

        // Before today: done, or past its window and so overdue; from today on: still to come.
        var pendingUnmarked = visits.Where(v => v.Date < today && v.ValidTo >= today)
            .SelectMany(v => v.Departments.Where(d => !recorded.Contains((v.VisitKey, d.DepartmentId))).Select(d => $"{v.VisitKey} ({v.Date}, valid to {v.ValidTo})")).ToList();
        Assert.True(pendingUnmarked.Count == 0, "visits before today neither done nor overdue: " + string.Join(", ", pendingUnmarked.Take(5)));
        Assert.DoesNotContain(inspections, i => visits.Any(v => v.VisitKey == i.VisitKey && v.Date >= today));
        Assert.Equal(visits.Count(v => v.Date >= today), visits.Count(v => v.Date >= today && v.Status == VisitStatus.Registered));
        if (visits.Any(v => v.Date < today))
        {
            Assert.NotEmpty(inspections);
        }

        // Nothing is dated after today, anywhere in the city.
        var allInspections = await db.Inspections.AsNoTracking().Include(i => i.Results).ToListAsync();
        Assert.All(allInspections, i => Assert.True(i.Date < today && (i.PublishedAtUtc ?? now) <= now && i.Results.All(r => (r.RecordedAtUtc ?? now) <= now),
            $"inspection {i.VisitKey} on {i.Date}, published {i.PublishedAtUtc:u}"));
        var tasks = await db.RectificationTasks.AsNoTracking().ToListAsync();
        Assert.All(tasks, t => Assert.True((t.EvidenceAtUtc ?? now) <= now && (t.ClosedAtUtc ?? now) <= now, $"task {t.Id}: evidence {t.EvidenceAtUtc:u}, closed {t.ClosedAtUtc:u}"));
        Assert.All(await db.Samples.AsNoTracking().ToListAsync(), s => Assert.True(s.SampledOn <= today && (s.PublishedOn ?? today) <= today && (s.FinalOn ?? today) <= today,
            $"sample {s.SampleNo} sampled {s.SampledOn}, published {s.PublishedOn}"));

        // The year's results went public mostly within their working days; its problems are at every stage.
        var published = inspections.Where(i => i.PublishedAtUtc is not null).ToList();
        if (published.Count >= 20)
        {
            var onTime = published.Count(i => DateOnly.FromDateTime(ChinaTime.FromUtc(i.PublishedAtUtc!.Value)) <= i.PublicationDue);
            Assert.True(onTime >= published.Count * 0.8, $"{onTime} of {published.Count} published on time");
            var ids = inspections.Select(i => i.Id).ToHashSet();
            var stages = tasks.Where(t => ids.Contains(t.InspectionId)).Select(t => t.Status).ToHashSet();
            Assert.True(stages.SetEquals(["open", "submitted", "closed"]), "stages: " + string.Join(", ", stages));
        }

        // The officer's list shows no visit before today as still to do.
        var officer = await factory.SignedInClientAsync("samr.inspector");
        var list = await officer.GetStringAsync("/inspector");
        foreach (Match visit in ListedVisit().Matches(list))
        {
            var date = DateOnly.ParseExact(Day().Match(visit.Groups["body"].Value).Value, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            if (date < today)
            {
                Assert.DoesNotContain("待检查", visit.Groups["body"].Value, StringComparison.Ordinal);
            }
            else
            {
                Assert.Contains("待检查", visit.Groups["body"].Value, StringComparison.Ordinal);
            }
        }
    }

    [SkippableFact]
    public async Task Start_up_reports_the_demo_loading_step_by_step_and_a_banner_of_what_exists()
    {
        await using var demo = new DatedDemoFactory(kind, TestClock.Now);
        Skip.If(demo.UnavailableReason is not null, demo.UnavailableReason);
        StartupBanner.Write(demo.Services, "Testing", ["http://localhost:5080"], demo.Console);
        var output = demo.Output.ToString();
        var lines = output.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("正在载入演示城市（300 家市场主体）", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("登记库：300 家市场主体，12 个部门", StringComparison.Ordinal));
        Assert.Contains(lines, l => Regex.IsMatch(l, @"^既往检查：[\d,]+ 次"));
        Assert.Contains(lines, l => Regex.IsMatch(l, $@"^{TestClock.Today.Year} 年度检查计划：[\d,]+ 次检查，\d{{4}}-\d{{2}}-\d{{2}} 发布"));
        Assert.Contains(lines, l => Regex.IsMatch(l, @"^今年已完成检查：[\d,]+ 次"));
        Assert.InRange(Array.FindIndex(lines, l => l.StartsWith("QualityCity", StringComparison.Ordinal)), 4, 14); // a few lines of progress, then the banner
        Assert.Contains("网址：http://localhost:5080", output, StringComparison.Ordinal);
        Assert.Contains("演示账号（密码 Demo-2026）：", output, StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("samr.inspector", StringComparison.Ordinal) && l.Contains("市场监督管理局执法人员", StringComparison.Ordinal));
        Assert.DoesNotContain("Demo accounts", output, StringComparison.Ordinal);
        Assert.DoesNotContain("URL", output, StringComparison.Ordinal);

        // No demo: no progress, no demo accounts, the way to the first administrator instead.
        await using var empty = new DatedDemoFactory(kind, TestClock.Now, loadsDemo: false);
        StartupBanner.Write(empty.Services, "Production", ["https://qc.example.cn"], empty.Console);
        var bare = empty.Output.ToString();
        Assert.StartsWith("QualityCity", bare.TrimStart(), StringComparison.Ordinal);
        Assert.DoesNotContain("演示", bare, StringComparison.Ordinal);
        Assert.DoesNotContain("admin ", bare, StringComparison.Ordinal);
        Assert.Contains("还没有任何账号", bare, StringComparison.Ordinal);
        Assert.Contains("users add NAME --role admin", bare, StringComparison.Ordinal);

        // In English when configured, all of it.
        await using var english = new DatedDemoFactory(kind, TestClock.Now, language: "en");
        StartupBanner.Write(english.Services, "Development", ["http://localhost:5080"], english.Console);
        var en = english.Output.ToString();
        Assert.Contains("Loading the demo city (300 market entities)", en, StringComparison.Ordinal);
        Assert.Contains("Demo accounts (password Demo-2026):", en, StringComparison.Ordinal);
        Assert.True(!en.Any(c => c >= 0x2E80 && c != '\u3000'), "Chinese in the English output: " + en);
    }
}

public sealed class SqliteDemoYearTests() : DemoYearTests(DatabaseKind.Sqlite);

public sealed class PostgresDemoYearTests() : DemoYearTests(DatabaseKind.Postgres);
