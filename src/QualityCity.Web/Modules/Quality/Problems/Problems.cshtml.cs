using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Data;
using QualityCity.Web.Hosting;
using QualityCity.Web.Modules.Accounts.Contracts;

namespace QualityCity.Web.Modules.Quality.Problems;

/// <summary>
/// 质量问题清单 and 挂牌督办 (QLT-4, QLT-5, QLT-6) for the regulator: the problems of an industry
/// and year with their improvement plans, the county × industry alerts with the failed samples as
/// evidence, and the origin and shell-company flags to confirm or dismiss with a reason.
/// </summary>
[Authorize(Roles = Roles.Staff)]
public sealed partial class ProblemsModel(QualityCityDbContext db, QualityAnalysis analysis, SamplingAccess access, Localization.Text text, PlatformClock clock) : PageModel
{
    public string Industry { get; private set; } = "cable";
    public int? Year { get; private set; }
    public IReadOnlyList<QualityProblem> Problems { get; private set; } = [];
    public IReadOnlyList<SupervisionAlert> Alerts { get; private set; } = [];
    public IReadOnlyList<QualityFlag> Flags { get; private set; } = [];
    public IReadOnlyDictionary<string, string> ItemNames { get; private set; } = new Dictionary<string, string>();
    public IReadOnlyDictionary<string, string> CountyNames { get; private set; } = new Dictionary<string, string>();
    public IReadOnlyDictionary<string, string> EntityNames { get; private set; } = new Dictionary<string, string>();
    public bool MayManage { get; private set; }
    public string? Message { get; private set; }
    public string? Error { get; private set; }

    public IReadOnlyList<(string Code, string Name)> Industries { get; private set; } = [];

    /// <summary>The problem whose plan form was refused: its form opens again with what was typed.</summary>
    public string? KeptProblem { get; private set; }

    [BindProperty] public string? ProblemKey { get; set; }
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public string? Owner { get; set; }
    [BindProperty] public string? Actions { get; set; }
    [BindProperty] public DateOnly? Deadline { get; set; }

