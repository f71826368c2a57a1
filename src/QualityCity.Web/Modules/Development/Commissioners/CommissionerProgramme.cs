using System.Globalization;
using Microsoft.EntityFrameworkCore;
using QualityCity.Domain.Registry;
using QualityCity.Web.Data;
using QualityCity.Web.Hosting;
using QualityCity.Web.Modules.Accounts.Contracts;
using QualityCity.Web.Modules.Development.Imports;

namespace QualityCity.Web.Modules.Development.Commissioners;

/// <summary>One enterprise's place in the programme as a row or a form gives it: the enterprise, its commissioner, and since when.</summary>
public sealed record CommissionerAssignment(string CreditCode, string Name, string DepartmentCode, string? Phone, string? UserName, DateOnly Since);

/// <summary>
/// Who is in the service-commissioner programme (DEV-2, 助企远航): the bureau loads its list — each
/// enterprise with its one commissioner — from a table, or assigns one enterprise by the form, and takes
/// an enterprise out. A commissioner is known by the staff account when one is given, otherwise by
/// name and department; the row creates them when they are new and updates their phone and account.
/// Assigning an enterprise that already has a commissioner hands it over: the visits and problems stay
/// with the enterprise.
/// </summary>
public sealed class CommissionerProgramme(QualityCityDbContext db, IAccountDirectory accounts, PlatformClock clock) : IDevelopmentImport
{
    public string Kind => "commissioners";

    public string Title => "导入服务专员名单";

    public string Help => "每家企业一行，写明其服务专员。服务专员按账号识别，没有账号时按姓名和部门识别；新的服务专员自动建立。已有服务专员的企业改由新的服务专员服务，走访记录和问题保留。";

    public IReadOnlyList<ImportColumn> Columns { get; } =
    [
        new("credit_code", "统一社会信用代码", true, "企业的统一社会信用代码，须在市场主体名录中"),
        new("commissioner", "服务专员", true, "服务专员姓名，最多 50 字"),
        new("department", "所在部门", true, "服务专员所在部门的代码或名称"),
        new("phone", "联系电话", false, "工作电话，只给企业看"),
        new("user_name", "平台账号", false, "服务专员在平台的工作人员账号；有账号的服务专员登录后只看到自己服务的企业"),
        new("since", "起始日期", false, "开始服务的日期，如 2026-01-05；空则为今天"),
    ];

    /// <summary>Assigns one enterprise from the form; refused naming the field.</summary>
    public async Task<ServiceChange> AssignAsync(string? creditCode, string? name, string? department, string? phone, string? userName, DateOnly? since,
        CancellationToken cancellationToken)
    {
        var code = CreditCode.Check(creditCode ?? string.Empty);
        if (!code.IsAcceptable)
        {
            return ServiceChange.Refused("creditCode", $"{code.ReasonZh} — {code.Reason}");
        }

        if (!await db.MarketEntities.AnyAsync(e => e.CreditCode == code.Code, cancellationToken))
        {
            return ServiceChange.Refused("creditCode", ImportRows.UnknownEnterprise);
        }

        var context = await ContextAsync(cancellationToken);
        var (assignment, field, reason) = await CheckAsync(context, code.Code, name, department, phone, userName,
            since?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), cancellationToken);
        if (assignment is null)
        {
            return ServiceChange.Refused(FormField(field!), reason!);
        }

        await ApplyAsync(context, assignment, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return ServiceChange.Ok;
    }

    /// <summary>Takes an enterprise out of the programme; its visits and problems are kept.</summary>
    public async Task<ServiceChange> RemoveAsync(string? creditCode, CancellationToken cancellationToken)
    {
        var code = creditCode?.Trim().ToUpperInvariant();
        var assignment = await db.CommissionedEnterprises.FirstOrDefaultAsync(c => c.CreditCode == code, cancellationToken);
        if (assignment is null)
        {
            return ServiceChange.Refused("creditCode", "该企业不在服务专员名单中 — the enterprise is not in the programme");
        }

        db.CommissionedEnterprises.Remove(assignment);
        await db.SaveChangesAsync(cancellationToken);
        return ServiceChange.Ok;
    }

