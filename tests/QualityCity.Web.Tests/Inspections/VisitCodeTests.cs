using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using QualityCity.Domain.Execution;
using QualityCity.Web.Modules.Inspections;
using QualityCity.Web.Tests.Infrastructure;
using QualityCity.Web.Tests.Planning;

namespace QualityCity.Web.Tests.Inspections;

/// <summary>EXE-1: publishing a plan registers its visits with signed codes that anyone can check.</summary>
public abstract class VisitCodeTests(QualityCityFactory factory) : PlatformTest(factory)
{
    private async Task<(HttpClient Coordinator, int DrawId, int CommitmentId)> PublishedPlanAsync(int year)
    {
        var (coordinator, commitmentId) = await PlanScenario.CommitAsync(Factory, year);
        var drawId = await PlanScenario.DrawAsync(coordinator, commitmentId, PlanScenario.Seed("91"));
        await using var scope = OpenDb();
        await PlanScenario.PublishAsync(coordinator, scope, drawId);
        return (coordinator, drawId, commitmentId);
    }

    /// <summary>A registered visit made valid today (its window moved around today in the database).</summary>
    private async Task<(string VisitKey, string Code)> VisitValidTodayAsync(int drawId)
    {
        await using var scope = OpenDb();
        var visit = await scope.Db.Visits.Where(v => v.DrawId == drawId).OrderBy(v => v.Id).FirstAsync();
        var today = TestClock.Today;
        visit.ValidFrom = today.AddDays(-3);
        visit.ValidTo = today.AddDays(3);
        await scope.Db.SaveChangesAsync();
        return (visit.VisitKey, visit.Code);
    }

    [SkippableFact]
    public async Task Publishing_registers_every_visit_and_its_code_opens_a_page_that_says_it_is_valid_and_what_may_be_inspected()
    {
        SkipIfUnavailable();
        var (coordinator, drawId, _) = await PublishedPlanAsync(2040);
        using var plan = JsonDocument.Parse(await coordinator.GetByteArrayAsync($"/api/planning/draws/{drawId}/plan.json"));
        await using (var scope = OpenDb())
        {
            Assert.Equal(plan.RootElement.GetProperty("visits").GetArrayLength(), await scope.Db.Visits.CountAsync(v => v.DrawId == drawId));

            // Each visit, with every row of its parts, is written in its enterprise's county (ADR 0051).
            var counties = await scope.Db.MarketEntities.AsNoTracking().ToDictionaryAsync(e => e.CreditCode, e => e.CountyCode);
            var visits = await scope.Db.Visits.AsNoTracking().IncludeParts().AsSplitQuery().Where(v => v.DrawId == drawId).ToListAsync();
            Assert.All(visits, v =>
            {
                Assert.Equal(counties[v.CreditCode], v.CountyCode);
                var rows = v.Departments.SelectMany(d => d.Items.Select(i => i.CountyCode).Concat(d.Inspectors.Select(i => i.CountyCode)).Append(d.CountyCode)).ToList();
                Assert.NotEmpty(rows);
                Assert.All(rows, county => Assert.Equal(v.CountyCode, county));
            });
        }

        var (visitKey, code) = await VisitValidTodayAsync(drawId);
        var (exit, printed, _) = await RunCliAsync("visit", "code", visitKey);
        Assert.Equal(0, exit);
        Assert.Equal(code, printed.Trim());

        var page = await Factory.AnonymousClient().GetStringAsync($"/v/{code}");
        Assert.Contains("data-verdict=\"valid\"", page, StringComparison.Ordinal);
        Assert.Contains(visitKey, page, StringComparison.Ordinal);
        // Each officer's name and certificate number is marked as a name that no translation touches.
        Assert.Matches(@"执法人员：<span translate=""no"">[^<]+</span>（执法证号 <span translate=""no"">[^<]+</span>）", page);
        var visit = plan.RootElement.GetProperty("visits").EnumerateArray().Single(v => v.GetProperty("visitKey").GetString() == visitKey);
        foreach (var item in visit.GetProperty("obligations").EnumerateArray().SelectMany(o => o.GetProperty("items").EnumerateArray()).Take(5))
        {
            Assert.Contains(item.GetString()!, page, StringComparison.Ordinal);
        }

        // The QR image encodes the verification address.
        var svg = await coordinator.GetStringAsync($"/api/visits/{visitKey}/qr.svg");
        Assert.StartsWith("<svg", svg.TrimStart(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await (await Factory.SignedInClientAsync("enterprise")).GetAsync($"/api/visits/{visitKey}")).StatusCode);
    }

