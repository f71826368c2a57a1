using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using QualityCity.Domain.Registry;
using QualityCity.Web.Hosting;
using QualityCity.Web.Tests.Infrastructure;

namespace QualityCity.Web.Tests.Operations;

/// <summary>The platform as operations runs it: a scrape token configured and every log message kept.</summary>
public class OperationsFactory(DatabaseKind kind) : LogRecordingFactory(kind)
{
    public const string ScrapeToken = "scrape-token-for-tests-0123456789";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Metrics:ScrapeToken", ScrapeToken);
    }
}

public sealed class SqliteOperationsFactory() : OperationsFactory(DatabaseKind.Sqlite);

public sealed class PostgresOperationsFactory() : OperationsFactory(DatabaseKind.Postgres);

/// <summary>Metrics for Prometheus, the health check and logs without personal data (docs/operations.md).</summary>
public abstract class OperationsTests(OperationsFactory factory) : PlatformTest(factory)
{
    private static int _serial;

    private readonly OperationsFactory _operations = factory;

    [SkippableFact]
    public async Task Metrics_refuse_anonymous_callers_wrong_tokens_and_users_who_are_not_administrators()
    {
        SkipIfUnavailable();
        await AssertRefusedAsync(Factory.AnonymousClient(), null, HttpStatusCode.Unauthorized);
        await AssertRefusedAsync(Factory.AnonymousClient(), "not-the-scrape-token-0123456789", HttpStatusCode.Unauthorized);
        await AssertRefusedAsync(Factory.AnonymousClient(), OperationsFactory.ScrapeToken + "x", HttpStatusCode.Unauthorized);
        foreach (var user in new[] { "coordinator", "samr.head", "samr.inspector", "enterprise" })
        {
            var client = await Factory.SignedInClientAsync(user);
            await AssertRefusedAsync(client, null, HttpStatusCode.Forbidden);
            // A wrong token does not fall back to the cookie.
            await AssertRefusedAsync(client, "not-the-scrape-token-0123456789", HttpStatusCode.Unauthorized);
        }
    }

    [SkippableFact]
    public async Task Metrics_are_read_with_the_scrape_token_or_as_administrator_and_count_requests_queries_and_imports()
    {
        SkipIfUnavailable();
        var admin = await Factory.SignedInClientAsync("admin");
        var job = await ImportRegistryAsync(admin, "metrics.csv", "credit_code,name,county_code", $"{NewCode()},指标测试有限公司（演示）,371521", "BAD,坏行,371521");
        Assert.Equal("completed", job.GetProperty("status").GetString());

        var asAdmin = await admin.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, asAdmin.StatusCode);
        Assert.Equal("text/plain", asAdmin.Content.Headers.ContentType?.MediaType);
        var byToken = await ScrapeAsync(Factory.AnonymousClient(), OperationsFactory.ScrapeToken);
        Assert.Equal(HttpStatusCode.OK, byToken.StatusCode);

