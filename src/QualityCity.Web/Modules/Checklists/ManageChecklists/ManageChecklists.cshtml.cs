using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Data;
using QualityCity.Web.Localization;
using QualityCity.Web.Modules.Accounts.Contracts;
using QualityCity.Web.Modules.Checklists.Contracts;
using QualityCity.Web.Modules.Organisation.Contracts;

namespace QualityCity.Web.Modules.Checklists.ManageChecklists;

/// <summary>What the draft form posts; kept as typed so a refusal shows it again.</summary>
public sealed class ChecklistForm
{
    public string? Name { get; set; }
    public string? InspectedObjects { get; set; }
    public string? Content { get; set; }
    public string? Method { get; set; }
    public string? LegalBasis { get; set; }

    /// <summary>Text, so that whatever was typed comes back with the refusal.</summary>
    public string? FrequencyCapPerYear { get; set; }

    public ChecklistItemRequest ToRequest(int? departmentId) => new(departmentId, Name, InspectedObjects ?? string.Empty, Content ?? string.Empty,
        Method ?? string.Empty, LegalBasis,
        string.IsNullOrWhiteSpace(FrequencyCapPerYear) ? null
            : int.TryParse(FrequencyCapPerYear.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0);

    public static ChecklistForm Of(ChecklistItem item) => new()
    {
        Name = item.Name, InspectedObjects = item.InspectedObjects, Content = item.Content, Method = item.Method, LegalBasis = item.LegalBasis,
        FrequencyCapPerYear = item.FrequencyCapPerYear.ToString(CultureInfo.InvariantCulture),
    };
}

/// <summary>
/// A department head keeps the department's checklist here (the administrator any department's):
/// draft a new item, edit one (a published item's edit becomes its next draft version) and publish
/// a draft. Every change goes through <see cref="ChecklistEditor"/>, as the API's do.
/// </summary>
[Authorize(Policy = Policies.DepartmentEditors)]
public sealed class ManageChecklistsModel(QualityCityDbContext db, ChecklistEditor editor, Text text) : PageModel
{
    /// <summary>The department whose list is shown, by code; a head's own department regardless.</summary>
    [BindProperty(SupportsGet = true)] public string? Department { get; set; }

    [BindProperty] public ChecklistForm Form { get; set; } = new();

    /// <summary>The item an edit or a publication applies to.</summary>
    [BindProperty] public string? Code { get; set; }

    public IReadOnlyList<Department> Departments { get; private set; } = [];
    public Department? Current { get; private set; }

    /// <summary>The current version of each item of the department: its draft if it has one, else the published one.</summary>
    public IReadOnlyList<ChecklistItem> Items { get; private set; } = [];

    public HashSet<string> Published { get; private set; } = [];
    public Dictionary<string, string[]> Errors { get; private set; } = [];
    public string? FailedForm { get; private set; }
    public string? Message { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAddAsync(CancellationToken cancellationToken)
    {
        await LoadDepartmentsAsync(cancellationToken);
        var change = await editor.AddAsync(Form.ToRequest(Current?.Id), User, cancellationToken);
        return await AfterAsync(change, "add", text.Format("已新增草稿 {0}", change.Item?.Code ?? string.Empty), cancellationToken);
    }

    public async Task<IActionResult> OnPostEditAsync(CancellationToken cancellationToken)
    {
        var change = await editor.UpdateAsync(Code ?? string.Empty, Form.ToRequest(null), User, cancellationToken);
        return await AfterAsync(change, "edit", text.Format("已保存草稿 {0}", Code ?? string.Empty), cancellationToken);
    }

    public async Task<IActionResult> OnPostPublishAsync(CancellationToken cancellationToken)
    {
        var change = await editor.PublishAsync(Code ?? string.Empty, User, cancellationToken);
        return await AfterAsync(change, "publish", text.Format("已发布 {0}", Code ?? string.Empty), cancellationToken);
    }

    private async Task<IActionResult> AfterAsync(ChecklistChange change, string form, string done, CancellationToken cancellationToken)
    {
        switch (change.Status)
        {
            case StatusCodes.Status404NotFound:
                return NotFound();
            case StatusCodes.Status403Forbidden:
                return Forbid();
            case StatusCodes.Status409Conflict:
                Errors = new Dictionary<string, string[]> { ["code"] = [change.Problem ?? string.Empty] };
                FailedForm = form;
                break;
        }

        if (change.Succeeded)
        {
            Message = done;
            Form = new();
            Code = null;
            // The forms show the posted values unless they are cleared: a saved change's are done with.
            ModelState.Clear();
            if (Department is null && change.Item is { } item)
            {
                // Stay on the department whose list was changed (the administrator's choice).
                Department = await db.Departments.Where(d => d.Id == item.DepartmentId).Select(d => d.Code).FirstOrDefaultAsync(cancellationToken);
            }
        }
        else if (change.Status is null)
        {
            Errors = change.Errors;
            FailedForm = form;
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadDepartmentsAsync(CancellationToken cancellationToken)
    {
        var own = User.IsInRole(Roles.Admin) ? null : User.DepartmentId();
        Departments = await db.Departments.AsNoTracking().Where(d => !d.IsCoordinator && (own == null || d.Id == own)).OrderBy(d => d.Id)
            .ToListAsync(cancellationToken);
        Current = Departments.FirstOrDefault(d => d.Code == Department) ?? (Departments.Count > 0 ? Departments[0] : null);
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        await LoadDepartmentsAsync(cancellationToken);
        if (Current is null)
        {
            return;
        }

        var versions = await db.ChecklistItems.AsNoTracking().Where(i => i.DepartmentId == Current.Id && i.Status != ChecklistStatus.Retired)
            .OrderBy(i => i.Code).ThenByDescending(i => i.Version).ToListAsync(cancellationToken);
        Published = versions.Where(v => v.Status == ChecklistStatus.Published).Select(v => v.Code).ToHashSet();
        // Drafts first (the work in hand), then the published items, each once: its newest version.
        Items = versions.GroupBy(v => v.Code).Select(g => g.First())
            .OrderBy(i => i.Status == ChecklistStatus.Draft ? 0 : 1).ThenBy(i => i.Code, StringComparer.Ordinal).ToList();
    }

    public string? ErrorFor(string form, string field) =>
        FailedForm == form && Errors.TryGetValue(field, out var messages) ? string.Join("；", messages) : null;

    /// <summary>The values an item's edit form shows: what was typed when its save was refused, else the item's.</summary>
    public ChecklistForm EditValues(ChecklistItem item) => FailedForm == "edit" && Code == item.Code ? Form : ChecklistForm.Of(item);
}

/// <summary>One copy of the item fields: its element ids' prefix, the bound name, the values, and the page when its errors belong here.</summary>
public sealed record ChecklistFields(string Prefix, string Name, ChecklistForm Values, ManageChecklistsModel? Errors);
