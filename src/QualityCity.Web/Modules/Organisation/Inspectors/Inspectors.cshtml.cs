using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Data;
using QualityCity.Web.Localization;
using QualityCity.Web.Modules.Accounts.Contracts;
using QualityCity.Web.Modules.Organisation.Contracts;

namespace QualityCity.Web.Modules.Organisation.Inspectors;

/// <summary>What the add and edit forms post; kept as typed so a refusal shows it again.</summary>
public sealed class InspectorForm
{
    public int? DepartmentId { get; set; }
    public string? Name { get; set; }
    public string? CredentialNumber { get; set; }
    public string? Qualifications { get; set; }

    /// <summary>Text, so that whatever was typed comes back with the refusal rather than vanishing in binding.</summary>
    public string? MonthlyCapacity { get; set; }

    public string? HomeCountyCode { get; set; }

    /// <summary>"active" (在岗) or "suspended" (暂停).</summary>
    public string? Status { get; set; }

    public InspectorRequest ToRequest() => new(DepartmentId, Name, CredentialNumber, Qualifications ?? string.Empty,
        string.IsNullOrWhiteSpace(MonthlyCapacity) ? null : int.TryParse(MonthlyCapacity.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0,
        Status is null ? null : Status != "suspended", HomeCountyCode ?? string.Empty, null);

    public static InspectorForm Of(Inspector i) => new()
    {
        DepartmentId = i.DepartmentId, Name = i.Name, CredentialNumber = i.CredentialNumber, Qualifications = i.Qualifications.Replace(",", "、", StringComparison.Ordinal),
        MonthlyCapacity = i.MonthlyCapacity.ToString(CultureInfo.InvariantCulture), HomeCountyCode = i.HomeCountyCode, Status = i.Active ? "active" : "suspended",
    };
}

/// <summary>
/// The inspector registry (INS-2): every staff member reads the officers they may see; the
/// administrator and a department's head add and edit them; an officer (or the head, or the
/// administrator) declares a conflict of interest with an enterprise found by its name. Every change
/// goes through <see cref="InspectorRegistry"/>, as the API's do.
/// </summary>
[Authorize(Policy = Policies.Staff)]
public sealed class InspectorsModel(QualityCityDbContext db, InspectorRegistry registry, IAccountDirectory accounts, Text text) : PageModel
{
    public const int PageSize = 20;

    private Dictionary<int, string> _departments = [];
    private Dictionary<string, string> _counties = [];
    private Dictionary<string, string> _entityNames = [];

    /// <summary>Department filter, by its code.</summary>
    [BindProperty(SupportsGet = true)] public string? Department { get; set; }

    /// <summary>Search by the officer's name or credential number.</summary>
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    /// <summary>The officer whose conflict form is open, and the enterprise name searched for it.</summary>
    [BindProperty(SupportsGet = true)] public int? ConflictFor { get; set; }
    [BindProperty(SupportsGet = true)] public string? Entity { get; set; }

    [BindProperty] public InspectorForm Form { get; set; } = new();

    /// <summary>The officer an edit applies to.</summary>
    [BindProperty] public int? EditId { get; set; }

