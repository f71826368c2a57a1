using System.Security.Claims;
using QualityCity.Web.Modules.Accounts.Contracts;

namespace QualityCity.Web.Modules.Accounts.ManageUsers;

/// <summary>A new account: its settings and the first password (the user should change it; the administrator never sees it again).</summary>
public sealed record NewUserRequest(string? UserName, string? DisplayName, string? Role, string? Department, string? Enterprise, string? Inspector,
    string? Password);

public sealed record PasswordRequest(string? Password);

/// <summary>The administrator's API for accounts (/api/admin/users); the admin page does the same through <see cref="UserAdministration"/>.</summary>
internal static class UserEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/admin/users").WithTags("Accounts").RequireAuthorization(Policies.Admin);

        api.MapGet("/", async (UserAdministration accounts, CancellationToken ct) => Results.Ok(await accounts.ListAsync(ct)))
            .WithSummary("Every account with its role, binding, status and last sign-in");

        api.MapGet("/{userName}", async (string userName, UserAdministration accounts, CancellationToken ct) =>
            await accounts.FindAsync(userName, ct) is { } user ? Results.Ok(user) : Results.NotFound());

        api.MapPost("/", async (NewUserRequest request, UserAdministration accounts, CancellationToken ct) =>
        {
            var change = await accounts.CreateAsync(new UserRequest(request.UserName, request.DisplayName, request.Role, request.Department,
                request.Enterprise, request.Inspector), request.Password, ct);
            return change.Succeeded ? Results.Created($"/api/admin/users/{change.User!.UserName}", change.User) : change.ToHttp();
        }).WithSummary("Create an account").WithDescription(
            "role: admin, coordinator, dept_head, inspector or enterprise. dept_head and inspector need department (a department code); " +
            "inspector needs inspector (the officer's credential number); enterprise needs enterprise (a credit code in the registry). " +
            "The password must have at least 8 characters of at least three kinds and must not contain the user name.");

        api.MapPut("/{userName}", async (string userName, UserRequest request, ClaimsPrincipal user, UserAdministration accounts, CancellationToken ct) =>
            (await accounts.UpdateAsync(userName, request, user.ActorName(), ct)).ToHttp())
            .WithSummary("Change role, binding or display name (the account's sessions end)");

        api.MapPost("/{userName}/disable", async (string userName, ClaimsPrincipal user, UserAdministration accounts, CancellationToken ct) =>
            (await accounts.SetDisabledAsync(userName, true, user.ActorName(), ct)).ToHttp())
            .WithSummary("Disable an account: it cannot sign in and its sessions end at once");

        api.MapPost("/{userName}/enable", async (string userName, ClaimsPrincipal user, UserAdministration accounts, CancellationToken ct) =>
            (await accounts.SetDisabledAsync(userName, false, user.ActorName(), ct)).ToHttp());

        api.MapPost("/{userName}/password", async (string userName, PasswordRequest request, UserAdministration accounts, CancellationToken ct) =>
            (await accounts.SetPasswordAsync(userName, request.Password, ct)).ToHttp())
            .WithSummary("Reset a password: lifts a lockout and ends the account's sessions");
    }
}