        foreach (var body in new[] { await asAdmin.Content.ReadAsStringAsync(), await byToken.Content.ReadAsStringAsync() })
        {
            Assert.Contains(Series(body, "http_server_request_duration_seconds_count"), s => s.Contains("http_route=\"/api/registry/imports\"", StringComparison.Ordinal));
            Assert.NotEmpty(Series(body, "microsoft_entityframeworkcore_queries_total"));
            if (Factory.Kind == DatabaseKind.Postgres)
            {
                Assert.NotEmpty(Series(body, "db_client_operation_duration_seconds_count"));
            }

            Assert.Contains(Series(body, "qualitycity_import_finished_total"), s => s.Contains("kind=\"registry\"", StringComparison.Ordinal));
            Assert.Contains(Series(body, "qualitycity_import_rows_total"), s => s.Contains("kind=\"registry\"", StringComparison.Ordinal)
                                                                            && s.Contains("outcome=\"rejected\"", StringComparison.Ordinal));
            Assert.Contains(Series(body, "qualitycity_job_runs_total"), s => s.Contains("job=\"registry_import\"", StringComparison.Ordinal));
        }
    }

    [SkippableFact]
    public async Task Sign_in_rate_limit_and_public_document_metrics_carry_only_names_from_code()
    {
        SkipIfUnavailable();
        var metrics = Factory.Services.GetRequiredService<PlatformMetrics>();
        var creditCode = NewCode();
        metrics.SignInAttempted("LockedOut");
        metrics.SignInAttempted("张三");
        metrics.RateLimited("sign-in");
        metrics.PublicDocumentGenerated("inspection-results-2026.csv", 123_456, TimeSpan.FromMilliseconds(250));
        // Values that must never become labels: a person's name and phone, a credit code.
        metrics.PublicDocumentGenerated("张三 13800138000.pdf", 1, TimeSpan.Zero);
        metrics.PublicDocumentGenerated(creditCode, 1, TimeSpan.Zero);

        var body = await (await ScrapeAsync(Factory.AnonymousClient(), OperationsFactory.ScrapeToken)).Content.ReadAsStringAsync();
        Assert.Contains(Series(body, "qualitycity_sign_in_attempts_total"), s => s.Contains("outcome=\"locked\"", StringComparison.Ordinal));
        Assert.Contains(Series(body, "qualitycity_sign_in_attempts_total"), s => s.Contains("outcome=\"other\"", StringComparison.Ordinal));
        Assert.Contains(Series(body, "qualitycity_rate_limit_rejections_total"), s => s.Contains("policy=\"sign-in\"", StringComparison.Ordinal));
        Assert.Contains(Series(body, "qualitycity_public_document_generations_total"), s => s.Contains("name=\"inspection-results-2026.csv\"", StringComparison.Ordinal));
        Assert.Contains(Series(body, "qualitycity_public_document_size_bytes_sum"), s => s.Contains("name=\"other\"", StringComparison.Ordinal));
        Assert.NotEmpty(Series(body, "qualitycity_public_document_duration_seconds_count"));
        foreach (var value in new[] { "张三", "13800138000", creditCode, creditCode.ToLowerInvariant() })
        {
            Assert.DoesNotContain(value, body, StringComparison.Ordinal);
        }
    }

    [SkippableFact]
    public async Task Healthz_answers_Healthy_to_anyone_while_the_database_answers()
    {
        SkipIfUnavailable();
        var client = Factory.AnonymousClient();
        foreach (var path in new[] { "/healthz", "/healthz/live" })
        {
            var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
        }
    }

    [SkippableFact]
    public async Task Logs_carry_no_personal_data_from_sign_ins_and_imports()
    {
        SkipIfUnavailable();
        const string typedUserName = "隐私测试甲用户名";
        const string contactName = "隐私测试乙联系人";
        const string contactPhone = "13987654321";
        const string fileName = "隐私测试丙的名单";
        string[] personal = [typedUserName, contactName, contactPhone, fileName];

        var anonymous = Factory.AnonymousClient();
        var signIn = await anonymous.PostAsJsonAsync("/api/account/login", new { userName = typedUserName, password = "wrong-password" });
        Assert.Equal(HttpStatusCode.Unauthorized, signIn.StatusCode);

        var admin = await Factory.SignedInClientAsync("admin");
        var code = NewCode();
        var imported = await ImportRegistryAsync(admin, fileName + ".csv", "credit_code,name,county_code,contact_name,contact_phone",
            $"{code},隐私测试有限公司（演示）,371521,{contactName},{contactPhone}",
            $"{code[..17]},{contactName}的公司,371521,{contactName},{contactPhone}");
        Assert.Equal("completed", imported.GetProperty("status").GetString());
        // A file that cannot be read fails as a whole, and its job says why.
        var refused = await ImportRegistryAsync(admin, fileName + "-2.csv", "联系人,联系电话", $"{contactName},{contactPhone}");
        Assert.Equal("failed", refused.GetProperty("status").GetString());

        var samr = await Factory.SignedInClientAsync("samr.head");
        var lab = await UploadAsync(samr, "/api/quality/samples/import", fileName + "-lab.csv",
            "sample_no,level,authority,product_category,producer_credit_code,sampled_on,item,passed", $"PRIV-1,city,x,pvc-wire,{code},2026-05-06,marking,合格");
        Assert.Equal("done", (await BackgroundJobs.WaitForAcceptedAsync(samr, lab)).GetProperty("state").GetString());
        var production = await UploadAsync(admin, "/api/registry/production-records/import", fileName + "-production.csv",
            "统一社会信用代码,年度,工业总产值（万元）", $"{code[..17]},2020,10");
        Assert.Equal(HttpStatusCode.OK, production.StatusCode);

        var logs = _operations.Logs.Logs;
        Assert.NotEmpty(logs);
        foreach (var log in logs)
        {
            foreach (var value in personal)
            {
                Assert.False(log.Line.Contains(value, StringComparison.Ordinal), $"a log line carries \"{value}\": {log.Line}");
            }
        }
    }

    private static string NewCode()
    {
        var n = Interlocked.Increment(ref _serial) + (Environment.ProcessId % 1000 * 10_000);
        return CreditCode.Compose("91", "371521", "P" + n.ToString("0000000", CultureInfo.InvariantCulture));
    }

    private static Task<HttpResponseMessage> ScrapeAsync(HttpClient client, string? token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client.SendAsync(request);
    }

    private static async Task AssertRefusedAsync(HttpClient client, string? token, HttpStatusCode expected)
    {
        var response = await ScrapeAsync(client, token);
        Assert.Equal(expected, response.StatusCode);
        Assert.DoesNotContain("# TYPE", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>The sample lines of one metric in the Prometheus text format.</summary>
    private static List<string> Series(string body, string metric) =>
        body.Split('\n').Where(l => l.StartsWith(metric + "{", StringComparison.Ordinal) || l.StartsWith(metric + " ", StringComparison.Ordinal)).ToList();

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string path, string fileName, params string[] lines)
    {
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n")), "file", fileName },
        };
        return await client.PostAsync(path, form);
    }

    /// <summary>Uploads a registry file and waits for its background job to end.</summary>
    private static async Task<JsonElement> ImportRegistryAsync(HttpClient admin, string fileName, params string[] lines) =>
        (await RegistryUploads.ImportAsync(admin, Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n"), fileName)).Job;
}

public sealed class SqliteOperationsTests(SqliteOperationsFactory factory) : OperationsTests(factory), IClassFixture<SqliteOperationsFactory>;

public sealed class PostgresOperationsTests(PostgresOperationsFactory factory) : OperationsTests(factory), IClassFixture<PostgresOperationsFactory>;
