using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using QualityCity.Web.Localization;
using QualityCity.Web.Modules.Jobs;
using QualityCity.Web.Modules.Jobs.Contracts;
using QualityCity.Web.Tests.Infrastructure;

namespace QualityCity.Web.Tests.Quality;

/// <summary>
/// The quality module's background jobs over HTTP: a job that fails says why, a job's state is read
/// only by those who may start it, and a run cut short by a restart runs again when that is safe
/// and is reported failed otherwise. (The lab import's counts, the re-grading after a failed sample,
/// the scan and the rebuild through their jobs are in <see cref="QualityTests"/>.)
/// </summary>
public abstract class QualityJobTests(QualityCityFactory factory) : PlatformTest(factory)
{
    private const string Authority = "聊城市市场监督管理局";

    private async Task<string[]> EnterprisesAsync(int count)
    {
        await using var scope = OpenDb();
        var sampled = await scope.Db.Samples.Select(s => s.ProducerCreditCode).Distinct().ToListAsync();
        return (await scope.Db.MarketEntities.AsNoTracking().Where(e => e.Category == "Enterprise" && e.Status == "active").OrderByDescending(e => e.Id)
            .Select(e => e.CreditCode).ToListAsync()).Where(c => !sampled.Contains(c)).Take(count).ToArray();
    }

    private static MultipartFormDataContent LabFile(string fileName, byte[] content) => new() { { new ByteArrayContent(content), "file", fileName } };

    private static byte[] LabCsv(params string[] rows) =>
        Encoding.UTF8.GetBytes("sample_no,level,authority,product_category,producer_credit_code,sampled_on,item,measured,passed\n" + string.Join("\n", rows) + "\n");

    private string[] StoredUploads(string prefix) =>
        Directory.Exists(Path.Combine(Factory.DataDirectory, "imports"))
            ? Directory.GetFiles(Path.Combine(Factory.DataDirectory, "imports"), prefix + "*")
            : [];

    [SkippableFact]
    public async Task A_lab_file_that_cannot_be_read_ends_its_job_as_failed_with_the_reason_and_leaves_no_file_behind()
    {
        SkipIfUnavailable();
        var samr = await Factory.SignedInClientAsync("samr.head");
        using var form = LabFile("lab.xlsx", "this is not a workbook"u8.ToArray());

        var job = await BackgroundJobs.WaitForAcceptedAsync(samr, await samr.PostAsync("/api/quality/samples/import", form));

        Assert.Equal(("lab_import", "failed"), (job.GetProperty("kind").GetString(), job.GetProperty("state").GetString()));
        Assert.Contains("not a readable .xlsx workbook", job.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, job.GetProperty("result").ValueKind);
        Assert.NotEqual(JsonValueKind.Null, job.GetProperty("finishedAtUtc").ValueKind);
        Assert.Empty(StoredUploads("lab-"));

        // The page lists the import with its state and reason, and no longer polls for it.
        var id = job.GetProperty("id").GetGuid();
        var page = await samr.GetStringAsync("/quality/samples");
        Assert.Contains($"id=\"job-{id}\"", page, StringComparison.Ordinal);
        var row = await samr.GetStringAsync($"/quality/samples?handler=Job&id={id}");
        Assert.Contains("data-job-state=\"failed\"", row, StringComparison.Ordinal);
        Assert.Contains("not a readable .xlsx workbook", row, StringComparison.Ordinal);
        Assert.DoesNotContain("hx-get", row, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_jobs_state_is_read_only_under_the_rule_of_the_route_that_started_it()
    {
        SkipIfUnavailable();
        var producers = await EnterprisesAsync(2);
        var samr = await Factory.SignedInClientAsync("samr.head");
        var sampledOn = TestClock.Today.AddDays(-20).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        using var form = LabFile("lab.csv", LabCsv(
            $"JOB-1,city,{Authority},pvc-wire,{producers[0]},{sampledOn},conductor-resistance,7.30,合格",
            $"JOB-1,city,{Authority},pvc-wire,{producers[0]},{sampledOn},no-such-item,1,合格"));
        var accepted = await samr.PostAsync("/api/quality/samples/import", form);
        var location = accepted.Headers.Location!.OriginalString;
        var job = await BackgroundJobs.WaitForAcceptedAsync(samr, accepted);
        Assert.Equal(("done", 2, 1), (job.GetProperty("state").GetString(), job.GetProperty("done").GetInt32(), job.GetProperty("failed").GetInt32()));
        var id = job.GetProperty("id").GetGuid();

        // The API: those who may import (the market regulator's staff, the coordinator, the administrator), nobody else.
        foreach (var user in new[] { "samr.inspector", "coordinator", "admin" })
        {
            Assert.Equal(HttpStatusCode.OK, (await (await Factory.SignedInClientAsync(user)).GetAsync(location)).StatusCode);
        }

        foreach (var user in new[] { "emergency.head", "enterprise" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await (await Factory.SignedInClientAsync(user)).GetAsync(location)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await Factory.AnonymousClient().GetAsync(location)).StatusCode);

        // The page's row: the same rule, as the page answers it.
        var rowUrl = $"/quality/samples?handler=Job&id={id}";
        var row = await samr.GetStringAsync(rowUrl);
        Assert.Contains("data-job-state=\"done\"", row, StringComparison.Ordinal);
        Assert.Contains("no-such-item", row, StringComparison.Ordinal);
        var refused = await (await Factory.SignedInClientAsync("emergency.head")).GetAsync(rowUrl);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var anonymous = await Factory.AnonymousClient().GetAsync(rowUrl);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/account/login", anonymous.Headers.Location!.PathAndQuery, StringComparison.Ordinal);

        // A map rebuild is the administrator's, and so is its job; another module's job is not here at all.
        var admin = await Factory.SignedInClientAsync("admin");
        var rebuild = await admin.PostAsync("/api/quality/map/rebuild", null);
        Assert.Equal(HttpStatusCode.Forbidden, (await samr.GetAsync(rebuild.Headers.Location!.OriginalString)).StatusCode);
        Assert.Equal("done", (await BackgroundJobs.WaitForAcceptedAsync(admin, rebuild)).GetProperty("state").GetString());
        var (registryJob, _) = await RegistryUploads.ImportAsync(admin, Encoding.UTF8.GetBytes("credit_code,name\n"), "empty.csv");
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/quality/jobs/{registryJob}")).StatusCode);

        // A sample's re-grading: its row on the sample's page, for those who may record steps.
        var recorded = await samr.PostAsJsonAsync("/api/quality/samples", new
        {
            sampleNo = "JOB-2", level = "city", authority = Authority, kind = "routine", productCategory = "pvc-wire", producerCreditCode = producers[1],
            sampledOn = TestClock.Today.AddDays(-19).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), items = new[] { new { item = "conductor-resistance", passed = false } },
        });
        Assert.Equal(HttpStatusCode.OK, recorded.StatusCode);
        var regrade = await BackgroundJobs.WaitAsync(samr, BackgroundJobs.RegradeLocation(recorded)!);
        var sampleId = (await recorded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var regradeRow = $"/quality/samples/{sampleId}?handler=Job&job={regrade.GetProperty("id").GetGuid()}";
        Assert.Contains("data-job-state=\"done\"", await samr.GetStringAsync(regradeRow), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await Factory.SignedInClientAsync("emergency.head")).GetAsync(regradeRow)).StatusCode);
    }

