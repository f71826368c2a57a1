using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Data;
using QualityCity.Web.Hosting;
using QualityCity.Web.Localization;
using QualityCity.Web.Modules.Accounts.Contracts;
using QualityCity.Web.Modules.Registry.Contracts;
using QualityCity.Web.Modules.Registry.GradeEntities;
using QualityCity.Web.Modules.Registry.GradeObjections;
using QualityCity.Web.Modules.Registry.Shared;

namespace QualityCity.Web.Modules.Registry.EntityDetail;

/// <summary>
/// The one view of an enterprise: registration, grade with its reasons and history, contacts,
/// inspections, rectifications, samples, coming visits and production data; the manual grade and
/// the enterprise's objection to its grade are done here through the same work as their API.
/// Staff see any entity, an enterprise account only its own (the same rule as the API); contacts
/// are for staff, and a coming visit only for whom its code is (never the enterprise before its
/// notice period).
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class EntityModel(QualityCityDbContext db, RegistryLabels labels, IEntityInspectionRecords inspectionRecords, IEntitySamples samples,
    GradeOverrideWork overrides, GradeObjectionWork objections, IApplicableStandards standards, Text text) : PageModel
{
    /// <summary>How many of the industry's standards the page lists; the library lists them all.</summary>
    public const int StandardsShown = 8;

    /// <summary>Current standards the entity's products are likely to need, by its industry.</summary>
    public IReadOnlyList<ApplicableStandard> Standards { get; private set; } = [];

    /// <summary>The library page of every standard for the entity's industry.</summary>
    public string? StandardsLink { get; private set; }

    public MarketEntity? Entity { get; private set; }
    public RegistryLabels Labels => labels;
    public IReadOnlyList<StoredRiskReason> Reasons { get; private set; } = [];
    public IReadOnlyList<GradeChange> GradeHistory { get; private set; } = [];
    public IReadOnlyList<ProductionRecord> Production { get; private set; } = [];
    public EntityInspectionRecords Records { get; private set; } = new([], [], []);
    public IReadOnlyList<EntitySample> Samples { get; private set; } = [];
    public IReadOnlyList<ObjectionView> Objections { get; private set; } = [];
    public bool MayOverride { get; private set; }
    public bool MayAnswer { get; private set; }
    public bool IsOwnEnterprise { get; private set; }

    /// <summary>What was done, after the redirect that follows it (a known word in the address, shown as its sentence).</summary>
    public string? Done { get; private set; }

    private static readonly Dictionary<string, string> DoneSentences = new(StringComparer.Ordinal)
    {
        ["override"] = "风险等级已调整", ["objection"] = "申诉已提交，等待答复", ["answer"] = "申诉已答复",
    };

    /// <summary>A refusal that belongs to no field (already in the page's language).</summary>
    public string? Error { get; private set; }

    /// <summary>The refusals by field ("grade", "reason", "answer" …), in the page's language.</summary>
    public Dictionary<string, string> FieldErrors { get; } = new(StringComparer.Ordinal);

    /// <summary>Which form a refusal belongs to, so its values are shown again there.</summary>
    public string? FailedForm { get; private set; }

    [BindProperty] public string? OverrideGrade { get; set; }
    [BindProperty] public string? OverrideReason { get; set; }
    [BindProperty] public string? ObjectionReason { get; set; }
    [BindProperty] public long ObjectionId { get; set; }
    [BindProperty] public string? Decision { get; set; }
    [BindProperty] public string? AnswerGrade { get; set; }
    [BindProperty] public string? Answer { get; set; }

    public async Task<IActionResult> OnGetAsync(string code, string? done, CancellationToken cancellationToken)
    {
        Done = done is null ? null : DoneSentences.GetValueOrDefault(done);
        // A code typed in lower case or pasted with spaces goes to its one address, so links and bookmarks agree.
        var canonical = QualityCity.Domain.Registry.CreditCode.Canonical(code);
        if (canonical != code && canonical.Length > 0)
        {
            return RedirectPermanent("/registry/" + Uri.EscapeDataString(canonical));
        }

        return await ShowAsync(code, cancellationToken);
    }

    public async Task<IActionResult> OnPostOverrideAsync(string code, CancellationToken cancellationToken) =>
        await AfterAsync(code, "override", await overrides.OverrideAsync(code, new GradeOverrideRequest(OverrideGrade, OverrideReason), User, cancellationToken),
            cancellationToken);

    public async Task<IActionResult> OnPostObjectionAsync(string code, CancellationToken cancellationToken) =>
        await AfterAsync(code, "objection", await objections.FileAsync(code, new ObjectionRequest(ObjectionReason), User, cancellationToken),
            cancellationToken);

    public async Task<IActionResult> OnPostAnswerAsync(string code, CancellationToken cancellationToken)
    {
        if (!await objections.MayAnswerAsync(User, cancellationToken))
        {
            return Forbid();
        }

        // The objection must be this entity's: an id from another page is not answered here.
        var belongs = await db.GradeObjections.AsNoTracking().AnyAsync(o => o.Id == ObjectionId && o.CreditCode == code, cancellationToken);
        var result = belongs
            ? await objections.AnswerAsync(ObjectionId, new ObjectionAnswerRequest(Decision, AnswerGrade, Answer), User, cancellationToken)
            : WorkResult.Refused(StatusCodes.Status404NotFound, text["没有这件申诉"]);
        return await AfterAsync(code, "answer", result, cancellationToken);
    }

    private async Task<IActionResult> AfterAsync(string code, string form, WorkResult result, CancellationToken cancellationToken)
    {
        if (result.Status == StatusCodes.Status403Forbidden)
        {
            return Forbid();
        }

        if (result.Succeeded)
        {
            return RedirectToPage(new { code, done = form });
        }

        FailedForm = form;
        if (result.Errors is not null)
        {
            foreach (var (field, messages) in result.Errors)
            {
                FieldErrors[field] = string.Join("；", messages);
            }
        }
        else
        {
            Error = result.Describe(text);
        }

        return await ShowAsync(code, cancellationToken);
    }

    private async Task<IActionResult> ShowAsync(string code, CancellationToken cancellationToken)
    {
        if (!RegistryModule.CanRead(User, code))
        {
            return Forbid();
        }

        Entity = await db.MarketEntities.AsNoTracking().FirstOrDefaultAsync(e => e.CreditCode == code, cancellationToken);
        if (Entity is null)
        {
            return NotFound();
        }

        IsOwnEnterprise = User.IsInRole(Roles.Enterprise);
        MayOverride = GradeOverrideWork.MayOverride(User);
        MayAnswer = await objections.MayAnswerAsync(User, cancellationToken);
        Reasons = RiskGradingService.ReasonsOf(Entity);
        GradeHistory = await db.GradeChanges.AsNoTracking().Where(c => c.CreditCode == code).OrderByDescending(c => c.AtUtc).ThenByDescending(c => c.Id).Take(50)
            .ToListAsync(cancellationToken);
        Objections = await objections.OfEntityAsync(code, cancellationToken);
        Records = await inspectionRecords.ForEntityAsync(code, User, cancellationToken);
        Samples = await samples.ForEntityAsync(code, User, cancellationToken);
        Standards = await standards.ForIndustryAsync(Entity.IndustryCode, StandardsShown, cancellationToken);
        StandardsLink = Standards.Count > 0 ? standards.LibraryLink(Entity.IndustryCode!) : null;
        Production = await db.ProductionRecords.AsNoTracking().Where(r => r.CreditCode == code).OrderByDescending(r => r.Year).Take(10).ToListAsync(cancellationToken);
        if (FailedForm != "override")
        {
            OverrideGrade = Entity.RiskOverrideGrade;
        }

        await labels.LoadAsync(cancellationToken);
        return Page();
    }

    /// <summary>An instant in China time, as every time on the platform is shown.</summary>
    public static string ChinaTime(DateTime utc) => Localization.ChinaTime.FromUtc(utc).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