    [BindProperty] public string? CreditCode { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public IReadOnlyList<Inspector> Inspectors { get; private set; } = [];
    public int Total { get; private set; }
    public IReadOnlyList<Department> Departments { get; private set; } = [];
    public IReadOnlyList<(string Code, string Name)> Counties { get; private set; } = [];

    /// <summary>Enterprises matching <see cref="Entity"/>, to choose the conflict's from.</summary>
    public IReadOnlyList<(string Code, string Name)> EntityMatches { get; private set; } = [];

    public int? OwnOfficerId { get; private set; }
    public Dictionary<string, string[]> Errors { get; private set; } = [];

    /// <summary>Which form the errors belong to: "add", "edit" or "conflict".</summary>
    public string? FailedForm { get; private set; }

    public string? Message { get; private set; }
    public bool MayAdd => User.IsInRole(Roles.Admin) || User.IsInRole(Roles.DeptHead);
    public bool HasNextPage => (long)PageNumber * PageSize < Total;

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAddAsync(CancellationToken cancellationToken)
    {
        if (!MayAdd)
        {
            return Forbid();
        }

        var change = await registry.AddAsync(Form.ToRequest() with { Active = true }, User, cancellationToken);
        return await AfterAsync(change, "add", text.Format("已添加执法人员 {0}", Form.Name?.Trim() ?? string.Empty), cancellationToken);
    }

    public async Task<IActionResult> OnPostEditAsync(CancellationToken cancellationToken)
    {
        if (!MayAdd)
        {
            return Forbid();
        }

        var change = await registry.UpdateAsync(EditId ?? 0, Form.ToRequest() with { DepartmentId = null }, User, cancellationToken);
        return await AfterAsync(change, "edit", text.Format("已保存执法人员 {0}", change.Inspector?.Name ?? string.Empty), cancellationToken);
    }

    public async Task<IActionResult> OnPostConflictAsync(CancellationToken cancellationToken)
    {
        if (!(MayAdd || User.IsInRole(Roles.Inspector)))
        {
            return Forbid();
        }

        var change = await registry.DeclareConflictAsync(ConflictFor ?? 0, new ConflictRequest(CreditCode, Reason), User, cancellationToken);
        var entity = string.IsNullOrEmpty(CreditCode) ? string.Empty
            : await db.MarketEntities.AsNoTracking().Where(e => e.CreditCode == CreditCode).Select(e => e.Name).FirstOrDefaultAsync(cancellationToken) ?? CreditCode;
        return await AfterAsync(change, "conflict", text.Format("已登记 {0} 与 {1} 的回避关系", change.Inspector?.Name ?? string.Empty, entity), cancellationToken);
    }

    private async Task<IActionResult> AfterAsync(InspectorChange change, string form, string done, CancellationToken cancellationToken)
    {
        if (change.NotFound)
        {
            return NotFound();
        }

        if (change.Forbidden is not null)
        {
            return Forbid();
        }

        if (change.Succeeded)
        {
            Message = done;
            Form = new();
            EditId = null;
            ConflictFor = null;
            Entity = null;
            CreditCode = null;
            Reason = null;
            // The forms show the posted values unless they are cleared: a saved change's are done with.
            ModelState.Clear();
        }
        else
        {
            Errors = change.Errors;
            FailedForm = form;
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var english = Text.IsEnglish;
        var visible = OrganisationModule.VisibleInspectors(db, User);
        Departments = await db.Departments.AsNoTracking()
            .Where(d => User.SeesAllDepartments() ? !d.IsCoordinator : d.Id == User.DepartmentId())
            .OrderBy(d => d.Id).ToListAsync(cancellationToken);
        _departments = await db.Departments.AsNoTracking().ToDictionaryAsync(d => d.Id, d => english ? d.NameEn : d.Name, cancellationToken);

        var query = visible;
        if (Departments.FirstOrDefault(d => d.Code == Department) is { } selected)
        {
            query = query.Where(i => i.DepartmentId == selected.Id);
        }

        if (!string.IsNullOrWhiteSpace(Q))
        {
            var q = Q.Trim();
            query = query.Where(i => i.Name.Contains(q) || i.CredentialNumber.Contains(q));
        }

        PageNumber = Math.Max(1, PageNumber);
        Total = await query.CountAsync(cancellationToken);
        Inspectors = await query.OrderBy(i => i.DepartmentId).ThenBy(i => i.Id).Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken);

        // The city's counties are those whose townships are loaded (the regions hold every county of the country).
        Counties = (await db.Regions.AsNoTracking()
                .Where(r => r.Level == "county" && db.Regions.Any(t => t.Level == "township" && t.ParentCode == r.Code))
                .OrderBy(r => r.Code).Select(r => new { r.Code, r.Name }).ToListAsync(cancellationToken))
            .Select(r => (r.Code, r.Name)).ToList();
        var homes = Inspectors.Where(i => i.HomeCountyCode != null).Select(i => i.HomeCountyCode!).Distinct().ToList();
        _counties = await db.Regions.AsNoTracking().Where(r => r.Level == "county" && homes.Contains(r.Code)).ToDictionaryAsync(r => r.Code, r => r.Name, cancellationToken);

        var conflictCodes = Inspectors.SelectMany(i => InspectorRules.Codes(i.ConflictCreditCodes)).Distinct().ToList();
        _entityNames = await db.MarketEntities.AsNoTracking().Where(e => conflictCodes.Contains(e.CreditCode))
            .ToDictionaryAsync(e => e.CreditCode, e => e.Name, cancellationToken);

        if (ConflictFor is not null && !string.IsNullOrWhiteSpace(Entity))
        {
            var name = Entity.Trim();
            var upper = name.ToUpperInvariant();
            EntityMatches = (await db.MarketEntities.AsNoTracking().Where(e => e.Name.Contains(name) || e.CreditCode.StartsWith(upper))
                    .OrderBy(e => e.Name).Take(10).Select(e => new { e.CreditCode, e.Name }).ToListAsync(cancellationToken))
                .Select(e => (e.CreditCode, e.Name)).ToList();
        }

        if (User.IsInRole(Roles.Inspector))
        {
            OwnOfficerId = await accounts.OfficerIdAsync(User.ActorName(), cancellationToken);
        }
    }

    public bool MayEdit(Inspector inspector) => InspectorRegistry.MayManage(User, inspector.DepartmentId);

    public bool MayDeclare(Inspector inspector) => MayEdit(inspector) || (OwnOfficerId is { } own && own == inspector.Id);

    public string DepartmentName(int id) => _departments.GetValueOrDefault(id, string.Empty);

    public string CountyName(string? code) => code is null ? string.Empty : _counties.GetValueOrDefault(code, code);

    public IEnumerable<string> ConflictNames(Inspector inspector) =>
        InspectorRules.Codes(inspector.ConflictCreditCodes).Select(c => _entityNames.GetValueOrDefault(c, c));

    public string? ErrorFor(string form, string field) =>
        FailedForm == form && Errors.TryGetValue(field, out var messages) ? string.Join("；", messages) : null;

    /// <summary>The values an officer's edit form shows: what was typed when its save was refused, else the record.</summary>
    public InspectorForm EditValues(Inspector inspector) => FailedForm == "edit" && EditId == inspector.Id ? Form : InspectorForm.Of(inspector);

    public string Link(int page, int? conflictFor = null) => "/organisation/inspectors" + QueryString.Create(
        new[]
        {
            KeyValuePair.Create("department", string.IsNullOrWhiteSpace(Department) ? null : Department),
            KeyValuePair.Create("q", string.IsNullOrWhiteSpace(Q) ? null : Q),
            KeyValuePair.Create("p", page > 1 ? page.ToString(CultureInfo.InvariantCulture) : null),
            KeyValuePair.Create("conflictFor", conflictFor?.ToString(CultureInfo.InvariantCulture)),
        }.Where(p => p.Value is not null));
}
