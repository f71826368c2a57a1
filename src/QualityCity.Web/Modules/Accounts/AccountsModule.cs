using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using QualityCity.Web.Data;
using QualityCity.Web.Hosting;
using QualityCity.Web.Modules.Audit;

namespace QualityCity.Web.Modules.Accounts;

/// <summary>Sign-in, roles and the claims that scope every query (SPEC §0).</summary>
public sealed class AccountsModule : IModule
{
    public static void AddServices(IServiceCollection services)
    {
        services.AddIdentity<AppUser, IdentityRole>(options =>
            {
                options.Password.RequiredLength = 8;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequireUppercase = false;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Lockout.AllowedForNewUsers = true;
                options.User.RequireUniqueEmail = false;
            })
            .AddEntityFrameworkStores<QualityCityDbContext>()
            .AddClaimsPrincipalFactory<QcClaimsPrincipalFactory>()
            .AddDefaultTokenProviders();

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
            // The API answers with status codes; only pages redirect to the sign-in form.
            options.Events.OnRedirectToLogin = context => RespondOrRedirect(context, StatusCodes.Status401Unauthorized);
            options.Events.OnRedirectToAccessDenied = context => RespondOrRedirect(context, StatusCodes.Status403Forbidden);
        });

        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Staff, p => p.RequireRole(Roles.Admin, Roles.Coordinator, Roles.DeptHead, Roles.Inspector))
            .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin))
            .AddPolicy(Policies.Oversight, p => p.RequireRole(Roles.Admin, Roles.Coordinator))
            .AddPolicy(Policies.SignedIn, p => p.RequireAuthenticatedUser());
    }

    public static void MapEndpoints(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/account").WithTags("Accounts");
        api.MapPost("/login", async (LoginRequest request, SignInManager<AppUser> signIn, QualityCityDbContext db, AuditLog audit) =>
        {
            var errors = new Dictionary<string, string[]>();
            if (string.IsNullOrWhiteSpace(request.UserName)) errors["userName"] = ["required"];
            if (string.IsNullOrEmpty(request.Password)) errors["password"] = ["required"];
            if (errors.Count > 0) return Results.ValidationProblem(errors);

            var result = await SignInAsync(signIn, db, audit, request.UserName!, request.Password!);
            return result switch
            {
                SignInOutcome.Succeeded => Results.Ok(new { userName = request.UserName }),
                SignInOutcome.LockedOut => Results.Problem("account locked after repeated failures; try again later", statusCode: StatusCodes.Status423Locked),
                _ => Results.Problem("user name or password is wrong", statusCode: StatusCodes.Status401Unauthorized),
            };
        }).AllowAnonymous();

        api.MapPost("/logout", async (SignInManager<AppUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return Results.NoContent();
        });

        api.MapGet("/me", (ClaimsPrincipal user) => Results.Ok(new
        {
            userName = user.Identity?.Name,
            displayName = user.FindFirstValue(QcClaims.DisplayName),
            roles = user.FindAll(ClaimTypes.Role).Select(c => c.Value),
            departmentId = user.DepartmentId(),
            creditCode = user.CreditCode(),
        })).RequireAuthorization(Policies.SignedIn);
    }

    /// <summary>Signs a user in with lockout and writes the attempt to the audit log (success or not).</summary>
    public static async Task<SignInOutcome> SignInAsync(SignInManager<AppUser> signIn, QualityCityDbContext db, AuditLog audit,
        string userName, string password)
    {
        var result = await signIn.PasswordSignInAsync(userName.Trim(), password, isPersistent: false, lockoutOnFailure: true);
        var outcome = result.Succeeded ? SignInOutcome.Succeeded : result.IsLockedOut ? SignInOutcome.LockedOut : SignInOutcome.Failed;
        await audit.AppendAsync(db, userName.Trim(),
            [new AuditDraft(outcome == SignInOutcome.Succeeded ? "sign-in" : "sign-in.failed", $"User:{userName.Trim()}", string.Empty, outcome.ToString())]);
        return outcome;
    }

    private static Task RespondOrRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/open-data"))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    public sealed record LoginRequest(string? UserName, string? Password);
}

public enum SignInOutcome { Succeeded, Failed, LockedOut }

/// <summary>Authorization policy names.</summary>
public static class Policies
{
    public const string Staff = "staff";
    public const string Admin = "admin";
    public const string Oversight = "oversight";
    public const string SignedIn = "signed-in";
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

/// <summary>Reads the scoping claims.</summary>
public static class ClaimsPrincipalExtensions
{
    public static int? DepartmentId(this ClaimsPrincipal user) =>
        int.TryParse(user.FindFirstValue(QcClaims.DepartmentId), out var id) ? id : null;

    public static string? CreditCode(this ClaimsPrincipal user) => user.FindFirstValue(QcClaims.CreditCode);

    /// <summary>Admin and coordinator see every department's data.</summary>
    public static bool SeesAllDepartments(this ClaimsPrincipal user) =>
        user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Coordinator);

    public static bool IsStaff(this ClaimsPrincipal user) =>
        user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Coordinator) || user.IsInRole(Roles.DeptHead) || user.IsInRole(Roles.Inspector);

    public static string ActorName(this ClaimsPrincipal user) => user.Identity?.Name ?? "anonymous";
}
