using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using QualityCity.Web.Modules.Accounts;
using QualityCity.Web.Modules.Accounts.Contracts;

namespace QualityCity.Web.Hosting;

/// <summary>
/// Who may read <c>/metrics</c>: Prometheus with the bearer token of <c>Metrics:ScrapeToken</c>, or a
/// user signed in with the rights of <see cref="Policies.Admin"/>. Anyone else gets 401 (no or a wrong
/// credential) or 403 (signed in without the rights), never a redirect to the sign-in page and never
/// the metrics.
/// </summary>
public static class MetricsScrape
{
    public const string Scheme = "metrics-scrape";
    public const string Policy = "metrics-scrape";

    /// <summary>The claim carried by the principal of a valid scrape token.</summary>
    public const string ScraperClaim = "qc:metrics-scraper";

    public static void AddMetricsScrapeAuthorization(this IServiceCollection services)
    {
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, MetricsScrapeAuthenticationHandler>(Scheme, _ => { });
        services.AddAuthorizationBuilder().AddPolicy(Policy, p => p
            .AddAuthenticationSchemes(Scheme)
            .AddRequirements(new MetricsReaderRequirement()));
        services.AddTransient<IAuthorizationHandler, MetricsReaderHandler>();
    }
}

/// <summary>
/// Authenticates a scrape: a bearer token is checked against the configured one (in constant time);
/// without one, the request's sign-in cookie is read as usual. Challenges answer 401 and forbidding
/// 403, because a scraper cannot follow the cookie scheme's redirect to the sign-in page.
/// </summary>
internal sealed class MetricsScrapeAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, MetricsSettings settings)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private const string BearerPrefix = "Bearer ";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? authorization = Request.Headers.Authorization;
        if (authorization is null || !authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return await Context.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        }

        if (settings.ScrapeToken is not { } expected || !SameToken(authorization[BearerPrefix.Length..].Trim(), expected))
        {
            // The message names no token: failures are logged.
            return AuthenticateResult.Fail("the scrape token is wrong or none is configured");
        }

        var identity = new ClaimsIdentity([new Claim(MetricsScrape.ScraperClaim, "true"), new Claim(ClaimTypes.Name, "metrics-scraper")], Scheme.Name);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer realm=\"metrics\"";
        return Task.CompletedTask;
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return Task.CompletedTask;
    }

    /// <summary>Compares the hashes, so the time taken tells nothing about the token, not even its length.</summary>
    private static bool SameToken(string presented, string expected) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
}

/// <summary>Met by a valid scrape token or by a user who meets <see cref="Policies.Admin"/>.</summary>
internal sealed class MetricsReaderRequirement : IAuthorizationRequirement;

internal sealed class MetricsReaderHandler : AuthorizationHandler<MetricsReaderRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, MetricsReaderRequirement requirement)
    {
        if (context.User.HasClaim(MetricsScrape.ScraperClaim, "true"))
        {
            context.Succeed(requirement);
            return;
        }

        // The admin policy is asked, not copied, so that what it demands stays defined in one place.
        // The authorization service is resolved per request: taking it in the constructor would make
        // the handlers depend on themselves.
        if (context.Resource is HttpContext http
            && (await http.RequestServices.GetRequiredService<IAuthorizationService>().AuthorizeAsync(context.User, Policies.Admin)).Succeeded)
        {
            context.Succeed(requirement);
        }
    }
}
