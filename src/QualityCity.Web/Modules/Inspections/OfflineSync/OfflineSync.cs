using System.Security.Claims;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using QualityCity.Domain.Execution;
using QualityCity.Web.Data;
using QualityCity.Web.Hosting;
using QualityCity.Web.Localization;
using QualityCity.Web.Modules.Accounts.Contracts;
using QualityCity.Web.Modules.Inspections.Attachments;
using QualityCity.Web.Modules.Inspections.Kpis;
using QualityCity.Web.Modules.Inspections.RecordResults;

namespace QualityCity.Web.Modules.Inspections.OfflineSync;

/// <summary>One result entered on the phone: its id, the item, the outcome and notes, the version of the item the phone last saw (0 for none) and when it was entered.</summary>
public sealed record SyncEntry(string? Id, string? Item, string? Outcome, string? Notes, int? BaseVersion, DateTime? EnteredAt);

/// <summary>What a phone sends for one visit: the day of the inspection and the entries waiting in its queue.</summary>
public sealed record SyncRequest(DateOnly? Date, IReadOnlyList<SyncEntry>? Entries);

/// <summary>The platform's answer to one entry: applied (with the item's version now), conflict (with what the platform holds), or refused (with why).</summary>
public sealed record SyncAnswer(string Id, string? Item, string Status, int? Version = null, SyncServerValue? Server = null, string? Message = null, long? AttachmentId = null,
    bool? Matches = null);

/// <summary>What the platform holds for an item in conflict: someone else's entry, shown to the officer to resolve.</summary>
public sealed record SyncServerValue(string Outcome, string Notes, string? RecordedBy, DateTime? RecordedAtUtc, int Version);

