using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Data;
using QualityCity.Web.Localization;
using QualityCity.Web.Modules.Accounts.Contracts;

namespace QualityCity.Web.Modules.Accounts.ManageUsers;

/// <summary>
/// The administrator's page for accounts: create one, change its role or binding, disable or
/// enable it, set a new password. What was typed stays in the form when something is refused, and
/// each refusal is shown beside its field.
/// </summary>
[Authorize(Policy = Policies.Admin)]
public sealed class UsersModel(UserAdministration accounts, IOfficerDirectory officers, Text text) : PageModel
{
    public IReadOnlyList<UserView> Users { get; private set; } = [];
    public IReadOnlyList<(string Code, string Name)> Departments { get; private set; } = [];

    [BindProperty] public NewUserRequest Form { get; set; } = new(null, null, null, null, null, null, null);

    /// <summary>The account a row action applies to, and its new role or password.</summary>
    [BindProperty] public string? Target { get; set; }
    [BindProperty] public string? NewPassword { get; set; }
    [BindProperty] public string? NewRole { get; set; }

    /// <summary>The binding the new role needs: a department (heads and officers), a credential number (officers), a credit code (enterprises).</summary>
    [BindProperty] public string? NewDepartment { get; set; }
    [BindProperty] public string? NewInspector { get; set; }
    [BindProperty] public string? NewEnterprise { get; set; }

    public Dictionary<string, string[]> Errors { get; private set; } = [];
    public string? Message { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken cancellationToken)
    {
        var change = await accounts.CreateAsync(new UserRequest(Form.UserName, Form.DisplayName, Form.Role, Form.Department, Form.Enterprise, Form.Inspector),
            Form.Password, cancellationToken);
        return await AfterAsync(change, text.Format("已创建账号 {0}", Form.UserName ?? string.Empty), keepForm: !change.Succeeded, cancellationToken);
    }

    public async Task<IActionResult> OnPostDisableAsync(CancellationToken cancellationToken) =>
        await AfterAsync(await accounts.SetDisabledAsync(Target ?? string.Empty, true, User.ActorName(), cancellationToken),
            text.Format("已停用 {0}，其登录已失效", Target ?? string.Empty), keepForm: false, cancellationToken);

    public async Task<IActionResult> OnPostEnableAsync(CancellationToken cancellationToken) =>
        await AfterAsync(await accounts.SetDisabledAsync(Target ?? string.Empty, false, User.ActorName(), cancellationToken),
            text.Format("已启用 {0}", Target ?? string.Empty), keepForm: false, cancellationToken);

    public async Task<IActionResult> OnPostPasswordAsync(CancellationToken cancellationToken) =>
        await AfterAsync(await accounts.SetPasswordAsync(Target ?? string.Empty, NewPassword, cancellationToken),
            text.Format("已为 {0} 设置新密码，其登录已失效", Target ?? string.Empty), keepForm: false, cancellationToken);

    public async Task<IActionResult> OnPostRoleAsync(CancellationToken cancellationToken)
    {
        var current = await accounts.FindAsync(Target ?? string.Empty, cancellationToken);
        // Only the bindings the new role has: a head made coordinator leaves the department, an officer made head the credential number.
        var role = NewRole?.Trim() ?? string.Empty;
        var change = current is null
            ? new UserChange(null, [], NotFound: true)
            : await accounts.UpdateAsync(current.UserName, new UserRequest(current.UserName, current.DisplayName, NewRole,
                Roles.NeedsDepartment(role) ? NewDepartment : null,
                role == Roles.Enterprise ? NewEnterprise : null,
                role == Roles.Inspector ? NewInspector : null), User.ActorName(), cancellationToken);
        return await AfterAsync(change, text.Format("已更改 {0} 的角色", Target ?? string.Empty), keepForm: false, cancellationToken);
    }

    private async Task<IActionResult> AfterAsync(UserChange change, string done, bool keepForm, CancellationToken cancellationToken)
    {
        if (change.NotFound)
        {
            return NotFound();
        }

        if (change.Succeeded)
        {
            Message = done;
            Form = new(null, null, null, null, null, null, null);
            // The form shows the posted values unless they are cleared: a created account's are done with.
            ModelState.Clear();
        }
        else
        {
            Errors = change.Errors;
            if (!keepForm)
            {
                Form = new(null, null, null, null, null, null, null);
            }
        }

        // The password typed is never sent back to the browser.
        Form = Form with { Password = null };
        ModelState.Remove($"{nameof(Form)}.{nameof(NewUserRequest.Password)}");
        ModelState.Remove(nameof(NewPassword));
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Users = await accounts.ListAsync(cancellationToken);
        Departments = (await officers.DepartmentsAsync(cancellationToken)).Select(d => (d.Code, Text.IsEnglish ? d.NameEn : d.Name)).ToList();
    }

    /// <summary>Whether a refusal of a row's change belongs to this account, whose row form then shows what was chosen.</summary>
    public bool RowRefused(string userName) => Errors.Count > 0 && string.Equals(Target, userName, StringComparison.Ordinal);

    public string? ErrorFor(string field) => Errors.TryGetValue(field, out var messages) ? string.Join("；", messages) : null;

    public string RoleName(string role) => role switch
    {
        Roles.Admin => text["管理员"],
        Roles.Coordinator => text["执法监督"],
        Roles.DeptHead => text["部门负责人"],
        Roles.Inspector => text["执法人员"],
        Roles.Enterprise => text["企业"],
        _ => role,
    };
}