    [SkippableFact]
    public async Task A_run_cut_short_by_a_restart_runs_again_when_that_is_safe_and_is_reported_failed_otherwise()
    {
        SkipIfUnavailable();
        var upload = Path.Combine(Factory.DataDirectory, "imports", $"lab-restart-{Guid.NewGuid():N}.csv");
        Directory.CreateDirectory(Path.GetDirectoryName(upload)!);
        await File.WriteAllBytesAsync(upload, LabCsv());
        var (scan, lab, registry) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await using (var scope = OpenDb())
        {
            // As a stop in the middle of their runs leaves them.
            var started = new DateTime(2026, 5, 6, 2, 0, 0, DateTimeKind.Utc);
            BackgroundJob Running(Guid id, string kind, object? input) => new()
            {
                Id = id, Kind = kind, State = JobStates.Running, StartedBy = "samr.head", Culture = "zh-CN", QueuedAtUtc = started, StartedAtUtc = started,
                Input = input is null ? null : JsonSerializer.Serialize(input), Done = 7,
            };
            scope.Db.BackgroundJobs.AddRange(
                Running(scan, "flag_scan", null),
                Running(lab, "lab_import", new { path = upload, fileName = "lab.csv" }),
                Running(registry, "registry_import", new { path = upload + ".registry", fileName = "registry.csv" }));
            scope.Db.ImportJobs.Add(new Web.Modules.Registry.ImportJob { Id = registry, FileName = "registry.csv", Status = "running", Actor = "admin", StartedAtUtc = started });
            await scope.Db.SaveChangesAsync();
        }

        var recovered = await JobWorker.RecoverInterruptedAsync(Factory.Services.GetRequiredService<IServiceScopeFactory>(), Factory.Services.GetRequiredService<TimeProvider>(),
            Factory.Services.GetRequiredService<Text>(), CancellationToken.None);
        Factory.Services.GetRequiredService<JobSignal>().Wake();

        Assert.True(recovered >= 3, $"{recovered} jobs recovered");
        var samr = await Factory.SignedInClientAsync("samr.head");
        // The scan is idempotent: it ran again, to the end.
        var again = await BackgroundJobs.WaitAsync(samr, $"/api/quality/jobs/{scan}");
        Assert.Equal("done", again.GetProperty("state").GetString());
        Assert.True(again.GetProperty("result").GetProperty("added").GetInt32() >= 0);
        // The lab import may have saved its samples before the stop: it is reported failed, and its file is gone.
        var failed = await samr.GetFromJsonAsync<JsonElement>($"/api/quality/jobs/{lab}");
        Assert.Equal("failed", failed.GetProperty("state").GetString());
        Assert.Contains("服务重启", failed.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.False(File.Exists(upload));
        // The registry import's own record says so too.
        var registryRecord = await (await Factory.SignedInClientAsync("admin")).GetFromJsonAsync<JsonElement>($"/api/registry/imports/{registry}");
        Assert.Equal("failed", registryRecord.GetProperty("status").GetString());
        Assert.Contains("服务重启", registryRecord.GetProperty("failureMessage").GetString(), StringComparison.Ordinal);
    }
}

public sealed class SqliteQualityJobTests(SqliteFactory factory) : QualityJobTests(factory), IClassFixture<SqliteFactory>;

public sealed class PostgresQualityJobTests(PostgresFactory factory) : QualityJobTests(factory), IClassFixture<PostgresFactory>;