/// <summary>
/// The officer's phone sends what it kept offline (EXE-9). Each entry, photo and signature carries an
/// id the phone made; the answer is kept as a receipt under it, in the same transaction as the change,
/// so a retried upload (the connection dropped before the answer came) gets the same answer and
/// changes nothing twice. An entry whose item changed on the platform since the version the phone
/// saw (a co-inspector recorded it meanwhile) is not applied: the answer shows what the platform holds
/// and the officer decides, on the page, to keep theirs (sent again against the new version) or to
/// take the other. The late entry rule counts from when an entry was entered, which may be at most
/// OfflineKeepDays ago and never after it arrived.
/// </summary>
public sealed partial class OfflineSync(QualityCityDbContext db, InspectionWork work, AttachmentWork attachments, IOptions<InspectionOptions> options,
    Text text, PlatformClock clock)
{
    /// <summary>Entries one request may carry: a visit has tens of items, a day's queue a few visits.</summary>
    public const int MaxEntries = 200;

    public const string Applied = "applied";
    public const string Conflict = "conflict";
    public const string Refused = "refused";

    [GeneratedRegex("^[A-Za-z0-9-]{8,64}$")]
    private static partial Regex ClientIdPattern();

    private static readonly JsonSerializerOptions AnswerJson = new(JsonSerializerDefaults.Web);

    /// <summary>Applies the entries not yet received, in one transaction with their receipts.</summary>
    public async Task<WorkResult> SyncAsync(long visitId, SyncRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        var entries = request.Entries ?? [];
        var errors = new Dictionary<string, string[]>();
        if (entries.Count is 0 or > MaxEntries)
        {
            errors["entries"] = [text.Format("每次同步 1 至 {0} 条", MaxEntries)];
        }

        var now = clock.UtcNow;
        for (var i = 0; i < Math.Min(entries.Count, MaxEntries); i++)
        {
            var entry = entries[i];
            if (entry.Id is null || !ClientIdPattern().IsMatch(entry.Id))
            {
                errors[$"entries[{i}].id"] = [text["编号须为 8 至 64 位字母、数字或连字符（由手机生成）"]];
            }

            if (string.IsNullOrWhiteSpace(entry.Item))
            {
                errors[$"entries[{i}].item"] = [text["须写明检查事项"]];
            }

            if (EnteredError(entry.EnteredAt, now) is { } enteredError)
            {
                errors[$"entries[{i}].enteredAt"] = [enteredError];
            }

            if (entry.BaseVersion is null or < 0)
            {
                errors[$"entries[{i}].baseVersion"] = [text["须写明手机上看到的版本（没有时为 0）"]];
            }
        }

        if (entries.Select(e => e.Id).Distinct(StringComparer.Ordinal).Count() != entries.Count)
        {
            errors["entries"] = [text["同一编号出现了两次"]];
        }

        if (errors.Count > 0)
        {
            return WorkResult.Invalid(errors);
        }

        var (visit, part, inspectorId) = await PartAsync(visitId, user, ct);
        if (visit is null || part is null)
        {
            return WorkResult.Refused(StatusCodes.Status403Forbidden, text["只有本次检查指派的执法人员可以录入结果"]);
        }

        await using var transaction = await KpiStore.BeginAsync(db, ct);
        var ids = entries.Select(e => e.Id!).ToList();
        var receipts = await db.SyncReceipts.AsNoTracking().Where(r => ids.Contains(r.ClientId)).ToDictionaryAsync(r => r.ClientId, StringComparer.Ordinal, ct);
        if (receipts.Values.FirstOrDefault(r => r.VisitId != visitId || r.InspectorId != inspectorId || r.Kind != SyncKinds.Result) is { } reused)
        {
            return WorkResult.Invalid("entries", text.Format("编号 {0} 已用于别的记录", reused.ClientId));
        }

        var inspection = await db.Inspections.AsNoTracking().Include(i => i.Results)
            .FirstOrDefaultAsync(i => i.VisitKey == visit.VisitKey && i.DepartmentId == part.DepartmentId, ct);
        var answers = new Dictionary<string, SyncAnswer>(StringComparer.Ordinal);
        var apply = new List<SyncEntry>();
        foreach (var entry in entries.Where(e => !receipts.ContainsKey(e.Id!)))
        {
            var code = entry.Item?.Trim() ?? string.Empty;
            var held = inspection?.Results.FirstOrDefault(r => r.ItemCode == code);
            var notes = entry.Notes?.Trim() ?? string.Empty;
            var entered = ChinaTime.Day(entry.EnteredAt!.Value.ToUniversalTime());
            if (entered.DayNumber - visit.ValidTo.DayNumber > options.Value.LateEntryDays)
            {
                answers[entry.Id!] = new SyncAnswer(entry.Id!, code, Refused, Message: text.Format("检查有效期结束（{0:yyyy-MM-dd}）后最多 {1} 天内可以补录",
                    visit.ValidTo, options.Value.LateEntryDays));
            }
            else if (held is not null && held.Version != entry.BaseVersion && (held.Outcome != entry.Outcome || held.Notes != notes))
            {
                // Changed on the platform since the phone last saw it, to something else: the officer decides.
                answers[entry.Id!] = new SyncAnswer(entry.Id!, code, Conflict,
                    Server: new SyncServerValue(held.Outcome, held.Notes, held.RecordedBy, held.RecordedAtUtc, held.Version),
                    Message: text["同事已经录入了这个事项，与您的记录不同：请选择保留哪一个"]);
            }
            else
            {
                apply.Add(entry);
            }
        }

        if (apply.Count > 0)
        {
            var entered = apply.GroupBy(e => e.Item!.Trim(), StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Max(e => e.EnteredAt!.Value.ToUniversalTime()), StringComparer.Ordinal);
            // Of two entries of one item in a batch, the later entered is the officer's last word.
            var latest = apply.GroupBy(e => e.Item!.Trim(), StringComparer.Ordinal).Select(g => g.OrderBy(e => e.EnteredAt).Last()).ToList();
            var recorded = await work.RecordAsync(visitId, new ResultsRequest(request.Date, latest.Select(e => new ItemResultRequest(e.Item, e.Outcome, e.Notes)).ToList()),
                user, ct, entered);
            if (!recorded.Succeeded)
            {
                return recorded;
            }

            var versions = await db.InspectionItemResults.AsNoTracking()
                .Where(r => db.Inspections.Any(i => i.Id == r.InspectionId && i.VisitKey == visit.VisitKey && i.DepartmentId == part.DepartmentId))
                .ToDictionaryAsync(r => r.ItemCode, r => r.Version, StringComparer.Ordinal, ct);
            foreach (var entry in apply)
            {
                answers[entry.Id!] = new SyncAnswer(entry.Id!, entry.Item!.Trim(), Applied, versions.GetValueOrDefault(entry.Item!.Trim()));
            }
        }

        foreach (var entry in entries.Where(e => answers.ContainsKey(e.Id!)))
        {
            var answer = answers[entry.Id!];
            db.SyncReceipts.Add(new SyncReceipt
            {
                ClientId = entry.Id!, VisitId = visitId, InspectorId = inspectorId, Kind = SyncKinds.Result, ItemCode = answer.Item, Status = answer.Status,
                EnteredAtUtc = entry.EnteredAt!.Value.ToUniversalTime(), ReceivedAtUtc = now, Answer = JsonSerializer.Serialize(answer, AnswerJson),
            });
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The same ids arrived twice at once (a retry racing its first try): the other request applies them.
            return WorkResult.Refused(StatusCodes.Status409Conflict, text["这些记录正在由另一个请求发送，请稍后再试"]);
        }

        await transaction.CommitAsync(ct);
        return WorkResult.Ok(new
        {
            entries = entries.Select(e => receipts.TryGetValue(e.Id!, out var receipt) ? Replayed(receipt) : answers[e.Id!]).ToList(),
        });
    }

    /// <summary>A photo kept offline; applied once whatever the retries.</summary>
    public async Task<WorkResult> PhotoAsync(long visitId, string? id, string? item, DateTime? takenAt, IFormFile? file, ClaimsPrincipal user, CancellationToken ct)
    {
        if (FileFieldErrors(id, takenAt, "takenAt") is { } errors)
        {
            return WorkResult.Invalid(errors);
        }

        var (visit, part, inspectorId) = await PartAsync(visitId, user, ct);
        if (visit is null || part is null)
        {
            return WorkResult.Refused(StatusCodes.Status403Forbidden, text["只有本次检查指派的执法人员可以上传现场照片"]);
        }

        return await OnceAsync(id!, visitId, inspectorId, SyncKinds.Photo, item?.Trim(), takenAt!.Value, async () =>
        {
            var stored = await attachments.AttachPhotoAsync(visitId, item, file, user, ct, takenAt);
            return stored.Succeeded
                ? (stored, new SyncAnswer(id!, item?.Trim(), Applied, AttachmentId: ((AttachmentSaved)stored.Value!).Id))
                : (stored, null);
        }, ct);
    }

    /// <summary>
    /// A signature kept offline: the officer's own, or the enterprise representative's drawn on the
    /// officer's phone, with the hash of the result set the phone showed. The answer says whether the
    /// stored results hash to it.
    /// </summary>
    public async Task<WorkResult> SignatureAsync(long visitId, string? id, string? role, string? name, string? resultHash, DateTime? signedAt, IFormFile? file,
        ClaimsPrincipal user, CancellationToken ct)
    {
        var errors = FileFieldErrors(id, signedAt, "signedAt") ?? new Dictionary<string, string[]>();
        if (role is not (SignatureRoles.Officer or SignatureRoles.Enterprise))
        {
            errors["role"] = [text["签名人须为 officer（执法人员）或 enterprise（企业代表）"]];
        }

        if (role == SignatureRoles.Enterprise && (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 40))
        {
            errors["name"] = [text["请写明签名的企业代表姓名（40 字以内）"]];
        }

        if (resultHash is null || !Sha256Pattern().IsMatch(resultHash))
        {
            errors["resultHash"] = [text["须附签名时检查结果的 SHA-256（64 位小写十六进制）"]];
        }

        if (errors.Count > 0)
        {
            return WorkResult.Invalid(errors);
        }

        var (visit, part, inspectorId) = await PartAsync(visitId, user, ct);
        if (visit is null || part is null)
        {
            return WorkResult.Refused(StatusCodes.Status403Forbidden, text["只有本次检查指派的执法人员可以提交签名"]);
        }

        return await OnceAsync(id!, visitId, inspectorId, SyncKinds.Signature, null, signedAt!.Value, async () =>
        {
            var stored = await attachments.AttachSignatureAsync(visit, part, file, user, ct);
            if (!stored.Succeeded)
            {
                return (stored, null);
            }

            var officerName = await db.Inspectors.AsNoTracking().Where(i => i.Id == inspectorId).Select(i => i.Name).FirstAsync(ct);
            var signature = new InspectionSignature
            {
                VisitId = visitId, DepartmentId = part.DepartmentId, Role = role!, SignerName = role == SignatureRoles.Officer ? officerName : name!.Trim(),
                AttachmentId = ((AttachmentSaved)stored.Value!).Id, ResultHash = resultHash!, SignedAtUtc = signedAt!.Value.ToUniversalTime(), ReceivedAtUtc = clock.UtcNow,
                UploadedBy = user.ActorName(),
            };
            db.InspectionSignatures.Add(signature);
            await db.SaveChangesAsync(ct);
            var current = await CurrentHashAsync(visit.VisitKey, part.DepartmentId, ct);
            return (stored, new SyncAnswer(id!, null, Applied, AttachmentId: signature.AttachmentId, Matches: current == resultHash));
        }, ct);
    }

    /// <summary>The hash of the results now stored for a department's part of a visit; null before any is recorded.</summary>
    public async Task<string?> CurrentHashAsync(string visitKey, int departmentId, CancellationToken ct)
    {
        var inspection = await db.Inspections.AsNoTracking().Include(i => i.Results)
            .FirstOrDefaultAsync(i => i.VisitKey == visitKey && i.DepartmentId == departmentId, ct);
        return inspection is null ? null : HashOf(inspection);
    }

    /// <summary>The hash a signature of this inspection's results signs (its results loaded).</summary>
    public static string HashOf(Inspection inspection) =>
        SignedResults.Hash(inspection.Date, inspection.Results.Select(r => new SignedItem(r.ItemCode, r.Outcome, r.Notes)));

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex Sha256Pattern();

    private async Task<WorkResult> OnceAsync(string id, long visitId, int inspectorId, string kind, string? item, DateTime enteredAt,
        Func<Task<(WorkResult Result, SyncAnswer? Answer)>> apply, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var receipt = await db.SyncReceipts.AsNoTracking().FirstOrDefaultAsync(r => r.ClientId == id, ct);
        if (receipt is not null)
        {
            return receipt.VisitId == visitId && receipt.InspectorId == inspectorId && receipt.Kind == kind
                ? WorkResult.Ok(Replayed(receipt))
                : WorkResult.Invalid("id", text.Format("编号 {0} 已用于别的记录", id));
        }

        var (result, answer) = await apply();
        if (answer is null)
        {
            return result;
        }

        db.SyncReceipts.Add(new SyncReceipt
        {
            ClientId = id, VisitId = visitId, InspectorId = inspectorId, Kind = kind, ItemCode = item, Status = answer.Status,
            EnteredAtUtc = enteredAt.ToUniversalTime(), ReceivedAtUtc = clock.UtcNow, Answer = JsonSerializer.Serialize(answer, AnswerJson),
        });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return WorkResult.Refused(StatusCodes.Status409Conflict, text["这些记录正在由另一个请求发送，请稍后再试"]);
        }

        await transaction.CommitAsync(ct);
        return WorkResult.Ok(answer);
    }

    private Dictionary<string, string[]>? FileFieldErrors(string? id, DateTime? at, string atField)
    {
        var errors = new Dictionary<string, string[]>();
        if (id is null || !ClientIdPattern().IsMatch(id))
        {
            errors["id"] = [text["编号须为 8 至 64 位字母、数字或连字符（由手机生成）"]];
        }

        if (EnteredError(at, clock.UtcNow) is { } error)
        {
            errors[atField] = [error];
        }

        return errors.Count > 0 ? errors : null;
    }

    private string? EnteredError(DateTime? at, DateTime now) => at switch
    {
        null => text["须写明在手机上录入的时间"],
        // A phone's clock may run a little fast; more than that is not an entry made before it arrived.
        { } t when t.ToUniversalTime() > now.AddMinutes(5) => text["录入时间晚于到达时间：请检查手机的时钟"],
        { } t when t.ToUniversalTime() < now.AddDays(-options.Value.OfflineKeepDays) => text.Format("离线记录最多保存 {0} 天，这条已超过", options.Value.OfflineKeepDays),
        _ => null,
    };

    /// <summary>The visit and the department part the signed-in officer is assigned to (null when none).</summary>
    public async Task<(Visit? Visit, VisitDepartment? Part, int InspectorId)> PartAsync(long visitId, ClaimsPrincipal user, CancellationToken ct)
    {
        var visit = await db.Visits.AsNoTracking().IncludeParts().FirstOrDefaultAsync(v => v.Id == visitId, ct);
        var inspectorId = await work.InspectorIdAsync(user, ct);
        var part = visit is not null && inspectorId is { } own ? visit.Departments.FirstOrDefault(d => d.IsAssigned(own)) : null;
        return (visit, part, inspectorId ?? 0);
    }

    private static SyncAnswer Replayed(SyncReceipt receipt) => JsonSerializer.Deserialize<SyncAnswer>(receipt.Answer, AnswerJson)!;
}
