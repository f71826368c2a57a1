using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Data;
using QualityCity.Web.Localization;
using QualityCity.Web.Modules.Accounts.Contracts;

namespace QualityCity.Web.Modules.Accounts.ManageUsers;

/// <summary>What an administrator sets on an account. Department by code, enterprise by credit code, inspector by credential number.</summary>
public sealed record UserRequest(string? UserName, string? DisplayName, string? Role, string? Department, string? Enterprise, string? Inspector);

/// <summary>An account as the administrator sees it: never the password hash or the stamp.</summary>
public sealed record UserView(string UserName, string DisplayName, string Role, string? Department, string? Enterprise, string? Inspector,
    bool Disabled, DateTime? CreatedAtUtc, DateTime? LastSignInAtUtc, DateTimeOffset? LockedUntil);

/// <summary>The outcome of a change: done (with the account) or refused, naming each field and why.</summary>
public sealed record UserChange(UserView? User, Dictionary<string, string[]> Errors, bool NotFound = false)
{
    public bool Succeeded => User is not null && Errors.Count == 0;

    public IResult ToHttp() => NotFound ? Results.NotFound() : Succeeded ? Results.Ok(User) : Results.ValidationProblem(Errors);
}

/// <summary>
/// Creating and changing accounts, for the CLI (the first administrator), the admin page and the
/// API alike. Every change is saved through the platform's context, so it is in the audit log with
/// its before and after (never a password hash). A change of role, binding, password or status
/// changes the security stamp, which ends the account's open sessions at their next request: the
/// role and scope in a sign-in cookie can never outlive the account's.
/// </summary>
public sealed partial class UserAdministration(UserManager<AppUser> users, QualityCityDbContext db, Text text, TimeProvider clock,
    IOfficerDirectory officers, IEnterpriseDirectory enterprises)
{
    public const int MaxDisplayNameLength = 100;

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._@-]{2,63}$")]
    private static partial Regex UserNamePattern();

    public async Task<IReadOnlyList<UserView>> ListAsync(CancellationToken cancellationToken)
    {
        // Four reads for the whole list, not four per account.
        var accounts = await db.Users.AsNoTracking().OrderBy(u => u.UserName).ToListAsync(cancellationToken);
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id select new { ur.UserId, r.Name })
            .ToDictionaryAsync(x => x.UserId, x => x.Name ?? string.Empty, cancellationToken);
        var departments = (await officers.DepartmentsAsync(cancellationToken)).ToDictionary(d => d.Id, d => d.Code);
        var inspectorIds = accounts.Where(a => a.InspectorId != null).Select(a => a.InspectorId!.Value).ToList();
        var credentials = await officers.CredentialNumbersAsync(inspectorIds, cancellationToken);
        return accounts.Select(a => View(a, roles.GetValueOrDefault(a.Id, string.Empty),
            a.DepartmentId is { } d ? departments.GetValueOrDefault(d) : null,
            a.InspectorId is { } i ? credentials.GetValueOrDefault(i) : null)).ToList();
    }

    public async Task<UserView?> FindAsync(string userName, CancellationToken cancellationToken) =>
        await users.FindByNameAsync(userName) is { } user ? await ViewAsync(user, cancellationToken) : null;

    public async Task<UserChange> CreateAsync(UserRequest request, string? password, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var userName = request.UserName?.Trim() ?? string.Empty;
        if (!UserNamePattern().IsMatch(userName))
        {
            errors["userName"] = [text["用户名为3到64位字母、数字或 . _ @ -，以字母或数字开头"]];
        }
        else if (await users.FindByNameAsync(userName) is not null)
        {
            errors["userName"] = [text.Format("用户名 {0} 已被使用", userName)];
        }

        var user = new AppUser { UserName = userName, CreatedAtUtc = clock.GetUtcNow().UtcDateTime };
        var role = await ApplyAsync(user, request, errors, cancellationToken);
        if (PasswordPolicy.Check(userName, password) is { } weak)
        {
            errors["password"] = [text[weak]];
        }

        if (errors.Count > 0 || role is null)
        {
            return new UserChange(null, errors);
        }

        var created = await users.CreateAsync(user, password!);
        if (!created.Succeeded)
        {
            return new UserChange(null, new Dictionary<string, string[]> { ["userName"] = created.Errors.Select(e => e.Description).ToArray() });
        }

        await users.AddToRoleAsync(user, role);
        return new UserChange(await ViewAsync(user, cancellationToken), errors);
    }

    /// <summary>Changes display name, role and binding; the user name stays (it is what the audit log names).</summary>
    public async Task<UserChange> UpdateAsync(string userName, UserRequest request, string actor, CancellationToken cancellationToken)
    {
        if (await users.FindByNameAsync(userName) is not { } user)
        {
            return new UserChange(null, [], NotFound: true);
        }

        var errors = new Dictionary<string, string[]>();
        var role = await ApplyAsync(user, request, errors, cancellationToken);
        var current = (await users.GetRolesAsync(user)).FirstOrDefault();
        if (role is not null && current == Roles.Admin && role != Roles.Admin)
        {
            if (string.Equals(userName, actor, StringComparison.Ordinal))
            {
                errors["role"] = [text["不能取消自己的管理员角色"]];
            }
            else if (await EnabledAdministratorsAsync(cancellationToken) <= 1)
            {
                errors["role"] = [text["至少要保留一个启用的管理员"]];
            }
        }

        if (errors.Count > 0 || role is null)
        {
            return new UserChange(null, errors);
        }

        if (current != role)
        {
            if (current is not null)
            {
                await users.RemoveFromRoleAsync(user, current);
            }

            await users.AddToRoleAsync(user, role);
        }

        await users.UpdateSecurityStampAsync(user);
        return new UserChange(await ViewAsync(user, cancellationToken), errors);
    }

    public async Task<UserChange> SetDisabledAsync(string userName, bool disabled, string actor, CancellationToken cancellationToken)
    {
        if (await users.FindByNameAsync(userName) is not { } user)
        {
            return new UserChange(null, [], NotFound: true);
        }

        if (disabled && string.Equals(userName, actor, StringComparison.Ordinal))
        {
            return new UserChange(null, new Dictionary<string, string[]> { ["userName"] = [text["不能停用自己的账号"]] });
        }

        if (disabled && !user.IsDisabled && await users.IsInRoleAsync(user, Roles.Admin) && await EnabledAdministratorsAsync(cancellationToken) <= 1)
        {
            return new UserChange(null, new Dictionary<string, string[]> { ["userName"] = [text["至少要保留一个启用的管理员"]] });
        }

        user.IsDisabled = disabled;
        await users.UpdateAsync(user);
        await users.UpdateSecurityStampAsync(user);
        return new UserChange(await ViewAsync(user, cancellationToken), []);
    }

    /// <summary>Sets a new password (the administrator's reset, or the CLI's), lifts a lockout and ends every session.</summary>
    public async Task<UserChange> SetPasswordAsync(string userName, string? password, CancellationToken cancellationToken)
    {
        if (await users.FindByNameAsync(userName) is not { } user)
        {
            return new UserChange(null, [], NotFound: true);
        }

        if (PasswordPolicy.Check(userName, password) is { } weak)
        {
            return new UserChange(null, new Dictionary<string, string[]> { ["password"] = [text[weak]] });
        }

        var token = await users.GeneratePasswordResetTokenAsync(user);
        var reset = await users.ResetPasswordAsync(user, token, password!);
        if (!reset.Succeeded)
        {
            return new UserChange(null, new Dictionary<string, string[]> { ["password"] = reset.Errors.Select(e => e.Description).ToArray() });
        }

        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        return new UserChange(await ViewAsync(user, cancellationToken), []);
    }

    /// <summary>Validates the request and applies display name and binding to <paramref name="user"/>; returns the role, or null with errors.</summary>
    private async Task<string?> ApplyAsync(AppUser user, UserRequest request, Dictionary<string, string[]> errors, CancellationToken cancellationToken)
    {
        var role = request.Role?.Trim();
        if (role is null || !Roles.All.Contains(role))
        {
            errors["role"] = [text.Format("角色须为 {0} 之一", string.Join("、", Roles.All))];
            role = null;
        }

        var displayName = string.IsNullOrWhiteSpace(request.DisplayName) ? user.UserName ?? string.Empty : request.DisplayName.Trim();
        if (displayName.Length > MaxDisplayNameLength)
        {
            errors["displayName"] = [text.Format("显示名称不能超过{0}个字符", MaxDisplayNameLength)];
        }

        int? departmentId = null;
        if (!string.IsNullOrWhiteSpace(request.Department))
        {
            var code = request.Department.Trim();
            departmentId = await officers.DepartmentIdAsync(code, cancellationToken);
            if (departmentId is null)
            {
                errors["department"] = [text.Format("没有代码为 {0} 的部门", code)];
            }
            else if (role == Roles.Enterprise)
            {
                errors["department"] = [text["企业账号不属于部门"]];
            }
        }
        else if (role is not null && Roles.NeedsDepartment(role))
        {
            errors["department"] = [text["部门负责人和执法人员须指定所属部门"]];
        }

        string? creditCode = null;
        if (role == Roles.Enterprise)
        {
            creditCode = request.Enterprise?.Trim().ToUpperInvariant();
            if (string.IsNullOrEmpty(creditCode) || !await enterprises.ExistsAsync(creditCode, cancellationToken))
            {
                errors["enterprise"] = [text["企业账号须绑定主体库中的一个统一社会信用代码"]];
            }
        }
        else if (!string.IsNullOrWhiteSpace(request.Enterprise))
        {
            errors["enterprise"] = [text["只有企业账号绑定统一社会信用代码"]];
        }

        int? inspectorId = null;
        if (role == Roles.Inspector)
        {
            var credential = request.Inspector?.Trim();
            var inspector = string.IsNullOrEmpty(credential) ? null
                : await officers.OfficerAsync(credential, cancellationToken);
            if (inspector is null)
            {
                errors["inspector"] = [text["执法人员账号须绑定执法人员名录中的执法证号"]];
            }
            else if (departmentId is not null && inspector.Value.DepartmentId != departmentId)
            {
                errors["inspector"] = [text["该执法证号不属于所选部门"]];
            }
            else if (await db.Users.AnyAsync(u => u.InspectorId == inspector.Value.Id && u.Id != user.Id, cancellationToken))
            {
                errors["inspector"] = [text["该执法人员已有账号"]];
            }
            else
            {
                inspectorId = inspector.Value.Id;
            }
        }
        else if (!string.IsNullOrWhiteSpace(request.Inspector))
        {
            errors["inspector"] = [text["只有执法人员账号绑定执法证号"]];
        }

        if (errors.Count > 0)
        {
            return null;
        }

        user.DisplayName = displayName;
        user.DepartmentId = departmentId;
        user.CreditCode = creditCode;
        user.InspectorId = inspectorId;
        return role;
    }

    private async Task<int> EnabledAdministratorsAsync(CancellationToken cancellationToken) =>
        (await users.GetUsersInRoleAsync(Roles.Admin)).Count(u => !u.IsDisabled);

    private async Task<UserView> ViewAsync(AppUser user, CancellationToken cancellationToken)
    {
        var role = (await users.GetRolesAsync(user)).FirstOrDefault() ?? string.Empty;
        var department = user.DepartmentId is { } id
            ? (await officers.DepartmentsAsync(cancellationToken)).FirstOrDefault(d => d.Id == id).Code
            : null;
        var inspector = user.InspectorId is { } inspectorId
            ? (await officers.CredentialNumbersAsync([inspectorId], cancellationToken)).GetValueOrDefault(inspectorId)
            : null;
        return View(user, role, department, inspector);
    }

    private UserView View(AppUser user, string role, string? department, string? inspector) =>
        new(user.UserName ?? string.Empty, user.DisplayName, role, department, user.CreditCode, inspector, user.IsDisabled, user.CreatedAtUtc,
            user.LastSignInAtUtc, user.LockoutEnd is { } end && end > clock.GetUtcNow() ? end : null);
}
