using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Data;
using QualityCity.Web.Modules.Checklists.Contracts;
using QualityCity.Web.Modules.Inspections;
using QualityCity.Web.Modules.Inspections.PublicResults;
using QualityCity.Web.Tests.Infrastructure;

namespace QualityCity.Web.Tests.Inspections;

/// <summary>Published results of one enterprise, put straight in the database: the public list and detail pages read them.</summary>
public sealed record PublishedResults(string CreditCode, string EnterpriseName, IReadOnlyList<long> Published, long Unpublished, string ProblemItem, string PassItem);

/// <summary>The public list of inspection results (/results) and a page per published result (/results/{id}) over HTTP.</summary>
public abstract class PublicResultsTests(QualityCityFactory factory) : PlatformTest(factory)
{
    private const string BrowserAccept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    /// <summary>A note that names a person and a phone: it is the officer's record, never the public's.</summary>
    public const string PrivateNote = "负责人张某某 13800138000 拒不配合";

    /// <summary>
    /// <paramref name="count"/> published results of an enterprise no other result names (each a problem with an open task
    /// and a pass), and one more recorded but not yet published.
    /// </summary>
    public static async Task<PublishedResults> SeedAsync(QualityCityDbContext db, int count)
    {
        var samr = await db.Departments.SingleAsync(d => d.Code == "samr");
        var items = await db.ChecklistItems.Where(c => c.DepartmentId == samr.Id && c.Status == ChecklistStatus.Published)
            .OrderBy(c => c.Code).Take(2).ToListAsync();
        var entity = await db.MarketEntities.Where(e => !db.Inspections.Any(i => i.CreditCode == e.CreditCode))
            .OrderBy(e => e.CreditCode).FirstAsync();
        var published = TestClock.UtcNow.AddDays(-3);
        var inspections = Enumerable.Range(0, count + 1).Select(n => new Inspection
        {
            VisitKey = $"public-results/{entity.CreditCode}/{n}", CreditCode = entity.CreditCode, CountyCode = entity.CountyCode, DepartmentId = samr.Id, Date = TestClock.Today.AddDays(-30 - n),
            Kind = InspectionKinds.Routine, InspectorIds = "1", PublishedAtUtc = n < count ? published.AddMinutes(-n) : null,
            Results =
            [
                new InspectionItemResult { CountyCode = entity.CountyCode, ItemCode = items[0].Code, ItemVersion = items[0].Version, Outcome = Outcomes.Problem, Notes = PrivateNote },
                new InspectionItemResult { CountyCode = entity.CountyCode, ItemCode = items[1].Code, ItemVersion = items[1].Version, Outcome = Outcomes.Pass },
            ],
        }).ToList();
        db.Inspections.AddRange(inspections);
        await db.SaveChangesAsync();
        db.RectificationTasks.AddRange(inspections.Select(i => new RectificationTask
        {
            InspectionId = i.Id, CreditCode = entity.CreditCode, DepartmentId = samr.Id, ItemCode = items[0].Code, Problem = PrivateNote,
            DueDate = TestClock.Today.AddDays(10), Status = "open",
        }));
        await db.SaveChangesAsync();
        return new PublishedResults(entity.CreditCode, entity.Name, inspections.Take(count).Select(i => i.Id).ToList(), inspections[count].Id, items[0].Code, items[1].Code);
    }

    private static int Rows(string html) => Regex.Count(html, "<tr data-inspection=\"");

