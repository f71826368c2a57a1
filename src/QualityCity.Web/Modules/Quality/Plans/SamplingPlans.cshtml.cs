using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using QualityCity.Web.Data;
using QualityCity.Web.Hosting;
using QualityCity.Web.Modules.Accounts.Contracts;

namespace QualityCity.Web.Modules.Quality.Plans;

/// <summary>
/// The year's sampling plans (QLT-1): each task's product, place, lab and deadline, with the batches
/// sampled so far against those planned; and, for those who may manage sampling, the form that sets
/// a plan with its tasks through the same <see cref="SamplingPlanner"/> as <c>POST /api/quality/plans</c>.
/// </summary>
[Authorize(Roles = Roles.Staff)]
public sealed class SamplingPlansModel(QualityCityDbContext db, SamplingAccess access, SamplingPlanner planner, Localization.Text text,
    IOptions<QualityOptions> options, PlatformClock clock) : PageModel
{
    /// <summary>The most task rows one form holds; more is a second plan or the API.</summary>
    public const int MaxTaskRows = 50;

    public int Year { get; private set; }
    public IReadOnlyList<int> Years { get; private set; } = [];
    public IReadOnlyList<PlanProgress> Plans { get; private set; } = [];
    public IReadOnlyDictionary<string, string> CategoryNames { get; private set; } = new Dictionary<string, string>();
    public IReadOnlyDictionary<string, string> CountyNames { get; private set; } = new Dictionary<string, string>();
    public DateOnly Today { get; } = clock.Today;
    public bool MayManage { get; private set; }

    /// <summary>The plan just set, to say so once after the redirect.</summary>
    public int? Created { get; private set; }

    /// <summary>The choices of the form: product categories by industry, counties, authorities and labs used before.</summary>
    public IReadOnlyList<(string Code, string Name, string Industry)> Categories { get; private set; } = [];
    public IReadOnlyList<(string Code, string Name)> Counties { get; private set; } = [];
    public IReadOnlyList<string> Authorities { get; private set; } = [];
    public IReadOnlyList<string> Labs { get; private set; } = [];
    public IReadOnlyDictionary<string, string> IndustryNames { get; private set; } = new Dictionary<string, string>();

    /// <summary>The latest sampling leads other modules raised (a verified complaint about a product), for the next plan.</summary>
    public IReadOnlyList<Contracts.SamplingLeadView> Leads { get; private set; } = [];

    [BindProperty] public PlanForm Form { get; set; } = new();

    /// <summary>The reasons a submission was refused, by the planner's field names (year, tasks[0].lab …), already in the user's language.</summary>
    public IDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    public async Task OnGetAsync(int? year, int? created, CancellationToken cancellationToken)
    {
        Created = created;
        await LoadAsync(year, cancellationToken);
        Form = new PlanForm { Year = Today.Year.ToString(CultureInfo.InvariantCulture), Level = "city", Tasks = [new TaskForm()] };
    }

    /// <summary>
    /// Sets the plan; the same buttons add or remove a task row, keeping what is typed, so the form
    /// works without a script. Refused input comes back with every value and the reasons by field.
    /// </summary>
    public async Task<IActionResult> OnPostCreateAsync(string? addRow, int? removeRow, CancellationToken cancellationToken)
    {
        if (!await access.MayManageAsync(User, cancellationToken))
        {
            return Forbid();
        }

        Form.Tasks ??= [];
        if (addRow is not null || removeRow is not null)
        {
            if (removeRow is { } index && index >= 0 && index < Form.Tasks.Count)
            {
                Form.Tasks.RemoveAt(index);
            }
            else if (addRow is not null && Form.Tasks.Count < MaxTaskRows)
            {
                Form.Tasks.Add(new TaskForm());
            }

            ModelState.Clear();
            await LoadAsync(ParsedYear, cancellationToken);
            return Page();
        }

        // Rows left wholly blank are rows added and not used, not tasks to refuse.
        var tasks = Form.Tasks.Where(t => !t.IsBlank).ToList();
        var request = new SamplingPlanRequest(ParsedYear, Form.Level, Form.Authority, Form.Title,
            tasks.Select(t => new SamplingTaskRequest(NullIfEmpty(t.ProductCategory), NullIfEmpty(t.County), ParseInt(t.Batches), t.Lab, ParseDay(t.Due))).ToList());
        var result = await planner.PlanAsync(request, User, cancellationToken);
        if (result.Status == StatusCodes.Status403Forbidden)
        {
            return Forbid();
        }

        if (result.Succeeded)
        {
            var plan = (PlannedPlan)result.Value!;
            return Redirect($"/quality/plans?year={plan.Year}&created={plan.Id}#plan-{plan.Id}");
        }

        Form.Tasks = tasks.Count > 0 ? tasks : [new TaskForm()];
        Errors = result.Errors ?? new Dictionary<string, string[]> { [""] = [result.Describe(text)] };
        ModelState.Clear();
        await LoadAsync(ParsedYear, cancellationToken);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    /// <summary>The reason for one field, or null.</summary>
    public string? ErrorOf(string field) => Errors.TryGetValue(field, out var reasons) ? string.Join(" ", reasons) : null;

    /// <summary>The field a reason is about, as the form labels it (never the planner's field name).</summary>
    public string FieldName(string key)
    {
        var task = System.Text.RegularExpressions.Regex.Match(key, @"^tasks\[(\d+)\]\.(\w+)$");
        if (task.Success)
        {
            var column = task.Groups[2].Value switch { "productCategory" => "产品类别", "county" => "区县", "batches" => "批次数", "lab" => "承检机构", _ => "完成期限" };
            return text.Format("第 {0} 项任务的{1}", int.Parse(task.Groups[1].Value, CultureInfo.InvariantCulture) + 1, text[column]);
        }

        return text[key switch { "year" => "年度", "level" => "抽查层级", "authority" => "组织抽查的部门和计划名称", "tasks" => "抽查任务", _ => "计划" }];
    }

    public static string LevelName(string level) => level switch
    {
        "national" => "国家",
        "provincial" => "省级",
        "county" => "县级",
        _ => "市级",
    };

    private int? ParsedYear => ParseInt(Form.Year);

    private static int? ParseInt(string? value) => int.TryParse(value?.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;

    private static DateOnly? ParseDay(string? value) =>
        DateOnly.TryParseExact(value?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private async Task LoadAsync(int? year, CancellationToken cancellationToken)
    {
        Years = await db.SamplingPlans.AsNoTracking().Select(p => p.Year).Distinct().OrderByDescending(y => y).ToListAsync(cancellationToken);
        Year = year is { } y && Years.Contains(y) ? y : Years.Count > 0 ? Years[0] : Today.Year;
        Plans = await PlanProgressQuery.PlanProgressAsync(db, Year, cancellationToken);
        Leads = await SamplingLeads.Latest(db, 50).ToListAsync(cancellationToken);
        var english = Localization.Text.IsEnglish;
        var categories = await db.ProductCategories.AsNoTracking().OrderBy(c => c.Industry).ThenBy(c => c.Code).ToListAsync(cancellationToken);
        CategoryNames = categories.ToDictionary(c => c.Code, c => english ? c.NameEn : c.ShortName);
        Categories = categories.Select(c => (c.Code, english ? c.NameEn : c.Name, c.Industry)).ToList();
        IndustryNames = await db.IndustryChains.AsNoTracking().ToDictionaryAsync(c => c.Code, c => english ? c.NameEn : c.Name, cancellationToken);
        var used = Plans.SelectMany(p => p.Tasks).Select(t => t.CountyCode).Where(c => c.Length > 0).Distinct().ToList();
        // The regions hold every county of the country: a task is for one of the city's counties (those whose townships are
        // loaded), or for a county a plan of the year already names or the form chose.
        var offered = used.Concat((Form.Tasks ?? []).Select(t => t.County ?? string.Empty)).Where(c => c.Length > 0).Distinct().ToList();
        Counties = (await db.Regions.AsNoTracking()
                .Where(r => r.Level == "county" && (offered.Contains(r.Code) || db.Regions.Any(t => t.Level == "township" && t.ParentCode == r.Code)))
                .OrderBy(r => r.Code).Select(r => new { r.Code, r.Name }).ToListAsync(cancellationToken))
            .Select(r => (r.Code, r.Name)).ToList();
        CountyNames = await db.Regions.AsNoTracking().Where(r => used.Contains(r.Code)).ToDictionaryAsync(r => r.Code, r => r.Name, cancellationToken);
        MayManage = await access.MayManageAsync(User, cancellationToken);
        if (MayManage)
        {
            var sampling = options.Value.SamplingDepartment;
            var department = await db.Departments.AsNoTracking().Where(d => d.Code == sampling).Select(d => d.Name).ToListAsync(cancellationToken);
            Authorities = (await db.SamplingPlans.AsNoTracking().Select(p => p.Authority).Distinct().ToListAsync(cancellationToken))
                .Concat(department).Distinct().Order(StringComparer.Ordinal).ToList();
            Labs = await db.SamplingTasks.AsNoTracking().Select(t => t.Lab).Distinct().OrderBy(l => l).ToListAsync(cancellationToken);
        }
    }
}

/// <summary>The plan form as typed: text as it came, so a refused form shows exactly what was entered.</summary>
public sealed class PlanForm
{
    public string? Year { get; set; }
    public string? Level { get; set; }
    public string? Authority { get; set; }
    public string? Title { get; set; }
    public List<TaskForm> Tasks { get; set; } = [];
}

/// <summary>One task row of the plan form.</summary>
public sealed class TaskForm
{
    public string? ProductCategory { get; set; }
    public string? County { get; set; }
    public string? Batches { get; set; }
    public string? Lab { get; set; }
    public string? Due { get; set; }

    public bool IsBlank => string.IsNullOrWhiteSpace(ProductCategory) && string.IsNullOrWhiteSpace(County) && string.IsNullOrWhiteSpace(Batches)
        && string.IsNullOrWhiteSpace(Lab) && string.IsNullOrWhiteSpace(Due);
}
