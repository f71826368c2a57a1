using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using QualityCity.Web.Hosting;
using QualityCity.Web.Localization;
using QualityCity.Web.Modules.Accounts.Contracts;
using QualityCity.Web.Modules.Accounts.ManageUsers;
using QualityCity.Web.Modules.Accounts.SignIn;

namespace QualityCity.Web.Modules.Accounts;

/// <summary>
/// Sign-in, roles, accounts and the claims that scope every query (SPEC §0). Authorisation denies
/// by default: a route without a policy of its own needs a signed-in user (the fallback policy),
/// and a public route says so with <c>AllowAnonymous</c>.
/// </summary>
public sealed class AccountsModule : IModule
{
    public static void AddServices(IServiceCollection services)
    {
        services.AddOptions<SignInLimits>().BindConfiguration(SignInLimits.Section);
        services.AddScoped<IAccountDirectory, AccountDirectory>();
        services.AddIdentity<AppUser, IdentityRole>(options =>
            {
                // PasswordPolicy is the one rule (at least three kinds of character); Identity's own switches stay off.
                options.Password.RequiredLength = PasswordPolicy.MinimumLength;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireDigit = false;
                options.Password.RequiredUniqueChars = 1;
                options.Lockout.AllowedForNewUsers = true;
                options.User.RequireUniqueEmail = false;
            })
            .AddEntityFrameworkStores<Data.QualityCityDbContext>()
            .AddClaimsPrincipalFactory<QcClaimsPrincipalFactory>()
            .AddPasswordValidator<PasswordPolicy>()
            .AddDefaultTokenProviders();
        services.AddOptions<IdentityOptions>().Configure<IOptions<SignInLimits>>((identity, signIn) =>
        {
            identity.Lockout.MaxFailedAccessAttempts = signIn.Value.AccountLockoutFailures;
            identity.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(signIn.Value.LockoutMinutes);
        });
        services.AddSingleton<SignInThrottle>();
        services.AddScoped<SignInService>();
        services.AddScoped<UserAdministration>();

        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/account/login";
            options.LogoutPath = "/account/logout";
            options.AccessDeniedPath = "/account/denied";
            options.Cookie.Name = "qc.auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.SlidingExpiration = true;
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            // The API answers with status codes; only pages redirect to the sign-in form. A refusal
            // is 403 in place for pages too: the error page explains it at the address that was asked for.
            options.Events.OnRedirectToLogin = context => RespondOrRedirect(context, StatusCodes.Status401Unauthorized);
            options.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
            options.Events.OnValidatePrincipal = SessionValidator.ValidateAsync;
        });

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.Staff, p => p.RequireRole(Roles.Admin, Roles.Coordinator, Roles.DeptHead, Roles.Inspector))
            .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin))
            .AddPolicy(Policies.Oversight, p => p.RequireRole(Roles.Admin, Roles.Coordinator))
            .AddPolicy(Policies.SignedIn, p => p.RequireAuthenticatedUser())
            .AddPolicy(Policies.Supervisors, p => p.RequireRole(Roles.Admin, Roles.Coordinator, Roles.DeptHead))
            .AddPolicy(Policies.DepartmentEditors, p => p.RequireRole(Roles.Admin, Roles.DeptHead))
            .AddPolicy(Policies.DeptHeads, p => p.RequireRole(Roles.DeptHead))
            .AddPolicy(Policies.CaseOfficers, p => p.RequireRole(Roles.Inspector, Roles.DeptHead))
            .AddPolicy(Policies.Inspectors, p => p.RequireRole(Roles.Inspector))
            .AddPolicy(Policies.Enterprises, p => p.RequireRole(Roles.Enterprise));
    }

    public static void MapEndpoints(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/account").WithTags("Accounts");
        api.MapPost("/login", async (LoginRequest request, SignInService signIn, HttpContext http, Text text) =>
        {
            var errors = new Dictionary<string, string[]>();
            if (string.IsNullOrWhiteSpace(request.UserName))
            {
                errors["userName"] = [text["必填"]];
            }
            else if (request.UserName.Length > SignInService.MaxUserNameLength || request.UserName.Any(char.IsControl))
            {
                errors["userName"] = [$"at most {SignInService.MaxUserNameLength} characters, no control characters"];
            }

            if (string.IsNullOrEmpty(request.Password))
            {
                errors["password"] = [text["必填"]];
            }
            else if (request.Password.Length > PasswordPolicy.MaximumLength)
            {
                errors["password"] = [$"at most {PasswordPolicy.MaximumLength} characters"];
            }

            if (errors.Count > 0)
            {
                return Results.ValidationProblem(errors);
            }

            var result = await signIn.SignInAsync(request.UserName!, request.Password!, ClientAddress.Of(http));
            switch (result.Outcome)
            {
                case SignInOutcome.Succeeded:
                    return Results.Ok(new { userName = request.UserName!.Trim() });
                case SignInOutcome.Throttled:
                    RetryAfter(http, result.RetryAfter);
                    return Results.Problem(text["登录失败次数过多，请稍后再试。"], statusCode: StatusCodes.Status429TooManyRequests);
                case SignInOutcome.LockedOut:
                    return Results.Problem(text["连续登录失败次数过多，账号已暂时锁定，请15分钟后再试。"], statusCode: StatusCodes.Status423Locked);
                default:
                    return Results.Problem(text["用户名或密码错误。"], statusCode: StatusCodes.Status401Unauthorized);
            }
        }).AllowAnonymous().RequireRateLimiting(RateLimits.SignIn).WithBodyLimit(RequestLimits.SignInBytes)
            .WithSummary("登录，设置 qc.auth Cookie — Sign in: sets the qc.auth cookie").WithDescription(
                "成功返回 200 并设置登录 Cookie；用户名或密码错误返回 401（无论用户是否存在，回答和用时都相同）；同一客户端失败过多返回 429 和 Retry-After；多个客户端连续失败导致账号锁定时返回 423。 — " +
                "Answers 200 and sets the sign-in cookie; 401 for a wrong user name or password (the same answer, in the same time, whether or not the user exists); " +
                "429 with Retry-After when this client failed too often; 423 when the account is locked after failures from many clients.")
            .WithRequestExample(new LoginRequest("coordinator", "Zhiliang#2026")).WithResponseExample(200, new { userName = "coordinator" });

        api.MapPost("/logout", async (ClaimsPrincipal user, SignInService signIn) =>
        {
            await signIn.SignOutAsync(user);
            return Results.NoContent();
        }).RequireAuthorization(Policies.SignedIn).Produces(StatusCodes.Status204NoContent)
            .WithSummary("退出登录 — Sign out: ends every session of the account")
            .WithDescription("结束该账号在所有浏览器和客户端上的会话，返回 204。 — Ends the account's sessions in every browser and client; answers 204.");

        api.MapGet("/me", (ClaimsPrincipal user) => Results.Ok(new
        {
            userName = user.Identity?.Name,
            displayName = user.FindFirstValue(QcClaims.DisplayName),
            roles = user.FindAll(ClaimTypes.Role).Select(c => c.Value),
            departmentId = user.DepartmentId(),
            creditCode = user.CreditCode(),
        })).RequireAuthorization(Policies.SignedIn)
            .WithSummary("当前账号 — The signed-in account")
            .WithDescription("用户名、显示名、角色、所属部门编号（部门账号）和统一社会信用代码（企业账号）。 — User name, display name, roles, department id (department accounts) and credit code (enterprise accounts).")
            .WithResponseExample(200, new { userName = "samr.head", displayName = "市场监管局负责人", roles = new[] { Roles.DeptHead }, departmentId = 1, creditCode = (string?)null });

        // Scripts and pages that post with the sign-in cookie send this token in the X-CSRF-TOKEN header.
        api.MapGet("/csrf-token", (HttpContext http, IAntiforgery antiforgery) =>
        {
            var tokens = antiforgery.GetAndStoreTokens(http);
            return Results.Ok(new { headerName = tokens.HeaderName, token = tokens.RequestToken });
        }).RequireAuthorization(Policies.SignedIn)
            .WithSummary("获取防伪令牌 — The anti-forgery token for state changes made with the sign-in cookie")
            .WithDescription("返回请求头名称和令牌，并设置 qc.csrf Cookie；之后用登录 Cookie 发出的 POST/PUT/DELETE 在 X-CSRF-TOKEN 头中带上该令牌。 — Answers the header name and the token and sets the qc.csrf cookie; every later POST/PUT/DELETE made with the sign-in cookie sends the token in the X-CSRF-TOKEN header.")
            .WithResponseExample(200, new { headerName = WebSecurity.CsrfHeader, token = "CfDJ8…" });

        UserEndpoints.Map(app);
    }

    private static void RetryAfter(HttpContext http, DateTimeOffset? until)
    {
        if (until is { } at)
        {
            var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
            var seconds = Math.Max(1, (int)Math.Ceiling((at - now).TotalSeconds));
            http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    private static Task RespondOrRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (IsApiRequest(context.Request))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    /// <summary>Requests answered with status codes rather than redirects to the sign-in page.</summary>
    public static bool IsApiRequest(HttpRequest request) =>
        request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/open-data") || request.Path.StartsWithSegments("/metrics");

    public sealed record LoginRequest(string? UserName, string? Password);
}

/// <summary>Adds department, credit code and display name to the sign-in cookie.</summary>
internal sealed class QcClaimsPrincipalFactory(UserManager<AppUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(QcClaims.DisplayName, user.DisplayName));
        if (user.DepartmentId is { } department)
        {
            identity.AddClaim(new Claim(QcClaims.DepartmentId, department.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        if (user.CreditCode is { } code)
        {
            identity.AddClaim(new Claim(QcClaims.CreditCode, code));
        }

        return identity;
    }
}