    public async Task<DevelopmentImportSummary> ImportAsync(string path, string actor, CancellationToken cancellationToken)
    {
        var issues = new List<DevelopmentIssue>();
        var rows = ImportRows.Read(path, Columns, issues);
        var known = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in rows.Select(r => r.CreditCode).Distinct(StringComparer.Ordinal).Chunk(500))
        {
            known.UnionWith(await db.MarketEntities.AsNoTracking().Where(e => chunk.Contains(e.CreditCode)).Select(e => e.CreditCode).ToListAsync(cancellationToken));
        }

        var context = await ContextAsync(cancellationToken);
        var seen = new Dictionary<string, long>(StringComparer.Ordinal);
        var (inserted, updated, unchanged) = (0, 0, 0);
        foreach (var (row, code, cells) in rows)
        {
            if (!known.Contains(code))
            {
                issues.Add(new DevelopmentIssue(row, "credit_code", code, ImportRows.UnknownEnterprise));
                continue;
            }

            if (seen.TryGetValue(code, out var first))
            {
                issues.Add(new DevelopmentIssue(row, "credit_code", code, $"同一企业只能有一位服务专员，第一行在第 {first} 行 — one commissioner per enterprise; its first row is row {first}"));
                continue;
            }

            var (assignment, field, reason) = await CheckAsync(context, code, cells["commissioner"], cells["department"], cells["phone"], cells["user_name"],
                cells["since"], cancellationToken);
            if (assignment is null)
            {
                issues.Add(new DevelopmentIssue(row, field!, cells.GetValueOrDefault(field!) ?? string.Empty, reason!));
                continue;
            }

            seen[code] = row;
            switch (await ApplyAsync(context, assignment, cancellationToken))
            {
                case Change.Inserted: inserted++; break;
                case Change.Updated: updated++; break;
                default: unchanged++; break;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return new DevelopmentImportSummary(inserted, updated, unchanged, [.. issues.OrderBy(i => i.Row)]);
    }

    private enum Change { Inserted, Updated, Unchanged }

    /// <summary>The departments by code and by name, and the commissioners known so far (those a file adds join as it is read).</summary>
    private sealed record ImportContext(Dictionary<string, string> Departments, List<Commissioner> Commissioners, Dictionary<string, CommissionedEnterprise> Assigned);

    private async Task<ImportContext> ContextAsync(CancellationToken cancellationToken)
    {
        var departments = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var d in await db.Departments.AsNoTracking().Select(d => new { d.Code, d.Name }).ToListAsync(cancellationToken))
        {
            departments[d.Code] = d.Code;
            departments.TryAdd(d.Name, d.Code);
        }

        var commissioners = await db.Commissioners.ToListAsync(cancellationToken);
        var assigned = await db.CommissionedEnterprises.ToDictionaryAsync(c => c.CreditCode, StringComparer.Ordinal, cancellationToken);
        return new ImportContext(departments, commissioners, assigned);
    }

