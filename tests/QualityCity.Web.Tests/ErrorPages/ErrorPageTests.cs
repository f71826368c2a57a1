using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using QualityCity.Domain.Registry;
using QualityCity.Web.Tests.Infrastructure;

namespace QualityCity.Web.Tests.ErrorPages;

/// <summary>
/// A failed request in a browser ends on a page of the site (layout, navigation, the user's language,
/// the status kept); an API keeps JSON problem details, also in the user's language; credit codes in
/// addresses forgive case and spaces; a long search is answered rather than refused with 414.
/// </summary>
public abstract class ErrorPageTests(QualityCityFactory factory) : PlatformTest(factory)
{
    private const string BrowserAccept = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";

    private static async Task<HttpResponseMessage> BrowseAsync(HttpClient client, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd(BrowserAccept);
        return await client.SendAsync(request);
    }

    private static async Task<string> SitePageAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"{(int)response.StatusCode}: {html}");
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("class=\"mainnav\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/\"", html, StringComparison.Ordinal);
        return html;
    }

    private async Task<HttpClient> EnglishAsync(HttpClient client)
    {
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/culture/en?returnUrl=/")).StatusCode);
        return client;
    }

    private async Task<string> ExistingCodeAsync()
    {
        await using var scope = OpenDb();
        return await scope.Db.MarketEntities.Where(e => e.CreditCode.Contains("M")).OrderBy(e => e.Id).Select(e => e.CreditCode).FirstAsync();
    }

    /// <summary>A valid code that no entity of the demo city has.</summary>
    private static readonly string UnknownCode = CreditCode.Compose("91", "371500", "WW000001");

    [SkippableFact]
    public async Task An_unknown_credit_code_and_a_mistyped_link_give_the_sites_own_404_page_in_chinese_and_in_english()
    {
        SkipIfUnavailable();
        var client = await Factory.SignedInClientAsync("coordinator");
        foreach (var path in new[] { $"/registry/{UnknownCode}", "/registy", "/registry/no/such/page" })
        {
            var html = await SitePageAsync(await BrowseAsync(client, path), HttpStatusCode.NotFound);
            Assert.Contains("<html lang=\"zh-CN\">", html, StringComparison.Ordinal);
            Assert.Contains("<h1>未找到</h1>", html, StringComparison.Ordinal);
            Assert.Contains("地址可能有误", html, StringComparison.Ordinal);
            Assert.Contains("href=\"/registry\"", html, StringComparison.Ordinal);
        }

        var english = await EnglishAsync(await Factory.SignedInClientAsync("coordinator"));
        var page = await SitePageAsync(await BrowseAsync(english, $"/registry/{UnknownCode}"), HttpStatusCode.NotFound);
        Assert.Contains("<html lang=\"en\">", page, StringComparison.Ordinal);
        Assert.Contains("<h1>Not found</h1>", page, StringComparison.Ordinal);
        Assert.Contains("the address may be wrong", page, StringComparison.Ordinal);

        // Without a sign-in the public still gets the page, with the way to the public search.
        var anonymous = await SitePageAsync(await BrowseAsync(Factory.AnonymousClient(), "/no-such-page"), HttpStatusCode.NotFound);
        Assert.Contains("href=\"/results\"", anonymous, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_visit_that_is_not_yours_is_the_404_page_too()
    {
        SkipIfUnavailable();
        var html = await SitePageAsync(await BrowseAsync(await Factory.SignedInClientAsync("samr.inspector"), "/inspector/visits/987654321"), HttpStatusCode.NotFound);
        Assert.Contains("<h1>未找到</h1>", html, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_credit_code_in_lower_case_or_with_spaces_goes_to_the_entitys_page()
    {
        SkipIfUnavailable();
        var code = await ExistingCodeAsync();
        var client = await Factory.SignedInClientAsync("coordinator");
        foreach (var typed in new[] { code.ToLowerInvariant(), Uri.EscapeDataString(" " + code + " "), code[..9] + code[9..].ToLowerInvariant() })
        {
            var moved = await BrowseAsync(client, $"/registry/{typed}");
            Assert.Equal(HttpStatusCode.MovedPermanently, moved.StatusCode);
            Assert.Equal($"/registry/{code}", moved.Headers.Location!.OriginalString);
        }

        var page = await BrowseAsync(client, $"/registry/{code}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains(code, await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The API serves the canonical code in place.
        foreach (var path in new[] { $"/api/registry/entities/{code.ToLowerInvariant()}", $"/api/registry/entities/%20{code.ToLowerInvariant()}%20/grade" })
        {
            var entity = await client.GetFromJsonAsync<JsonElement>(path);
            Assert.Equal(code, entity.GetProperty("creditCode").GetString());
        }

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/registry/entities/{code.ToLowerInvariant()}/production-records")).StatusCode);

        // An enterprise account reaches its own entity through a lower-case code as well.
        string own;
        await using (var scope = OpenDb())
        {
            own = await scope.Db.Users.Where(u => u.UserName == "enterprise").Select(u => u.CreditCode!).SingleAsync();
        }

        var enterprise = await Factory.SignedInClientAsync("enterprise");
        Assert.Equal(HttpStatusCode.OK, (await enterprise.GetAsync($"/api/registry/entities/{own.ToLowerInvariant()}")).StatusCode);
        Assert.Equal($"/registry/{own}", (await BrowseAsync(enterprise, $"/registry/{own.ToLowerInvariant()}")).Headers.Location!.OriginalString);
    }

    [SkippableFact]
    public async Task An_api_404_stays_json_with_title_and_detail_in_the_users_language()
    {
        SkipIfUnavailable();
        var client = await Factory.SignedInClientAsync("admin");
        foreach (var path in new[] { $"/api/registry/entities/{UnknownCode}", "/api/no-such-route", $"/api/registry/imports/{Guid.Empty}" })
        {
            var response = await BrowseAsync(client, path);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("未找到", problem.GetProperty("title").GetString());
            Assert.Matches("[\u4e00-\u9fff]", problem.GetProperty("detail").GetString()!);
        }

        var english = await EnglishAsync(await Factory.SignedInClientAsync("coordinator"));
        var known = await (await english.GetAsync($"/api/registry/entities/{UnknownCode}")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Not found", known.GetProperty("title").GetString());
        Assert.Equal($"No market entity has the credit code {UnknownCode}", known.GetProperty("detail").GetString());
        var unmatched = await (await english.GetAsync("/api/no-such-route")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Not found", unmatched.GetProperty("title").GetString());
        Assert.StartsWith("What you asked for was not found", unmatched.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // A program that asks for nothing in particular gets JSON on a page's address as well.
        var plain = await client.GetAsync($"/registry/{UnknownCode}");
        Assert.Equal(HttpStatusCode.NotFound, plain.StatusCode);
        Assert.Equal("application/problem+json", plain.Content.Headers.ContentType?.MediaType);
    }

    [SkippableFact]
    public async Task A_signed_in_user_opening_a_page_of_another_role_gets_the_403_page()
    {
        SkipIfUnavailable();
        foreach (var (user, path) in new[] { ("enterprise", "/registry"), ("samr.inspector", "/admin/users"), ("coordinator", "/inspector") })
        {
            var html = await SitePageAsync(await BrowseAsync(await Factory.SignedInClientAsync(user), path), HttpStatusCode.Forbidden);
            Assert.Contains("<h1>无权访问</h1>", html, StringComparison.Ordinal);
            Assert.Contains("请联系平台管理员", html, StringComparison.Ordinal);
        }

        var english = await EnglishAsync(await Factory.SignedInClientAsync("enterprise"));
        var page = await SitePageAsync(await BrowseAsync(english, "/registry"), HttpStatusCode.Forbidden);
        Assert.Contains("<h1>Access denied</h1>", page, StringComparison.Ordinal);

        var api = await BrowseAsync(await Factory.SignedInClientAsync("enterprise"), "/api/registry/entities");
        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
        Assert.Equal("无权访问", (await api.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
    }

    [SkippableFact]
    public async Task A_long_registry_search_is_answered_and_a_short_one_goes_to_its_address()
    {
        SkipIfUnavailable();
        var client = await Factory.SignedInClientAsync("coordinator");
        var name = await ExistingNameAsync();

        // 3,000 characters: 27,000 bytes once encoded, far over Kestrel's 8 KB request line.
        var longText = string.Concat(Enumerable.Repeat(name, (3000 / name.Length) + 1))[..3000];
        var answered = await client.PostAsync("/registry", new FormUrlEncodedContent([new("q", longText), new("county", "")]));
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        var html = await answered.Content.ReadAsStringAsync();
        Assert.Contains("id=\"result-count\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("/api/registry/export.csv", html, StringComparison.Ordinal);

        // The same kind of text in an address is refused, as it always was; the form never puts it there.
        Assert.NotEqual(HttpStatusCode.OK, (await client.GetAsync("/registry?q=" + Uri.EscapeDataString(longText))).StatusCode);

        var shortSearch = await client.PostAsync("/registry", new FormUrlEncodedContent([new("q", name), new("county", ""), new("grade", "")]));
        Assert.Equal(HttpStatusCode.SeeOther, shortSearch.StatusCode);
        Assert.Equal("/registry?q=" + Uri.EscapeDataString(name), shortSearch.Headers.Location!.OriginalString);
        var found = await client.GetStringAsync(shortSearch.Headers.Location!.OriginalString);
        Assert.Contains(name, found, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task The_public_searches_answer_long_text_and_codes_in_any_case()
    {
        SkipIfUnavailable();
        var anonymous = Factory.AnonymousClient();
        var form = await anonymous.GetStringAsync("/results");
        var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        Assert.NotEmpty(token);
        var longText = new string('检', 3000);
        foreach (var (path, field) in new[] { ("/results", "Q"), ("/quality/origin", "q"), ("/quality/results", "q") })
        {
            var answered = await anonymous.PostAsync(path, new FormUrlEncodedContent([new(field, longText), new("__RequestVerificationToken", token)]));
            Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
            var redirected = await anonymous.PostAsync(path, new FormUrlEncodedContent([new(field, "电缆"), new("__RequestVerificationToken", token)]));
            Assert.Equal(HttpStatusCode.SeeOther, redirected.StatusCode);
            Assert.Equal($"{path}?{field}={Uri.EscapeDataString("电缆")}", redirected.Headers.Location!.OriginalString);
        }

        // Without the anti-forgery token the form is refused.
        Assert.Equal(HttpStatusCode.BadRequest, (await anonymous.PostAsync("/results", new FormUrlEncodedContent([new("Q", "电缆")]))).StatusCode);
    }

    private async Task<string> ExistingNameAsync()
    {
        await using var scope = OpenDb();
        var name = await scope.Db.MarketEntities.OrderBy(e => e.Id).Select(e => e.Name).FirstAsync();
        return name[..4];
    }
}

public sealed class SqliteErrorPageTests(SqliteFactory factory) : ErrorPageTests(factory), IClassFixture<SqliteFactory>;

public sealed class PostgresErrorPageTests(PostgresFactory factory) : ErrorPageTests(factory), IClassFixture<PostgresFactory>;

/// <summary>
/// The platform with one route more, for these tests only: <c>/test-only/fail</c> throws, as a bug would.
/// The product has no such route; the route is the home page's, given a second address, and a filter fails it.
/// </summary>
public sealed class FailingRouteFactory() : QualityCityFactory(DatabaseKind.Sqlite)
{
    public const string FailingPath = "/test-only/fail";
    public const string Secret = "SECRET-DETAIL-4711";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services =>
        {
            services.Configure<RazorPagesOptions>(o => o.Conventions.AddPageRoute("/Home/Index", FailingPath.TrimStart('/')));
            services.Configure<MvcOptions>(o => o.Filters.Add(new FailOnTestRoute()));
        });
    }

    private sealed class FailOnTestRoute : IPageFilter
    {
        // On selection, before any handler runs or is missed: a GET and a POST fail alike.
        public void OnPageHandlerSelected(PageHandlerSelectedContext context)
        {
            if (context.HttpContext.Request.Path == FailingPath)
            {
                throw new InvalidOperationException($"a failure for the tests: {Secret}");
            }
        }

        public void OnPageHandlerExecuting(PageHandlerExecutingContext context)
        {
        }

        public void OnPageHandlerExecuted(PageHandlerExecutedContext context)
        {
        }
    }
}

public sealed class ServerErrorPageTests(FailingRouteFactory factory) : IClassFixture<FailingRouteFactory>
{
    [Fact]
    public async Task An_exception_gives_the_500_page_with_a_request_id_and_no_exception_text()
    {
        var client = await factory.SignedInClientAsync("coordinator");
        using var request = new HttpRequestMessage(HttpMethod.Get, FailingRouteFactory.FailingPath);
        request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,*/*;q=0.8");
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("class=\"mainnav\"", html, StringComparison.Ordinal);
        Assert.Contains("<h1>系统出错了</h1>", html, StringComparison.Ordinal);
        var requestId = System.Text.RegularExpressions.Regex.Match(html, "<code class=\"mono request-id\">([^<]+)</code>").Groups[1].Value;
        Assert.NotEmpty(requestId);
        Assert.DoesNotContain(FailingRouteFactory.Secret, html, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", html, StringComparison.Ordinal);
        Assert.DoesNotContain("FailOnTestRoute", html, StringComparison.Ordinal);

        // A program gets problem details: localized, with the same kind of id, and no exception text either.
        var api = await client.GetAsync(FailingRouteFactory.FailingPath);
        Assert.Equal(HttpStatusCode.InternalServerError, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        var body = await api.Content.ReadAsStringAsync();
        Assert.DoesNotContain(FailingRouteFactory.Secret, body, StringComparison.Ordinal);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal("系统出错了", problem.GetProperty("title").GetString());
        Assert.True(problem.TryGetProperty("traceId", out _));

        // A failed form post is answered with the page as well.
        var post = new HttpRequestMessage(HttpMethod.Post, FailingRouteFactory.FailingPath) { Content = new FormUrlEncodedContent([]) };
        post.Headers.Accept.ParseAdd("text/html");
        var posted = await client.SendAsync(post);
        Assert.Equal(HttpStatusCode.InternalServerError, posted.StatusCode);
        Assert.Contains("<h1>系统出错了</h1>", await posted.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
