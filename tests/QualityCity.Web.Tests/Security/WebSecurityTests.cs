using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Tests.Infrastructure;

namespace QualityCity.Web.Tests.Security;

/// <summary>The headers on every response, and cross-site requests refused.</summary>
public abstract class WebSecurityTests(QualityCityFactory factory) : PlatformTest(factory)
{
    [SkippableTheory]
    [InlineData("/")]
    [InlineData("/plans")]
    [InlineData("/api/quality/categories")]
    [InlineData("/open-data/sampling-results.csv")]
    [InlineData("/no/such/page")]
    [InlineData("/api/registry/entities")]
    [InlineData("/healthz")]
    [InlineData("/css/site.css")]
    public async Task Every_response_carries_the_security_headers(string path)
    {
        SkipIfUnavailable();
        var response = await Factory.AnonymousClient().GetAsync(path);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("object-src 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("'unsafe-inline'", csp.Split(';').Single(d => d.Trim().StartsWith("script-src", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("same-origin", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Contains("camera=()", response.Headers.GetValues("Permissions-Policy").Single(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_json_answer_allows_no_inline_script_or_style_at_all()
    {
        SkipIfUnavailable();
        var response = await Factory.AnonymousClient().GetAsync("/api/voice/categories");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var directives = response.Headers.GetValues("Content-Security-Policy").Single().Split(';').Select(d => d.Trim()).ToList();
        Assert.Contains("script-src 'self'", directives);
        Assert.Contains("style-src 'self'", directives);
        Assert.Contains("default-src 'self'", directives);
        Assert.Contains("frame-ancestors 'none'", directives);
        Assert.DoesNotContain(directives, d => d.Contains("nonce-", StringComparison.Ordinal) || d.Contains("unsafe-inline", StringComparison.Ordinal) && !d.StartsWith("style-src-attr", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task Inline_scripts_run_only_with_the_nonce_of_their_own_response()
    {
        SkipIfUnavailable();
        var first = await Factory.AnonymousClient().GetAsync("/plans");
        var second = await Factory.AnonymousClient().GetAsync("/plans");
        var html = await first.Content.ReadAsStringAsync();
        var nonce = System.Text.RegularExpressions.Regex.Match(first.Headers.GetValues("Content-Security-Policy").Single(), "'nonce-([^']+)'").Groups[1].Value;
        Assert.NotEmpty(nonce);
        Assert.NotEqual(nonce, System.Text.RegularExpressions.Regex.Match(second.Headers.GetValues("Content-Security-Policy").Single(), "'nonce-([^']+)'").Groups[1].Value);
        var inline = System.Text.RegularExpressions.Regex.Matches(html, "<script(?![^>]*\\bsrc=)([^>]*)>").Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(inline);
        Assert.All(inline, attributes => Assert.Contains($"nonce=\"{nonce}\"", attributes, StringComparison.Ordinal));
        Assert.DoesNotContain(" onclick=", html, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_change_from_another_site_is_refused_and_one_without_the_token_names_it()
    {
        SkipIfUnavailable();
        var head = await Factory.SignedInClientAsync("samr.head");
        var change = new { code = "x" };

        using var foreign = new HttpRequestMessage(HttpMethod.Post, "/api/inspectors/1/conflicts") { Content = JsonContent.Create(change) };
        foreign.Headers.Add("Origin", "https://evil.example");
        Assert.Equal(HttpStatusCode.Forbidden, (await head.SendAsync(foreign)).StatusCode);

        using var foreignReferer = new HttpRequestMessage(HttpMethod.Post, "/api/account/login") { Content = JsonContent.Create(new { userName = "admin", password = "x" }) };
        foreignReferer.Headers.Referrer = new Uri("https://evil.example/page");
        Assert.Equal(HttpStatusCode.Forbidden, (await Factory.AnonymousClient().SendAsync(foreignReferer)).StatusCode);

        // The same change from the site itself goes through to the handler (which checks the input).
        using var own = new HttpRequestMessage(HttpMethod.Post, "/api/inspectors/1/conflicts") { Content = JsonContent.Create(change) };
        own.Headers.Add("Origin", head.BaseAddress!.GetLeftPart(UriPartial.Authority));
        Assert.NotEqual(HttpStatusCode.Forbidden, (await head.SendAsync(own)).StatusCode);

        // With the sign-in cookie but without the anti-forgery token: refused, naming the header. An upload too.
        head.DefaultRequestHeaders.Remove("X-CSRF-TOKEN");
        var tokenless = await head.PostAsJsonAsync("/api/inspectors/1/conflicts", change);
        Assert.Equal(HttpStatusCode.BadRequest, tokenless.StatusCode);
        Assert.Contains("X-CSRF-TOKEN", await tokenless.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var admin = await Factory.SignedInClientAsync("admin");
        admin.DefaultRequestHeaders.Remove("X-CSRF-TOKEN");
        using var upload = new MultipartFormDataContent { { new StringContent("credit_code,name\n"), "file", "x.csv" } };
        var refusedUpload = await admin.PostAsync("/api/registry/imports", upload);
        Assert.Equal(HttpStatusCode.BadRequest, refusedUpload.StatusCode);
        Assert.Contains("X-CSRF-TOKEN", await refusedUpload.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task No_cookie_carries_a_date_so_a_browser_whose_clock_differs_from_the_servers_keeps_it()
    {
        SkipIfUnavailable();
        var client = Factory.AnonymousClient();
        var answers = new List<HttpResponseMessage>
        {
            await client.PostAsJsonAsync("/api/account/login", new { userName = "samr.head", password = Demo.DemoCity.DemoPassword }),
            await client.GetAsync("/api/account/csrf-token"),
            await client.GetAsync("/culture/en?returnUrl=/"),
        };
        var cookies = answers.SelectMany(a => a.Headers.TryGetValues("Set-Cookie", out var set) ? set : []).ToList();

        // The sign-in and anti-forgery cookies last as long as the browser session (the ticket inside expires on the
        // server's clock); the language choice lasts a year counted by the browser.
        Assert.Contains(cookies, c => c.StartsWith("qc.auth=", StringComparison.Ordinal));
        Assert.Contains(cookies, c => c.StartsWith("qc.csrf=", StringComparison.Ordinal));
        Assert.Contains(cookies, c => c.StartsWith(".AspNetCore.Culture=", StringComparison.Ordinal) && c.Contains("max-age=31536000", StringComparison.OrdinalIgnoreCase));
        Assert.All(cookies, c => Assert.DoesNotContain("expires=", c, StringComparison.OrdinalIgnoreCase));
    }

    [SkippableFact]
    public async Task A_body_over_the_routes_limit_is_refused()
    {
        SkipIfUnavailable();
        var head = await Factory.SignedInClientAsync("samr.head");
        var huge = new { creditCode = "x", reason = new string('a', 2 << 20) };
        var response = await head.PostAsJsonAsync("/api/inspectors/1/conflicts", huge);
        Assert.True(response.StatusCode is HttpStatusCode.RequestEntityTooLarge or HttpStatusCode.BadRequest, $"got {response.StatusCode}");
    }
}

public sealed class SqliteWebSecurityTests(SqliteFactory factory) : WebSecurityTests(factory), IClassFixture<SqliteFactory>;

public sealed class PostgresWebSecurityTests(PostgresFactory factory) : WebSecurityTests(factory), IClassFixture<PostgresFactory>;

/// <summary>Behind a reverse proxy with TLS: forwarded headers from the named proxy only, secure cookies, HSTS, links from the public address.</summary>
public abstract class ReverseProxyTests(QualityCityFactory factory) : PlatformTest(factory)
{
    [SkippableFact]
    public async Task Behind_the_configured_proxy_the_platform_sees_https_and_the_client_and_marks_cookies_secure()
    {
        SkipIfUnavailable();
        var client = Factory.AnonymousClient();
        using var viaProxy = new HttpRequestMessage(HttpMethod.Post, "/api/account/login") { Content = JsonContent.Create(new { userName = "admin", password = Demo.DemoCity.DemoPassword }) };
        viaProxy.Headers.Add(QualityCityFactory.ClientAddressHeader, "10.9.8.7"); // the proxy
        viaProxy.Headers.Add("X-Forwarded-For", "198.51.100.99");
        viaProxy.Headers.Add("X-Forwarded-Proto", "https");
        var signedIn = await client.SendAsync(viaProxy);
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        var cookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("qc.auth=", StringComparison.Ordinal));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("max-age=", string.Join(";", signedIn.Headers.GetValues("Strict-Transport-Security")), StringComparison.Ordinal);

        // A client that is not the proxy cannot claim another address: its forwarded headers are ignored.
        using var direct = new HttpRequestMessage(HttpMethod.Get, "/healthz");
        direct.Headers.Add(QualityCityFactory.ClientAddressHeader, "203.0.113.5");
        direct.Headers.Add("X-Forwarded-Proto", "https");
        Assert.False((await client.SendAsync(direct)).Headers.Contains("Strict-Transport-Security"));
    }

    /// <summary>
    /// A client whose requests come through the proxy over https. Its cookies are Secure, so the test
    /// client, which talks plain http to the test server, carries them by hand.
    /// </summary>
    private async Task<HttpClient> SignedInBehindTheProxyAsync(string userName)
    {
        var client = Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add(QualityCityFactory.ClientAddressHeader, "10.9.8.7");
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        var signedIn = await client.PostAsJsonAsync("/api/account/login", new { userName, password = Demo.DemoCity.DemoPassword });
        signedIn.EnsureSuccessStatusCode();
        client.DefaultRequestHeaders.Add("Cookie", signedIn.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith("qc.auth=", StringComparison.Ordinal)));
        return client;
    }

    [SkippableFact]
    public async Task The_visit_qr_code_points_at_the_public_address_whatever_host_the_request_named()
    {
        SkipIfUnavailable();
        var coordinator = await SignedInBehindTheProxyAsync("coordinator");
        string visitKey;
        await using (var scope = OpenDb())
        {
            visitKey = await scope.Db.Visits.Where(v => v.Status == Modules.Inspections.VisitStatus.Registered).Select(v => v.VisitKey).FirstAsync();
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/visits/{visitKey}/qr.svg");
        request.Headers.Host = "evil.example";
        var svg = await (await coordinator.SendAsync(request)).Content.ReadAsStringAsync();
        var visit = await coordinator.GetFromJsonAsync<JsonElement>($"/api/visits/{visitKey}");
        var shortCode = visit.GetProperty("shortCode").GetString();
        Assert.EndsWith(QualityCity.Domain.Execution.VisitCodeReference.Tag(visit.GetProperty("code").GetString()!), shortCode, StringComparison.Ordinal);

        // The image is exactly the QR code of the public address's verification link (with the code's short form), whatever host the request named.
        Assert.Equal(Modules.Inspections.VisitCodes.VisitQr.Svg($"https://zljg.liaocheng.example/v/{shortCode}"), svg);
    }
}

/// <summary>A deployment behind nginx at 10.9.8.7 with its public address on https.</summary>
public class ReverseProxyFactory(DatabaseKind kind) : QualityCityFactory(kind)
{
    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["ReverseProxy:KnownProxies:0"] = "10.9.8.7",
        ["PublicBaseUrl"] = "https://zljg.liaocheng.example",
    };
}

public sealed class SqliteReverseProxyFactory() : ReverseProxyFactory(DatabaseKind.Sqlite);

public sealed class PostgresReverseProxyFactory() : ReverseProxyFactory(DatabaseKind.Postgres);

public sealed class SqliteReverseProxyTests(SqliteReverseProxyFactory factory) : ReverseProxyTests(factory), IClassFixture<SqliteReverseProxyFactory>;

public sealed class PostgresReverseProxyTests(PostgresReverseProxyFactory factory) : ReverseProxyTests(factory), IClassFixture<PostgresReverseProxyFactory>;
