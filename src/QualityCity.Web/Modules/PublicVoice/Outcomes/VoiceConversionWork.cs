using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Data;
using QualityCity.Web.Hosting;
using QualityCity.Web.Localization;
using QualityCity.Web.Modules.Accounts.Contracts;
using QualityCity.Web.Modules.Planning.Contracts;
using QualityCity.Web.Modules.PublicVoice.Items;
using QualityCity.Web.Modules.Quality.Contracts;
using QualityCity.Web.Modules.Registry.Contracts;

namespace QualityCity.Web.Modules.PublicVoice.Outcomes;

/// <summary>Turns a complaint or report into something else: `kind` verified, case_inspection (with `date`) or sampling_lead (with `product`); `note` optional.</summary>
public sealed record ConversionRequest(string? Kind, string? Date, string? Product, string? Note);

/// <summary>A conversion as the item's staff see it, with where to find it in the other module.</summary>
public sealed record ConversionView(string Kind, string KindName, string? Reference, string? Note, string By, DateTime AtUtc, string Link);

/// <summary>
/// A complaint or report turned into action (VOX-5) by the department handling it (or the coordinator,
/// the administrator): verified, which the enterprise's risk grade counts (the Registry asks through
/// <see cref="IVerifiedComplaints"/>, and is told to re-grade at once); a case-triggered inspection in
/// the planning log (exempt from the caps, the tracking code as its reference); a sampling lead for the
/// Quality module's plan makers. Each once per item, on the item's timeline.
/// </summary>
public sealed class VoiceConversionWork(QualityCityDbContext db, VoiceItemWork items, VoiceOutcomeWork outcomes, VoiceLabels labels, Text text, PlatformClock clock,
    IRiskGrading grading, ICaseInspectionLog caseInspections, ISamplingLeads samplingLeads)
{
    public const string Source = "public_voice";

    public async Task<WorkResult> ConvertAsync(string trackingCode, ConversionRequest request, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if ((await items.GetAsync(trackingCode, user, cancellationToken)).Value is not VoiceItemView view)
        {
            return WorkResult.Refused(StatusCodes.Status404NotFound, text["没有这件诉求，或您无权查看"]);
        }

        var item = await db.VoiceItems.FirstAsync(i => i.TrackingCode == view.TrackingCode, cancellationToken);
        var kind = request.Kind?.Trim().ToLowerInvariant();
        var errors = new Dictionary<string, string[]>();
        if (kind is null || !VoiceConversionKinds.All.Contains(kind))
        {
            errors["kind"] = [text["转化方式须为 verified（核实属实）、case_inspection（案件触发的检查）或 sampling_lead（抽检线索）"]];
        }

        DateOnly date = default;
        if (kind == VoiceConversionKinds.CaseInspection
            && !DateOnly.TryParseExact(request.Date?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            errors["date"] = [text["请填写检查日期（yyyy-MM-dd）"]];
        }

        var product = string.IsNullOrWhiteSpace(request.Product) ? null : request.Product.Trim();
        if (kind == VoiceConversionKinds.SamplingLead && product is not { Length: >= 2 and <= 200 })
        {
            errors["product"] = [text["请填写要抽检的产品（2–200 字）"]];
        }

        var note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim();
        if (note is { Length: > 1000 })
        {
            errors["note"] = [text["说明最多 1000 字"]];
        }

        if (errors.Count > 0)
        {
            return WorkResult.Invalid(errors);
        }

        if (item.Kind is not ("complaint" or "report"))
        {
            return Conflict("not_complaint", text["只有投诉和举报可以转化为核查、检查或抽检线索"]);
        }

        if (string.IsNullOrEmpty(item.CreditCode))
        {
            return Conflict("no_credit_code", text["这件诉求没有涉及企业的统一社会信用代码"]);
        }

        if (item.State is not ("dispatched" or "in_progress" or "answered" or "followed_up" or "closed") || item.AssignedDepartment is null)
        {
            return Conflict("not_dispatched", text["派单后才能转化"]);
        }

        if (await db.VoiceConversions.AnyAsync(c => c.ItemId == item.Id && c.Kind == kind, cancellationToken))
        {
            return Conflict("already_converted", text["这件诉求已经这样转化过"]);
        }

        var actor = user.ActorName();
        db.Actor = actor;
        var category = (await labels.CategoryNamesAsync(cancellationToken)).GetValueOrDefault(item.CategoryCode, item.CategoryCode);
        string? reference = null;
        if (kind == VoiceConversionKinds.CaseInspection)
        {
            var departmentId = await db.Departments.AsNoTracking().Where(d => d.Code == item.AssignedDepartment).Select(d => d.Id).FirstAsync(cancellationToken);
            var id = await caseInspections.LogAsync(new CaseInspectionDraft(item.CreditCode, departmentId, "complaint", item.TrackingCode, date,
                $"公众诉求 {item.TrackingCode}（{category}）" + (note is null ? string.Empty : "：" + note), actor), cancellationToken);
            reference = id.ToString(CultureInfo.InvariantCulture);
        }
        else if (kind == VoiceConversionKinds.SamplingLead)
        {
            var id = await samplingLeads.AddAsync(new SamplingLeadDraft(item.CreditCode, item.EntityName, product!, note ?? $"公众诉求反映的产品质量问题（{category}）",
                item.AssignedDepartment, Source, item.TrackingCode, actor), cancellationToken);
            reference = id.ToString(CultureInfo.InvariantCulture);
        }

        var now = clock.UtcNow;
        db.VoiceConversions.Add(new VoiceConversion { ItemId = item.Id, Kind = kind!, CreditCode = item.CreditCode, Reference = reference, Note = note, By = actor, AtUtc = now });
        db.VoiceItemEvents.Add(new VoiceItemEvent
        {
            ItemId = item.Id, CountyCode = item.CountyCode, AtUtc = now, Actor = actor, Action = StepCode(kind!), FromState = item.State, ToState = item.State, Department = item.AssignedDepartment,
            Note = reference is null ? note : $"#{reference}" + (note is null ? string.Empty : " · " + note),
        });
        await db.SaveChangesAsync(cancellationToken);
        if (kind == VoiceConversionKinds.Verified)
        {
            // The grade counts it now, not at the next nightly re-grading.
            await grading.RegradeAsync(item.CreditCode, cancellationToken);
        }

        return (await outcomes.ItemOutcomesAsync(trackingCode, user, cancellationToken)).Value is ItemOutcomes done
            ? WorkResult.Ok(done.Conversions)
            : WorkResult.Refused(StatusCodes.Status404NotFound, text["没有这件诉求，或您无权查看"]);
    }

    /// <summary>The timeline's step for a conversion.</summary>
    public static string StepCode(string kind) => kind switch
    {
        VoiceConversionKinds.Verified => "verify_complaint",
        VoiceConversionKinds.CaseInspection => "open_case_inspection",
        _ => "raise_sampling_lead",
    };

    private static WorkResult Conflict(string code, string message) => new(StatusCodes.Status409Conflict, Message: message, Value: code);
}