    [BindProperty] public long FlagId { get; set; }
    [BindProperty] public bool Confirm { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public Task OnGetAsync(string? industry, int? year, CancellationToken cancellationToken) => LoadAsync(industry, year, cancellationToken);

    /// <summary>一业一策 for a problem of the list: the same checks as <c>POST /api/quality/improvement-plans</c>.</summary>
    public async Task OnPostPlanAsync(string? industry, int? year, CancellationToken cancellationToken)
    {
        var request = new ImprovementPlanRequest("industry", industry ?? "cable", ProblemKey, null, Title, Owner, Actions, Deadline, "planned", null);
        var result = await QualityModule.SavePlanAsync(null, request, User, db, access, text, cancellationToken);
        if (result is Microsoft.AspNetCore.Http.HttpResults.Ok<ImprovementPlan>)
        {
            Message = "已制定提升方案";
        }
        else
        {
            var errors = result switch
            {
                Microsoft.AspNetCore.Http.HttpResults.ValidationProblem problem => problem.ProblemDetails.Errors,
                Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult { ProblemDetails: Microsoft.AspNetCore.Http.HttpValidationProblemDetails details } => details.Errors,
                _ => null,
            };
            Error = errors is null
                ? text["产品抽查由市场监管部门登记"]
                : string.Join("；", errors.Select(e => text.Format("{0}：{1}", text[PlanFieldName(e.Key)], string.Join(" ", e.Value))));
            KeptProblem = ProblemKey;
        }

        await LoadAsync(industry, year, cancellationToken);
    }

    public async Task OnPostFlagAsync(string? industry, int? year, CancellationToken cancellationToken)
    {
        var flag = await db.QualityFlags.FirstOrDefaultAsync(f => f.Id == FlagId, cancellationToken);
        if (!await access.MayManageAsync(User, cancellationToken) || flag is null)
        {
            Error = text["产品抽查由市场监管部门登记"];
        }
        else if (string.IsNullOrWhiteSpace(Reason))
        {
            Error = text["须选择确认或排除，并写明理由"];
        }
        else
        {
            flag.Status = Confirm ? "confirmed" : "dismissed";
            flag.Decision = Reason.Trim();
            flag.DecidedBy = User.ActorName();
            flag.DecidedAtUtc = clock.UtcNow;
            await db.SaveChangesAsync(cancellationToken);
            Message = Confirm ? "已确认" : "已排除";
        }

        await LoadAsync(industry, year, cancellationToken);
    }

    private async Task LoadAsync(string? industry, int? year, CancellationToken cancellationToken)
    {
        Industry = industry ?? "cable";
        Year = year;
        Problems = await analysis.ProblemsAsync(Industry, year, includeUnpublished: true, cancellationToken);
        Alerts = await analysis.AlertsAsync(null, year, cancellationToken);
        Flags = await db.QualityFlags.AsNoTracking().OrderBy(f => f.Status == "open" ? 0 : 1).ThenBy(f => f.Rule).ThenBy(f => f.Id).Take(300).ToListAsync(cancellationToken);
        ItemNames = (await db.TestItemDefinitions.AsNoTracking().ToListAsync(cancellationToken)).GroupBy(i => i.Code)
            .ToDictionary(g => g.Key, g => Localization.Text.IsEnglish ? g.First().NameEn : g.First().Name);
        var counties = Problems.Select(p => p.County).Concat(Alerts.Select(a => a.County)).OfType<string>().Distinct().ToList();
        CountyNames = await db.Regions.AsNoTracking().Where(r => counties.Contains(r.Code)).ToDictionaryAsync(r => r.Code, r => r.Name, cancellationToken);
        var codes = Flags.Select(f => f.CreditCode).Distinct().ToList();
        EntityNames = await db.MarketEntities.AsNoTracking().Where(e => codes.Contains(e.CreditCode)).ToDictionaryAsync(e => e.CreditCode, e => e.Name, cancellationToken);
        MayManage = await access.MayManageAsync(User, cancellationToken);
        var chains = await db.IndustryChains.AsNoTracking().ToDictionaryAsync(c => c.Code, c => Localization.Text.IsEnglish ? c.NameEn : c.Name, cancellationToken);
        Industries = (await db.ProductCategories.AsNoTracking().Select(c => c.Industry).Distinct().ToListAsync(cancellationToken))
            .Select(code => (code, chains.GetValueOrDefault(code, code))).ToList();
    }

    /// <summary>A field of the improvement plan as its form labels it.</summary>
    private static string PlanFieldName(string key) => key switch
    {
        "title" => "方案名称",
        "owner" => "责任单位",
        "actions" => "措施",
        "deadline" => "完成期限",
        "industry" => "行业",
        "creditCode" => "企业",
        "status" => "状态",
        _ => "问题",
    };

    public string Describe(QualityProblem p) => p.Kind switch
    {
        "item" => ItemNames.GetValueOrDefault(p.TestItem!, p.TestItem!),
        "county" => CountyNames.GetValueOrDefault(p.County!, p.County!),
        _ => $"{ItemNames.GetValueOrDefault(p.TestItem!, p.TestItem!)} · {CountyNames.GetValueOrDefault(p.County!, p.County!)}",
    };

    /// <summary>
    /// A flag's evidence in the user's language. The scan stores it as a Chinese sentence (ShellCompanyRules); its known
    /// forms are read back so the words are translated and only the names, addresses and codes in it stay as written.
    /// </summary>
    public IHtmlContent Evidence(QualityFlag flag)
    {
        static string Name(string value) => $"<span translate=\"no\">{WebUtility.HtmlEncode(value)}</span>";
        var e = flag.Evidence;
        if (OriginEvidence().Match(e) is { Success: true } origin)
        {
            return new HtmlString(text.Format("样品 {0} 标称由 {1}（登记地 {2}）生产，溯源查明实际产地为 {3}",
                Name(origin.Groups[1].Value), Name(origin.Groups[2].Value), Name(origin.Groups[3].Value), Name(origin.Groups[4].Value)));
        }
        if (AddressEvidence().Match(e) is { Success: true } address)
        {
            var names = string.Join(text["、"], address.Groups[3].Value.Split('、').Select(Name));
            return new HtmlString(text.Format(address.Groups[4].Success ? "登记地址“{0}”与另外 {1} 个主体相同：{2} 等" : "登记地址“{0}”与另外 {1} 个主体相同：{2}",
                Name(address.Groups[1].Value), address.Groups[2].Value, names));
        }
        if (NoStaffEvidence().Match(e) is { Success: true } staff)
        {
            return new HtmlString(text.Format("{0} 登记为制造业，年报参保人数为 0", Name(staff.Groups[1].Value)));
        }
        if (NoRecordsEvidence().Match(e) is { Success: true } records)
        {
            return new HtmlString(text.Format("{0} 登记为制造业，{1} 年度生产经营数据（{2} 家企业有记录）中没有它的记录",
                Name(records.Groups[1].Value), records.Groups[2].Value, records.Groups[3].Value));
        }
        if (NothingProducedEvidence().Match(e) is { Success: true } nothing)
        {
            return new HtmlString(text.Format("{0} 登记为制造业，{1} 年度申报的工业总产值与用电量均为 0", Name(nothing.Groups[1].Value), nothing.Groups[2].Value));
        }
        return new HtmlString(Name(e));
    }

    [GeneratedRegex(@"^样品 (\S+) 标称由 (.+)（登记地 (\d+)）生产，溯源查明实际产地为 (.+)$")]
    private static partial Regex OriginEvidence();

    [GeneratedRegex(@"^登记地址“(.+)”与另外 (\d+) 个主体相同：(.+?)( 等)?$")]
    private static partial Regex AddressEvidence();

    [GeneratedRegex(@"^(.+) 登记为制造业，年报参保人数为 0$")]
    private static partial Regex NoStaffEvidence();

    [GeneratedRegex(@"^(.+) 登记为制造业，(\d+) 年度生产经营数据（(\d+) 家企业有记录）中没有它的记录$")]
    private static partial Regex NoRecordsEvidence();

    [GeneratedRegex(@"^(.+) 登记为制造业，(\d+) 年度申报的工业总产值与用电量均为 0$")]
    private static partial Regex NothingProducedEvidence();

    public static string Percent(double rate) => (rate * 100).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + "%";
}