    /// <summary>The assignment a row or form gives, or the first field refused with its reason (the field named as the table's column).</summary>
    private async Task<(CommissionerAssignment? Assignment, string? Field, string? Reason)> CheckAsync(ImportContext context, string code, string? name,
        string? department, string? phone, string? userName, string? since, CancellationToken cancellationToken)
    {
        (name, department, phone, userName, since) = (name?.Trim(), department?.Trim(), phone?.Trim(), userName?.Trim(), since?.Trim());
        if (string.IsNullOrEmpty(name) || name.Length > 50)
        {
            return (null, "commissioner", "服务专员姓名必填，最多 50 字 — the commissioner's name is required, at most 50 characters");
        }

        if (string.IsNullOrEmpty(department) || DepartmentCode(context, department) is not { } departmentCode)
        {
            return (null, "department", "没有这个部门，请填写部门代码或名称 — no such department; give its code or name");
        }

        if (!string.IsNullOrEmpty(phone) && (phone.Length is < 7 or > 20 || !phone.All(c => char.IsAsciiDigit(c) || c is '-' or '+' or ' ')))
        {
            return (null, "phone", "电话只能有数字、空格、- 和 +，7 到 20 位 — digits, spaces, - and + only, 7 to 20 characters");
        }

        if (!string.IsNullOrEmpty(userName))
        {
            if (userName.Length > 256 || !await accounts.IsStaffAccountAsync(userName, cancellationToken))
            {
                return (null, "user_name", "没有这个工作人员账号 — no official's account has this user name");
            }

            if (context.Commissioners.FirstOrDefault(m => m.UserName == userName) is { } holder && (holder.Name != name || holder.DepartmentCode != departmentCode))
            {
                return (null, "user_name", $"这个账号已属于服务专员 {holder.Name} — the account already belongs to the commissioner {holder.Name}");
            }
        }

        if (!ImportRows.TryReadDay(since ?? string.Empty, out var given))
        {
            return (null, "since", "日期应为 yyyy-MM-dd — the date must be yyyy-MM-dd");
        }

        var day = given ?? clock.Today;
        if (day > clock.Today)
        {
            return (null, "since", "起始日期不能晚于今天 — the start cannot be after today");
        }

        return (new CommissionerAssignment(code, name, departmentCode, string.IsNullOrEmpty(phone) ? null : phone,
            string.IsNullOrEmpty(userName) ? null : userName, day), null, null);
    }

    /// <summary>
    /// A department by its code or its name; a name may leave out the city (应急管理局 for
    /// 聊城市应急管理局) when only one department's name ends with it.
    /// </summary>
    private static string? DepartmentCode(ImportContext context, string given)
    {
        if (context.Departments.TryGetValue(given, out var code))
        {
            return code;
        }

        var endings = context.Departments.Where(d => given.Length >= 2 && d.Key.EndsWith(given, StringComparison.Ordinal)).Select(d => d.Value).Distinct().ToList();
        return endings.Count == 1 ? endings[0] : null;
    }

    private async Task<Change> ApplyAsync(ImportContext context, CommissionerAssignment a, CancellationToken cancellationToken)
    {
        var changed = false;
        var commissioner = (a.UserName is null ? null : context.Commissioners.FirstOrDefault(m => m.UserName == a.UserName))
            ?? context.Commissioners.FirstOrDefault(m => m.Name == a.Name && m.DepartmentCode == a.DepartmentCode && (m.UserName is null || a.UserName is null));
        if (commissioner is null)
        {
            commissioner = new Commissioner { Name = a.Name, DepartmentCode = a.DepartmentCode, Phone = a.Phone, UserName = a.UserName };
            db.Commissioners.Add(commissioner);
            await db.SaveChangesAsync(cancellationToken); // the assignment needs the new commissioner's id
            context.Commissioners.Add(commissioner);
        }
        else
        {
            if (a.Phone is not null && a.Phone != commissioner.Phone)
            {
                (commissioner.Phone, changed) = (a.Phone, true);
            }

            if (a.UserName is not null && commissioner.UserName is null)
            {
                (commissioner.UserName, changed) = (a.UserName, true);
            }

            if (!commissioner.Active)
            {
                (commissioner.Active, changed) = (true, true);
            }
        }

        if (!context.Assigned.TryGetValue(a.CreditCode, out var assignment))
        {
            assignment = new CommissionedEnterprise { CreditCode = a.CreditCode, CommissionerId = commissioner.Id, Since = a.Since };
            db.CommissionedEnterprises.Add(assignment);
            context.Assigned[a.CreditCode] = assignment;
            return Change.Inserted;
        }

        if (assignment.CommissionerId != commissioner.Id)
        {
            (assignment.CommissionerId, assignment.Since, changed) = (commissioner.Id, a.Since, true);
        }

        return changed ? Change.Updated : Change.Unchanged;
    }

    /// <summary>The form's field for a column of the table.</summary>
    private static string FormField(string column) => column switch
    {
        "commissioner" => "name",
        "user_name" => "userName",
        _ => column,
    };
}