    [SkippableFact]
    public async Task The_list_says_how_many_match_and_pages_them_newest_first()
    {
        SkipIfUnavailable();
        PublishedResults seeded;
        await using (var scope = OpenDb())
        {
            seeded = await SeedAsync(scope.Db, PublicResultsModel.PageSize + 3);
        }

        var anonymous = Factory.AnonymousClient();
        var first = await anonymous.GetStringAsync($"/results?Q={seeded.CreditCode}");
        Assert.Contains($"共 {PublicResultsModel.PageSize + 3} 条", first, StringComparison.Ordinal);
        Assert.Equal(PublicResultsModel.PageSize, Rows(first));
        Assert.Contains($"data-inspection=\"{seeded.Published[0]}\"", first, StringComparison.Ordinal);
        Assert.DoesNotContain($"data-inspection=\"{seeded.Unpublished}\"", first, StringComparison.Ordinal);
        Assert.Contains($"href=\"/results?Q={seeded.CreditCode}&amp;p=2\"", first, StringComparison.Ordinal);
        Assert.Contains("data-label=\"发现问题\"", first, StringComparison.Ordinal);

        var second = await anonymous.GetStringAsync($"/results?Q={seeded.CreditCode}&p=2");
        Assert.Equal(3, Rows(second));
        Assert.Contains("第 2 页", second, StringComparison.Ordinal);
        Assert.Contains($"data-inspection=\"{seeded.Published[^1]}\"", second, StringComparison.Ordinal);
        Assert.Contains($"href=\"/results?Q={seeded.CreditCode}\"", second, StringComparison.Ordinal); // back to the first page
        Assert.DoesNotContain("下一页", second, StringComparison.Ordinal);

        // The name finds the same results; a page past the end is an empty page, a page out of bounds a 400.
        Assert.Contains($"共 {PublicResultsModel.PageSize + 3} 条", await anonymous.GetStringAsync($"/results?Q={Uri.EscapeDataString(seeded.EnterpriseName)}"),
            StringComparison.Ordinal);
        Assert.Contains("回到第一页", await anonymous.GetStringAsync($"/results?Q={seeded.CreditCode}&p=9"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await anonymous.GetAsync("/results?p=0")).StatusCode);

        // The search form still answers with the search's address, the page kept.
        var token = Regex.Match(first, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var searched = await anonymous.PostAsync("/results", new FormUrlEncodedContent([new("Q", seeded.CreditCode), new("p", "2"), new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.SeeOther, searched.StatusCode);
        Assert.Equal($"/results?Q={seeded.CreditCode}&p=2", searched.Headers.Location!.OriginalString);
    }

    [SkippableFact]
    public async Task A_search_that_finds_nothing_says_so_and_what_to_try()
    {
        SkipIfUnavailable();
        var html = await Factory.AnonymousClient().GetStringAsync($"/results?Q={Uri.EscapeDataString("查无此企业名称")}");
        Assert.Contains("共 0 条", html, StringComparison.Ordinal);
        Assert.Contains("没有符合条件的检查结果", html, StringComparison.Ordinal);
        Assert.Contains("统一社会信用代码的前几位", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/results\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"public-results\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"results-pages\"", html, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_published_result_has_its_page_without_personal_data_and_an_unpublished_one_is_the_404_page()
    {
        SkipIfUnavailable();
        PublishedResults seeded;
        await using (var scope = OpenDb())
        {
            seeded = await SeedAsync(scope.Db, 1);
        }

        var anonymous = Factory.AnonymousClient();
        var detail = await anonymous.GetAsync($"/results/{seeded.Published[0]}");
        Assert.Equal(HttpStatusCode.OK, detail.StatusCode);
        var html = await detail.Content.ReadAsStringAsync();
        Assert.Contains(seeded.EnterpriseName, html, StringComparison.Ordinal);
        Assert.Contains(seeded.CreditCode, html, StringComparison.Ordinal);
        Assert.Contains("市场监督管理局", html, StringComparison.Ordinal);
        Assert.Matches($"data-item=\"{seeded.ProblemItem}\"[^>]*>\\s*<td[^>]*>.*?</td>\\s*<td[^>]*>发现问题</td>\\s*<td[^>]*>整改中</td>", html);
        Assert.Matches($"data-item=\"{seeded.PassItem}\"[^>]*>\\s*<td[^>]*>.*?</td>\\s*<td[^>]*>符合</td>\\s*<td[^>]*>—</td>", html);
        Assert.DoesNotContain("13800138000", html, StringComparison.Ordinal);
        Assert.DoesNotContain("张某某", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/results/{seeded.Published[0]}\"", await anonymous.GetStringAsync($"/results?Q={seeded.CreditCode}"), StringComparison.Ordinal);

        // A rectification accepted is shown as such.
        await using (var scope = OpenDb())
        {
            await scope.Db.RectificationTasks.Where(t => t.InspectionId == seeded.Published[0]).ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, "closed"));
        }

        Assert.Contains("已验收", await anonymous.GetStringAsync($"/results/{seeded.Published[0]}"), StringComparison.Ordinal);

        foreach (var id in new[] { seeded.Unpublished, long.MaxValue })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/results/{id}");
            request.Headers.Accept.ParseAdd(BrowserAccept);
            var missing = await anonymous.SendAsync(request);
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
            var page = await missing.Content.ReadAsStringAsync();
            Assert.Contains("<h1>未找到</h1>", page, StringComparison.Ordinal);
            Assert.DoesNotContain(seeded.EnterpriseName, page, StringComparison.Ordinal);
        }
    }

    [SkippableFact]
    public async Task The_favicon_is_linked_and_favicon_ico_leads_to_it()
    {
        SkipIfUnavailable();
        var anonymous = Factory.AnonymousClient();
        Assert.Contains("<link rel=\"icon\" href=\"/favicon.svg\" type=\"image/svg+xml\" />", await anonymous.GetStringAsync("/results"), StringComparison.Ordinal);
        var svg = await anonymous.GetAsync("/favicon.svg");
        Assert.Equal(HttpStatusCode.OK, svg.StatusCode);
        Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("<svg", await svg.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var ico = await anonymous.GetAsync("/favicon.ico");
        Assert.Equal(HttpStatusCode.MovedPermanently, ico.StatusCode);
        Assert.Equal("/favicon.svg", ico.Headers.Location!.OriginalString);
    }
}

public sealed class SqlitePublicResultsTests(SqliteFactory factory) : PublicResultsTests(factory), IClassFixture<SqliteFactory>;

public sealed class PostgresPublicResultsTests(PostgresFactory factory) : PublicResultsTests(factory), IClassFixture<PostgresFactory>;
