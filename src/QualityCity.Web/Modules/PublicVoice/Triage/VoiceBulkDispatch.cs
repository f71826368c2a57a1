using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using QualityCity.Domain.PublicVoice;
using QualityCity.Web.Data;
using QualityCity.Web.Localization;
using QualityCity.Web.Modules.PublicVoice.Items;

namespace QualityCity.Web.Modules.PublicVoice.Triage;

/// <summary>Several items to one department.</summary>
public sealed record VoiceBulkDispatchRequest(IReadOnlyList<string>? TrackingCodes, string? Department);

/// <summary>An item that was not dispatched: its code, the workflow's refusal code (or not_found / invalid) and the reason in words.</summary>
public sealed record VoiceBulkFailure(string TrackingCode, string Code, string Reason);

/// <summary>What a bulk dispatch did.</summary>
public sealed record VoiceBulkDispatchResult(IReadOnlyList<string> Dispatched, IReadOnlyList<VoiceBulkFailure> Failed);

/// <summary>
/// The inbox's bulk dispatch: each item goes through the workflow on its own (a received item is
/// accepted first, then dispatched; a returned one is redispatched), each audited with its own timeline step, so one refusal does not
/// stop the others and is listed with its reason.
/// </summary>
public sealed class VoiceBulkDispatch(QualityCityDbContext db, VoiceItemWork work, Text text)
{
    public const int MaxItems = 200;

    public async Task<Hosting.WorkResult> DispatchAsync(VoiceBulkDispatchRequest request, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var codes = (request.TrackingCodes ?? []).Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c.Trim()).Distinct(StringComparer.Ordinal).ToList();
        if (codes.Count == 0 || codes.Count > MaxItems)
        {
            return Hosting.WorkResult.Invalid("trackingCodes", text.Format("请选择 1 到 {0} 件诉求", MaxItems));
        }

        var department = request.Department?.Trim();
        if (string.IsNullOrEmpty(department) || !await db.Departments.AnyAsync(d => d.Code == department, cancellationToken))
        {
            return Hosting.WorkResult.Invalid("department", text["没有这个部门"]);
        }

        var dispatched = new List<string>();
        var failed = new List<VoiceBulkFailure>();
        foreach (var typed in codes)
        {
            if (!TrackingCode.TryParse(typed, out var code))
            {
                failed.Add(new VoiceBulkFailure(typed, "not_found", text["没有这件诉求，或您无权查看"]));
                continue;
            }

            var state = await db.VoiceItems.AsNoTracking().Where(i => i.TrackingCode == code.Canonical).Select(i => i.State).FirstOrDefaultAsync(cancellationToken);
            var action = state == "returned" ? "redispatch" : "dispatch";
            // Each item on a fresh change tracker: a refusal leaves nothing staged for the next one.
            db.ChangeTracker.Clear();
            var result = Hosting.WorkResult.Ok(string.Empty);
            if (state == "received")
            {
                // 受理 then 派单: two steps of the loop, each on the timeline.
                result = await work.ActAsync(code.Canonical, new VoiceActionRequest("accept", null, null, null, null, null, null), user, cancellationToken);
                db.ChangeTracker.Clear();
            }

            result = !result.Succeeded ? result : await work.ActAsync(code.Canonical, new VoiceActionRequest(action, null, department, null, null, null, null), user, cancellationToken);
            if (result.Succeeded)
            {
                dispatched.Add(code.Canonical);
            }
            else
            {
                var reason = result.Message ?? string.Join("；", result.Errors?.SelectMany(e => e.Value) ?? []);
                var refusal = result.Value as string ?? (result.Status == StatusCodes.Status404NotFound ? "not_found" : "invalid");
                failed.Add(new VoiceBulkFailure(code.Canonical, refusal, reason));
            }
        }

        return Hosting.WorkResult.Ok(new VoiceBulkDispatchResult(dispatched, failed));
    }
}