    [SkippableFact]
    public async Task A_code_verifies_with_the_published_key_and_one_changed_byte_makes_it_fail_and_the_page_warn()
    {
        SkipIfUnavailable();
        var (_, drawId, _) = await PublishedPlanAsync(2041);
        var (_, code) = await VisitValidTodayAsync(drawId);
        var anonymous = Factory.AnonymousClient();
        var pem = await anonymous.GetStringAsync("/.well-known/qualitycity/visit-code-key.pem");
        Assert.StartsWith("-----BEGIN PUBLIC KEY-----", pem, StringComparison.Ordinal);
        using var key = ECDsa.Create();
        key.ImportFromPem(pem);
        Assert.Equal(VisitCodeStatus.Authentic, VisitCode.Check(code, key).Status);

        var parts = code.Split('.');
        Assert.True(Base64Url.TryDecode(parts[0], out var payload));
        Assert.True(Base64Url.TryDecode(parts[1], out var signature));
        payload[14] ^= 0x01; // a digit of the visit key's year: still JSON, no longer what was signed
        var altered = Base64Url.Encode(payload) + "." + parts[1];
        Assert.Equal(VisitCodeStatus.Forged, VisitCode.Check(altered, key).Status);
        var page = await anonymous.GetStringAsync($"/v/{altered}");
        Assert.Contains("data-verdict=\"forged\"", page, StringComparison.Ordinal);
        Assert.Contains("12345", page, StringComparison.Ordinal);
        Assert.Contains("data-verdict=\"malformed\"", await anonymous.GetStringAsync("/v/not-a-code"), StringComparison.Ordinal);

        // The documented offline procedure: split at '.', decode both halves, openssl dgst -verify.
        if (File.Exists("/usr/bin/openssl"))
        {
            var folder = Directory.CreateTempSubdirectory("code").FullName;
            await File.WriteAllTextAsync(Path.Combine(folder, "visit-code-key.pem"), pem);
            await File.WriteAllBytesAsync(Path.Combine(folder, "signature.der"), signature);
            Assert.True(Base64Url.TryDecode(parts[0], out var original));
            await File.WriteAllBytesAsync(Path.Combine(folder, "payload.json"), original);
            Assert.Equal("Verified OK", (await OpenSslVerifyAsync(folder)).Trim());
            await File.WriteAllBytesAsync(Path.Combine(folder, "payload.json"), payload);
            Assert.Contains("Verification failure", await OpenSslVerifyAsync(folder), StringComparison.Ordinal);
        }
    }

    [SkippableFact]
    public async Task A_redraw_cancels_the_earlier_visits_and_their_codes_warn()
    {
        SkipIfUnavailable();
        var (coordinator, drawId, commitmentId) = await PublishedPlanAsync(2042);
        string code;
        await using (var scope = OpenDb())
        {
            code = await scope.Db.Visits.Where(v => v.DrawId == drawId).OrderBy(v => v.Id).Select(v => v.Code).FirstAsync();
        }

        var redraw = await PlanScenario.DrawAsync(coordinator, commitmentId, PlanScenario.Seed("92"), "the first seed was read out wrongly");
        await using (var scope = OpenDb())
        {
            await PlanScenario.PublishAsync(coordinator, scope, redraw);
            Assert.Equal(0, await scope.Db.Visits.CountAsync(v => v.DrawId == drawId && v.Status == "registered"));
        }

        var page = await Factory.AnonymousClient().GetStringAsync($"/v/{code}");
        Assert.Contains("data-verdict=\"cancelled\"", page, StringComparison.Ordinal);
        // Why, in the page's language, naming the re-draw.
        Assert.Contains($"年度计划重新抽取（第 {redraw} 号抽取）", page, StringComparison.Ordinal);
    }

    private static async Task<string> OpenSslVerifyAsync(string folder)
    {
        var start = new ProcessStartInfo("/usr/bin/openssl", ["dgst", "-sha256", "-verify", "visit-code-key.pem", "-signature", "signature.der", "payload.json"])
        {
            WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return output;
    }
}

public sealed class SqliteVisitCodeTests(SqliteFactory factory) : VisitCodeTests(factory), IClassFixture<SqliteFactory>;

public sealed class PostgresVisitCodeTests(PostgresFactory factory) : VisitCodeTests(factory), IClassFixture<PostgresFactory>;
