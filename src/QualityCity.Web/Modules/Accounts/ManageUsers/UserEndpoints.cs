using System.Security.Claims;
using QualityCity.Web.Hosting;
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
            .Produces<IReadOnlyList<UserView>>()
            .WithSummary("账号列表 — Every account with its role, binding, status and last sign-in")
            .WithDescription("每个账号的用户名、显示名、角色、所属部门/企业/执法证号、是否停用和最近登录时间。 — Each account's user name, display name, role, department/enterprise/officer binding, whether it is disabled and its last sign-in.");

        api.MapGet("/{userName}", async (string userName, UserAdministration accounts, CancellationToken ct) =>
            await accounts.FindAsync(userName, ct) is { } user ? Results.Ok(user) : Results.NotFound())
            .Produces<UserView>().Produces(StatusCodes.Status404NotFound)
            .WithSummary("读取一个账号 — Read one account")
            .WithDescription("与账号列表中的一项相同；没有该账号时返回 404。 — The same as one item of the list; 404 when there is no such account.");

        api.MapPost("/", async (NewUserRequest request, UserAdministration accounts, CancellationToken ct) =>
        {
            var change = await accounts.CreateAsync(new UserRequest(request.UserName, request.DisplayName, request.Role, request.Department,
                request.Enterprise, request.Inspector), request.Password, ct);
            return change.Succeeded ? Results.Created($"/api/admin/users/{change.User!.UserName}", change.User) : change.ToHttp();
        }).Produces<UserView>(StatusCodes.Status201Created).ProducesValidationProblem()
            .WithSummary("创建账号 — Create an account").WithDescription(
            "角色 role 为 admin、coordinator、dept_head、inspector 或 enterprise；dept_head 和 inspector 需要部门代码 department，inspector 需要执法证号 inspector，enterprise 需要库内的统一社会信用代码 enterprise；密码至少 8 位、至少三类字符、不含用户名。 — " +
            "role: admin, coordinator, dept_head, inspector or enterprise. dept_head and inspector need department (a department code); " +
            "inspector needs inspector (the officer's credential number); enterprise needs enterprise (a credit code in the registry). " +
            "The password must have at least 8 characters of at least three kinds and must not contain the user name.");

        api.MapPut("/{userName}", async (string userName, UserRequest request, ClaimsPrincipal user, UserAdministration accounts, CancellationToken ct) =>
            (await accounts.UpdateAsync(userName, request, user.ActorName(), ct)).ToHttp())
            .WithSummary("修改角色、绑定或显示名 — Change role, binding or display name")
            .WithDescription("字段规则与创建账号相同；修改后该账号的所有会话立即结束。 — The same rules as creating an account; the account's sessions end at once.");

        api.MapPost("/{userName}/disable", async (string userName, ClaimsPrincipal user, UserAdministration accounts, CancellationToken ct) =>
            (await accounts.SetDisabledAsync(userName, true, user.ActorName(), ct)).ToHttp())
            .WithSummary("停用账号 — Disable an account")
            .WithDescription("停用后不能登录，现有会话立即结束；写入审计日志。 — It cannot sign in and its sessions end at once; the change goes to the audit log.");

        api.MapPost("/{userName}/enable", async (string userName, ClaimsPrincipal user, UserAdministration accounts, CancellationToken ct) =>
            (await accounts.SetDisabledAsync(userName, false, user.ActorName(), ct)).ToHttp())
            .WithSummary("启用账号 — Enable an account")
            .WithDescription("恢复一个已停用的账号，使其可以再次登录；写入审计日志。 — Lets a disabled account sign in again; the change goes to the audit log.");

        api.MapPost("/{userName}/password", async (string userName, PasswordRequest request, UserAdministration accounts, CancellationToken ct) =>
            (await accounts.SetPasswordAsync(userName, request.Password, ct)).ToHttp())
            .WithSummary("重置密码 — Reset a password")
            .WithDescription("设置新密码（规则同创建账号），解除登录锁定，并结束该账号的所有会话。 — Sets a new password (the rules of account creation), lifts a lockout and ends the account's sessions.")
            .WithRequestExample(new PasswordRequest("Zhiliang#2026"));
    }
}
