using System.Net;
using System.Text;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using QualityCity.Web.Tests.Infrastructure;

namespace QualityCity.Web.Tests.Security;

/// <summary>
/// Deny by default, proven route by route: every endpoint and page of the running platform is in
/// docs/authorization-matrix.csv, and each is called as the public and as each role to see that it
/// answers as the table says. A route added without a row fails the first test.
/// </summary>
public abstract class AuthorizationMatrixTests(QualityCityFactory factory) : PlatformTest(factory)
{
    private IReadOnlyList<PlatformRoute> Routes => AuthorizationMatrix.RoutesOf(Factory.Services.GetRequiredService<EndpointDataSource>());

    [SkippableFact]
    public void Every_route_of_the_platform_is_in_the_matrix_and_every_row_is_a_route()
    {
        SkipIfUnavailable();
        var table = AuthorizationMatrix.Load().Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
        var routes = Routes.Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
        var missing = routes.Except(table).Order(StringComparer.Ordinal).ToList();
        var gone = table.Except(routes).Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, "routes without a row in docs/authorization-matrix.csv (say who may call them):\n" + string.Join("\n", missing));
        Assert.True(gone.Count == 0, "rows of docs/authorization-matrix.csv that are no route of the platform:\n" + string.Join("\n", gone));
    }

    [SkippableFact]
    public void Every_route_the_public_may_call_is_rate_limited_and_marked_public()
    {
        SkipIfUnavailable();
        var table = AuthorizationMatrix.Load().ToDictionary(r => r.Key, StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var route in Routes.Where(r => table.ContainsKey(r.Key)))
        {
            var isPublic = table[route.Key].Callers["public"] != Access.No;
            if (isPublic && !route.AllowsAnonymous)
            {
                problems.Add($"{route.Key} is public in the matrix but does not say AllowAnonymous");
            }

            if (isPublic && !route.RateLimited)
            {
                problems.Add($"{route.Key} answers the public but has no rate-limit policy");
            }

            if (!isPublic && route.AllowsAnonymous)
            {
                problems.Add($"{route.Key} is closed to the public in the matrix but says AllowAnonymous");
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [SkippableFact]
    public async Task Every_route_answers_the_public_and_each_role_as_the_matrix_says()
    {
        SkipIfUnavailable();
        var table = AuthorizationMatrix.Load().ToDictionary(r => r.Key, StringComparer.Ordinal);
        var ownCode = await OwnCreditCodeAsync();
        var clients = new Dictionary<string, HttpClient>(StringComparer.Ordinal) { ["public"] = Factory.AnonymousClient() };
        foreach (var (caller, user) in DemoUsers)
        {
            clients[caller] = await Factory.SignedInClientAsync(user);
        }

        var failures = new List<string>();
        var observed = new StringBuilder("method,route,").AppendJoin(',', AuthorizationMatrix.Callers).Append('\n');
        foreach (var route in Routes)
        {
            observed.Append(route.Method).Append(',').Append(route.Route);
            foreach (var caller in AuthorizationMatrix.Callers)
            {
                using var request = RequestFor(route, ownCode);
                var response = await clients[caller].SendAsync(request);
                var seen = Classify(response);
                observed.Append(',').Append(seen);
                if (!table.TryGetValue(route.Key, out var row))
                {
                    continue;
                }

                var expected = row.Callers[caller];
                var ok = seen switch
                {
                    "error" => false,
                    "denied" => expected == Access.No || (expected == Access.Own && (int)response.StatusCode == 403),
                    _ => expected != Access.No,
                };
                if (!ok)
                {
                    failures.Add($"{route.Key} as {caller}: the matrix says {expected.ToString().ToLowerInvariant()}, the platform answered {(int)response.StatusCode} {response.Headers.Location}");
                }
            }

            observed.Append('\n');
            if (route.Method == "POST" && route.Route.EndsWith("/logout", StringComparison.Ordinal))
            {
                // Signing out ended each caller's session: sign in again for the routes that follow.
                foreach (var (caller, user) in DemoUsers)
                {
                    clients[caller] = await Factory.SignedInClientAsync(user);
                }
            }
        }

        var observedPath = Path.Combine(AuthorizationMatrix.RepositoryRoot, "TestResults", $"authorization-matrix.observed.{Factory.Kind}.csv");
        Directory.CreateDirectory(Path.GetDirectoryName(observedPath)!);
        await File.WriteAllTextAsync(observedPath, observed.ToString());
        Assert.True(failures.Count == 0, $"{failures.Count} answers differ from docs/authorization-matrix.csv (observed: {observedPath}):\n" + string.Join("\n", failures));
    }

    /// <summary>The demo account of each role.</summary>
    private static readonly (string Caller, string User)[] DemoUsers =
        [("admin", "admin"), ("coordinator", "coordinator"), ("dept_head", "samr.head"), ("inspector", "samr.inspector"), ("enterprise", "enterprise")];

    private async Task<string> OwnCreditCodeAsync()
    {
        await using var scope = OpenDb();
        return await scope.Db.Users.Where(u => u.UserName == "enterprise").Select(u => u.CreditCode!).SingleAsync();
    }

    /// <summary>A request to the route with its parameters filled in (the enterprise's own credit code for {code}) and an empty body.</summary>
    private static HttpRequestMessage RequestFor(PlatformRoute route, string ownCode)
    {
        var path = System.Text.RegularExpressions.Regex.Replace(route.Route, @"\{\*{0,2}(?<name>[A-Za-z]+)(:[a-z]+)?\??\}", m => m.Groups["name"].Value switch
        {
            "code" => route.Route.StartsWith("/v/", StringComparison.Ordinal) ? "NOT-A-CODE" : ownCode,
            "visitKey" => "2026/" + ownCode + "/1",
            "file" => "samr-red.txt",
            "documentName" => "v1",
            "culture" => "en",
            "userName" => "no-such-user",
            "id" when route.Route.Contains("{id:guid}", StringComparison.Ordinal) => Guid.Empty.ToString(),
            _ => "1",
        });
        var request = new HttpRequestMessage(new HttpMethod(route.Method), path);
        if (route.Method is "POST" or "PUT")
        {
            request.Content = route.IsPage
                ? new FormUrlEncodedContent([])
                : route.TakesForm ? new MultipartFormDataContent() : new StringContent("{}", Encoding.UTF8, "application/json");
        }

        return request;
    }

    /// <summary>"denied" (401, 403, or a page's redirect to sign in or to the denied page), "error" (5xx) or "allowed".</summary>
    private static string Classify(HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        if (status >= 500)
        {
            return "error";
        }

        var location = response.Headers.Location?.OriginalString ?? string.Empty;
        return status is 401 or 403 || (status is 302 && (location.Contains("/account/login", StringComparison.Ordinal) || location.Contains("/account/denied", StringComparison.Ordinal)))
            ? "denied"
            : "allowed";
    }
}

public sealed class SqliteAuthorizationMatrixTests(SqliteFactory factory) : AuthorizationMatrixTests(factory), IClassFixture<SqliteFactory>;

public sealed class PostgresAuthorizationMatrixTests(PostgresFactory factory) : AuthorizationMatrixTests(factory), IClassFixture<PostgresFactory>;

/// <summary>The security page shows the matrix as it is.</summary>
public sealed class SecurityPageTests
{
    [Fact]
    public void The_security_page_shows_the_authorisation_matrix_as_it_is()
    {
        var page = File.ReadAllText(Path.Combine(AuthorizationMatrix.RepositoryRoot, "docs", "security.md")).ReplaceLineEndings("\n");
        var table = AuthorizationMatrix.ToMarkdown(AuthorizationMatrix.Load());
        Assert.True(page.Contains(table, StringComparison.Ordinal),
            "docs/security.md does not show docs/authorization-matrix.csv as it is; replace its table with:\n" + table);
    }
}
