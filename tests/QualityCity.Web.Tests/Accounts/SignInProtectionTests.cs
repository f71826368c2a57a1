using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using QualityCity.Web.Modules.Accounts;
using QualityCity.Web.Tests.Infrastructure;

namespace QualityCity.Web.Tests.Accounts;

/// <summary>
/// Sign-in under attack: one client is stopped long before it could lock a real user out; only many
/// clients together lock an account; a request cannot flood the audit log; the answer costs the
/// same whether or not the user exists; sessions end when the account says so.
/// </summary>
public abstract class SignInProtectionTests(QualityCityFactory factory) : PlatformTest(factory)
{
    /// <summary>Small limits so that a test reaches them quickly (the defaults are 10 per client and 50 per account).</summary>
    public static readonly IReadOnlyDictionary<string, string?> Limits = new Dictionary<string, string?>
    {
        ["Accounts:SignIn:FailuresPerClient"] = "3",
        ["Accounts:SignIn:AccountLockoutFailures"] = "6",
        ["RateLimiting:SignInPerMinute"] = "40",
    };

    private static object Wrong(string userName) => new { userName, password = "Wrong-password-1" };

    private static object Right(string userName) => new { userName, password = Demo.DemoCity.DemoPassword };

    [SkippableFact]
    public async Task One_client_that_keeps_failing_must_wait_but_the_account_stays_open_for_everyone_else()
    {
        SkipIfUnavailable();
        var attacker = Factory.ClientFrom("203.0.113.7");
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await attacker.PostAsJsonAsync("/api/account/login", Wrong("coordinator"))).StatusCode);
        }

        // The client is now throttled, whatever it tries and whoever it names.
        var throttled = await attacker.PostAsJsonAsync("/api/account/login", Right("coordinator"));
        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.True(throttled.Headers.RetryAfter?.Delta > TimeSpan.Zero, "a throttled answer says when to try again");
        Assert.Equal(HttpStatusCode.TooManyRequests, (await attacker.PostAsJsonAsync("/api/account/login", Right("samr.head"))).StatusCode);

        // The real user, elsewhere, signs in: the account is not locked.
        Assert.Equal(HttpStatusCode.OK, (await Factory.ClientFrom("198.51.100.20").PostAsJsonAsync("/api/account/login", Right("coordinator"))).StatusCode);
        await using var scope = OpenDb();
        var account = await scope.Db.Users.AsNoTracking().SingleAsync(u => u.UserName == "coordinator");
        Assert.Null(account.LockoutEnd);
        var failures = await scope.Db.AuditEntries.CountAsync(e => e.Actor == "coordinator" && e.Action == "sign-in.failed");
        Assert.Equal(3, failures);
    }

    [SkippableFact]
    public async Task Many_clients_guessing_together_lock_the_account_for_everyone()
    {
        SkipIfUnavailable();
        foreach (var address in new[] { "203.0.113.21", "203.0.113.22" })
        {
            var guesser = Factory.ClientFrom(address);
            for (var i = 0; i < 3; i++)
            {
                await guesser.PostAsJsonAsync("/api/account/login", Wrong("enterprise2"));
            }
        }

        // Six failures from two addresses: the account is locked, even for the right password from a third.
        var locked = await Factory.ClientFrom("198.51.100.30").PostAsJsonAsync("/api/account/login", Right("enterprise2"));
        Assert.Equal((HttpStatusCode)423, locked.StatusCode);
        await using var scope = OpenDb();
        Assert.NotNull((await scope.Db.Users.AsNoTracking().SingleAsync(u => u.UserName == "enterprise2")).LockoutEnd);
        Assert.Equal(7, await scope.Db.AuditEntries.CountAsync(e => e.Actor == "enterprise2" && e.Action == "sign-in.failed"));
    }

    [SkippableFact]
    public async Task An_oversized_or_malformed_user_name_is_refused_naming_the_field_and_nothing_is_logged()
    {
        SkipIfUnavailable();
        long before;
        await using (var scope = OpenDb())
        {
            before = await scope.Db.AuditEntries.LongCountAsync();
        }

        var client = Factory.ClientFrom("203.0.113.40");
        foreach (var userName in new[] { new string('a', 65), "admin\u0000", "ad\nmin" })
        {
            var response = await client.PostAsJsonAsync("/api/account/login", new { userName, password = "x" });
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("userName", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // A body far above the sign-in limit is refused before it is read.
        using var huge = new StringContent($"{{\"userName\":\"{new string('a', 1 << 20)}\",\"password\":\"x\"}}", System.Text.Encoding.UTF8, "application/json");
        var hugeAnswer = await client.PostAsync("/api/account/login", huge);
        Assert.True(hugeAnswer.StatusCode is HttpStatusCode.RequestEntityTooLarge or HttpStatusCode.BadRequest, $"got {hugeAnswer.StatusCode}");

        await using var after = OpenDb();
        Assert.Equal(before, await after.Db.AuditEntries.LongCountAsync());
    }

    [SkippableFact]
    public async Task A_client_sending_sign_ins_too_fast_is_rate_limited()
    {
        SkipIfUnavailable();
        var client = Factory.ClientFrom("203.0.113.50");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 45; i++)
        {
            // Refused for the missing password: no hashing, so the limit is what stops it.
            statuses.Add((await client.PostAsJsonAsync("/api/account/login", new { userName = "nobody" })).StatusCode);
        }

        Assert.Equal(40, statuses.Count(s => s == HttpStatusCode.BadRequest));
        Assert.Equal(5, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
    }

    [SkippableFact]
    public async Task The_password_is_hashed_whether_or_not_the_user_exists()
    {
        SkipIfUnavailable();
        var hasher = new CountingHasher();
        using var counted = Factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IPasswordHasher<AppUser>>(hasher)));
        var client = counted.CreateClient();
        client.DefaultRequestHeaders.Add(QualityCityFactory.ClientAddressHeader, "203.0.113.60");

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/account/login", Wrong("no-such-user"))).StatusCode);
        var forUnknown = hasher.Verifications;
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/account/login", Wrong("samr.inspector"))).StatusCode);
        var forKnown = hasher.Verifications - forUnknown;

        Assert.Equal(1, forUnknown);
        Assert.Equal(1, forKnown);
    }

    [SkippableFact]
    public async Task A_session_ends_eight_hours_after_its_last_use_counted_on_the_platforms_clock()
    {
        SkipIfUnavailable();
        // A clock of this test's own: moving it does not move the other tests' today.
        var clock = TestClock.Frozen();
        using var server = Factory.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
        {
            s.RemoveAll<TimeProvider>();
            s.AddSingleton<TimeProvider>(clock);
        }));
        var client = server.CreateClient();
        client.DefaultRequestHeaders.Add(QualityCityFactory.ClientAddressHeader, "203.0.113.70");
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/account/login", Right("samr.head"))).StatusCode);

        // The ticket's lifetime is counted on the platform's clock, not the machine's: a use a minute before it ends
        // renews it (sliding expiration), and eight hours without one end it.
        clock.Advance(TimeSpan.FromHours(8) - TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/account/me")).StatusCode);
        clock.Advance(TimeSpan.FromHours(8) - TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/account/me")).StatusCode);
        clock.Advance(TimeSpan.FromHours(8) + TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/account/me")).StatusCode);
    }

    [SkippableFact]
    public async Task Signing_out_ends_the_session_so_a_copied_cookie_is_refused()
    {
        SkipIfUnavailable();
        var raw = Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });
        var login = await raw.PostAsJsonAsync("/api/account/login", Right("samr.head"));
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var session = CookieFrom(login, "qc.auth");

        using var tokenRequest = new HttpRequestMessage(HttpMethod.Get, "/api/account/csrf-token");
        tokenRequest.Headers.Add("Cookie", session);
        var tokenAnswer = await raw.SendAsync(tokenRequest);
        var token = (await tokenAnswer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
        var antiforgery = CookieFrom(tokenAnswer, "qc.csrf");

        Assert.Equal(HttpStatusCode.OK, (await SendWithCookie(raw, HttpMethod.Get, "/api/account/me", session)).StatusCode);
        using var logout = new HttpRequestMessage(HttpMethod.Post, "/api/account/logout");
        logout.Headers.Add("Cookie", $"{session}; {antiforgery}");
        logout.Headers.Add("X-CSRF-TOKEN", token);
        Assert.Equal(HttpStatusCode.NoContent, (await raw.SendAsync(logout)).StatusCode);

        // The cookie as it was before signing out (a copy an attacker kept) opens nothing any more.
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendWithCookie(raw, HttpMethod.Get, "/api/account/me", session)).StatusCode);
    }

    private static string CookieFrom(HttpResponseMessage response, string name) =>
        response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith(name + "=", StringComparison.Ordinal));

    private static async Task<HttpResponseMessage> SendWithCookie(HttpClient client, HttpMethod method, string url, string cookie)
    {
        using var request = new HttpRequestMessage(method, url);
        request.Headers.Add("Cookie", cookie);
        return await client.SendAsync(request);
    }

    [SkippableFact]
    public async Task A_disabled_account_and_an_inactive_officer_can_do_nothing_not_even_with_a_session_already_open()
    {
        SkipIfUnavailable();
        var admin = await Factory.SignedInClientAsync("admin");
        var head = await Factory.SignedInClientAsync("emergency.head");
        Assert.Equal(HttpStatusCode.OK, (await head.GetAsync("/api/inspectors")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/api/admin/users/emergency.head/disable", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await head.GetAsync("/api/inspectors")).StatusCode);
        var refused = await Factory.ClientFrom("198.51.100.70").PostAsJsonAsync("/api/account/login", Right("emergency.head"));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/api/admin/users/emergency.head/enable", null)).StatusCode);

        // The officer's record is made inactive by the department: the officer's account stops at once.
        var inspector = await Factory.SignedInClientAsync("samr.inspector");
        Assert.Equal(HttpStatusCode.OK, (await inspector.GetAsync("/api/rectifications")).StatusCode);
        int inspectorId;
        await using (var scope = OpenDb())
        {
            inspectorId = (await scope.Db.Users.SingleAsync(u => u.UserName == "samr.inspector")).InspectorId!.Value;
            var officer = await scope.Db.Inspectors.SingleAsync(i => i.Id == inspectorId);
            officer.Active = false;
            await scope.Db.SaveChangesAsync();
        }

        try
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await inspector.GetAsync("/api/rectifications")).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await inspector.PostAsJsonAsync("/api/visits/1/results", new { })).StatusCode);
            // Nor can the officer sign in again while the record is inactive.
            var again = await Factory.ClientFrom("198.51.100.71").PostAsJsonAsync("/api/account/login", Right("samr.inspector"));
            Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);
        }
        finally
        {
            await using var scope = OpenDb();
            var officer = await scope.Db.Inspectors.SingleAsync(i => i.Id == inspectorId);
            officer.Active = true;
            await scope.Db.SaveChangesAsync();
        }
    }

    private sealed class CountingHasher : IPasswordHasher<AppUser>
    {
        private readonly PasswordHasher<AppUser> _inner = new();
        private int _verifications;

        public int Verifications => Volatile.Read(ref _verifications);

        public string HashPassword(AppUser user, string password) => _inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(AppUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verifications);
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}

/// <summary>The demo city with small sign-in limits and the rate limits on.</summary>
public class SignInLimitsFactory(DatabaseKind kind) : QualityCityFactory(kind)
{
    protected override bool RateLimited => true;

    protected override IReadOnlyDictionary<string, string?> ExtraSettings => SignInProtectionTests.Limits;
}

public sealed class SqliteSignInLimitsFactory() : SignInLimitsFactory(DatabaseKind.Sqlite);

public sealed class PostgresSignInLimitsFactory() : SignInLimitsFactory(DatabaseKind.Postgres);

public sealed class SqliteSignInProtectionTests(SqliteSignInLimitsFactory factory) : SignInProtectionTests(factory), IClassFixture<SqliteSignInLimitsFactory>;

public sealed class PostgresSignInProtectionTests(PostgresSignInLimitsFactory factory) : SignInProtectionTests(factory), IClassFixture<PostgresSignInLimitsFactory>;
