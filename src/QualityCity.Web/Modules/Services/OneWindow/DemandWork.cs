using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using QualityCity.Domain.Services.OneWindow;
using QualityCity.Web.Data;
using QualityCity.Web.Hosting;
using QualityCity.Web.Localization;
using QualityCity.Web.Modules.Accounts.Contracts;
using QualityCity.Web.Modules.ReferenceData.Contracts;

namespace QualityCity.Web.Modules.Services.OneWindow;

/// <summary>
/// The one window (SVC-1), one path for the pages, the API and the scan: filing (by the enterprise,
/// or by staff on its behalf), who sees which demand (the enterprise its own, a unit those routed to
/// it, the coordinator and the administrator all; anyone else gets 404), and every step through
/// <see cref="DemandWorkflow"/>, audited by the save and written to the demand's timeline.
/// </summary>
public sealed class DemandWork(QualityCityDbContext db, Text text, PlatformClock clock, IOptions<OneWindowOptions> options)
{
    /// <summary>Who the scan names on the timeline and in the audit log.</summary>
    public const string SystemActor = "system";

    public const string EscalatedAction = "escalated";

    private const int MaxCatalogueItems = 20;

    /// <summary>The deadlines on the stored calendar (kept in memory, <see cref="WorkingCalendar"/>) with the service times in force.</summary>
    public async Task<DemandDeadlines> DeadlinesAsync(CancellationToken cancellationToken) =>
        new(await WorkingCalendar.LoadAsync(db, cancellationToken), options.Value.Rules);

    public async Task<WorkResult> FileAsync(DemandFiling filing, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var onBehalf = user.SeesAllDepartments();
        var ownCode = user.IsInRole(Roles.Enterprise) ? user.CreditCode() : null;
        if (!onBehalf && ownCode is null)
        {
            return WorkResult.Refused(StatusCodes.Status403Forbidden, text["只有企业本身或窗口统筹人员可以提交需求"]);
        }

        var errors = new Dictionary<string, string[]>();
        if (!DemandKinds.TryParseCode(filing.Kind, out var kind))
        {
            errors["kind"] = [text["请选择需求类型"]];
        }

        var title = filing.Title?.Trim() ?? string.Empty;
        if (title.Length is < 2 or > DemandTable.MaxTitle)
        {
            errors["title"] = [text["标题应为 2 至 200 字"]];
        }

        var description = filing.Description?.Trim() ?? string.Empty;
        if (description.Length is < 5 or > DemandTable.MaxText)
        {
            errors["description"] = [text["需求说明应为 5 至 4000 字"]];
        }

        if (filing.ContactName?.Trim().Length > 100)
        {
            errors["contactName"] = [text["联系人不能超过 100 字"]];
        }

        if (filing.ContactPhone is { } phone && !string.IsNullOrWhiteSpace(phone) && (phone.Trim().Length > 40 || !phone.Trim().All(c => char.IsAsciiDigit(c) || c is '-' or '+' or ' ')))
        {
            errors["contactPhone"] = [text["联系电话只能含数字、空格、+ 和 -"]];
        }

        var catalogue = (filing.CatalogueItems ?? []).Select(c => c?.Trim() ?? string.Empty).Where(c => c.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (catalogue.Count > MaxCatalogueItems || catalogue.Any(c => c.Length > 32 || c.Contains(';', StringComparison.Ordinal)))
        {
            errors["catalogueItems"] = [text["目录事项最多 20 项，每项代码不超过 32 个字符，不含分号"]];
        }

        var creditCode = onBehalf ? filing.CreditCode?.Trim().ToUpperInvariant() : ownCode;
        string? name = null, county = null;
        if (string.IsNullOrEmpty(creditCode) || creditCode.Length != 18)
        {
            errors["creditCode"] = [text["请填写企业的 18 位统一社会信用代码"]];
        }
        else
        {
            var registered = await db.MarketEntities.AsNoTracking().Where(e => e.CreditCode == creditCode)
                .Select(e => new { e.Name, e.CountyCode }).FirstOrDefaultAsync(cancellationToken);
            (name, county) = (registered?.Name, registered?.CountyCode);
            if (name is null && onBehalf)
            {
                errors["creditCode"] = [text["市场主体名录中没有这个统一社会信用代码"]];
            }
        }

        if (errors.Count > 0)
        {
            return WorkResult.Invalid(errors);
        }

        var now = clock.UtcNow;
        var deadlines = await DeadlinesAsync(cancellationToken);
        var snapshot = DemandSnapshot.File(kind, DemandCodes.Instant(now));
        var due = deadlines.Due(snapshot.Complexity, snapshot.FiledAt);
        var year = clock.Today.Year;
        for (var attempt = 0; ; attempt++)
        {
            var number = (await db.Demands.Where(d => d.Year == year).MaxAsync(d => (int?)d.Number, cancellationToken) ?? 0) + 1;
            var demand = new Demand
            {
                Code = DemandCodes.DemandCode(year, number), Year = year, Number = number, CreditCode = creditCode!, EnterpriseName = name ?? creditCode!,
                CountyCode = county ?? DemandCodes.CountyOfCreditCode(creditCode!),
                Kind = kind.Code(), Complexity = DemandCodes.Complexity(snapshot.Complexity), Title = title, Description = description,
                CatalogueItems = string.Join(';', catalogue), ContactName = Blank(filing.ContactName), ContactPhone = Blank(filing.ContactPhone),
                State = DemandCodes.State(snapshot.State), RoutedUnit = options.Value.UnitFor(kind), FiledBy = user.ActorName(), FiledOnBehalf = onBehalf,
                FiledAtUtc = now, DueAtUtc = due.DueAt.UtcDateTime, DueProvisional = due.IsProvisional, UpdatedAtUtc = now,
            };
            db.Demands.Add(demand);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // Two filings took the same number at once: the unique index refused the second; take the next.
                db.ChangeTracker.Clear();
                continue;
            }

            db.DemandEvents.Add(new DemandEvent
            {
                DemandId = demand.Id, CountyCode = demand.CountyCode, AtUtc = now, Actor = user.ActorName(), Action = "file", FromState = demand.State, ToState = demand.State,
                Note = onBehalf ? text["窗口代企业提交"] : null,
            });
            await db.SaveChangesAsync(cancellationToken);
            return WorkResult.Ok(new DemandReceipt(demand.Code, demand.State, demand.RoutedUnit, due.DueAt));
        }
    }

    /// <summary>The demands the reader may see: the enterprise its own, a unit's staff those routed to it, the coordinator and the administrator all.</summary>
    public async Task<IQueryable<Demand>> VisibleAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var demands = db.Demands.AsNoTracking();
        if (user.SeesAllDepartments())
        {
            return demands;
        }

        if (user.IsInRole(Roles.Enterprise))
        {
            var own = user.CreditCode();
            return own is null ? demands.Where(_ => false) : demands.Where(d => d.CreditCode == own);
        }

        var unit = await UnitOfAsync(user, cancellationToken);
        return unit is null ? demands.Where(_ => false) : demands.Where(d => d.RoutedUnit == unit);
    }

    /// <summary>The department code of a unit's staff (department head or inspector); null for anyone else.</summary>
    public async Task<string?> UnitOfAsync(ClaimsPrincipal user, CancellationToken cancellationToken) =>
        (user.IsInRole(Roles.DeptHead) || user.IsInRole(Roles.Inspector)) && user.DepartmentId() is { } id
            ? await db.Departments.AsNoTracking().Where(d => d.Id == id).Select(d => d.Code).FirstOrDefaultAsync(cancellationToken)
            : null;

    public async Task<DemandPage> ListAsync(DemandFilter filter, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var page = Math.Max(1, filter.Page);
        var pageSize = Math.Clamp(filter.PageSize, 1, 200);
        var query = await VisibleAsync(user, cancellationToken);
        if (DemandCodes.ParseState(filter.State) is { } state)
        {
            var code = DemandCodes.State(state);
            query = query.Where(d => d.State == code);
        }

        if (DemandKinds.TryParseCode(filter.Kind, out var kind))
        {
            var code = kind.Code();
            query = query.Where(d => d.Kind == code);
        }

        if (filter.Escalated is { } escalated)
        {
            query = query.Where(d => d.Escalated == escalated);
        }

        query = query.OrderByDescending(d => d.FiledAtUtc).ThenByDescending(d => d.Id);
        var deadlines = await DeadlinesAsync(cancellationToken);
        var now = DemandCodes.Instant(clock.UtcNow);
        List<Demand> demands;
        int total;
        Dictionary<long, List<DemandMaterialRequest>> requests;
        if (filter.Overdue == true)
        {
            // Overdue is counted on the calendar with the pauses, so it is decided here among the open demands.
            var closed = new[] { DemandCodes.State(DemandState.Closed), DemandCodes.State(DemandState.Rejected) };
            var open = await query.Where(d => !closed.Contains(d.State)).ToListAsync(cancellationToken);
            requests = await RequestsOfAsync(open.Select(d => d.Id).ToList(), cancellationToken);
            var late = open.Where(d => deadlines.Overdue(DemandCodes.Snapshot(d, requests.GetValueOrDefault(d.Id, [])), now) != DemandOverdue.None).ToList();
            total = late.Count;
            demands = [.. late.Skip((page - 1) * pageSize).Take(pageSize)];
        }
        else
        {
            total = await query.CountAsync(cancellationToken);
            demands = await query.Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
            requests = await RequestsOfAsync(demands.Select(d => d.Id).ToList(), cancellationToken);
        }

        var units = await UnitNamesAsync(cancellationToken);
        var rows = demands.Select(d =>
        {
            var snapshot = DemandCodes.Snapshot(d, requests.GetValueOrDefault(d.Id, []));
            var sla = deadlines.Sla(snapshot, now);
            return new DemandRow(d.Code, d.Kind, snapshot.Kind.NameZh(), d.Title, d.CreditCode, d.EnterpriseName, d.State, DemandWorkflow.StateNameZh(snapshot.State),
                d.RoutedUnit, units.GetValueOrDefault(d.RoutedUnit, d.RoutedUnit), d.FiledAtUtc, sla.Due.DueAt, sla.Clock == DemandClockState.Paused,
                deadlines.Overdue(snapshot, now) != DemandOverdue.None, d.Escalated);
        }).ToList();
        return new DemandPage(total, page, pageSize, rows);
    }

    /// <summary>The demand for a reader who may see it; 404 otherwise.</summary>
    public async Task<WorkResult> GetAsync(string code, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        await FindAsync(code, user, cancellationToken) is { } id
            ? WorkResult.Ok(await ViewAsync(await db.Demands.AsNoTracking().FirstAsync(d => d.Id == id, cancellationToken), user, cancellationToken))
            : NotFound();

    public async Task<WorkResult> ActAsync(string code, DemandActionRequest request, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (await FindAsync(code, user, cancellationToken) is not { } id)
        {
            return NotFound();
        }

        if (DemandCodes.ParseAction(request.Action) is not { } action)
        {
            return WorkResult.Invalid("action", text["未知的操作"]);
        }

        var args = new DemandActionArgs
        {
            Complexity = request.Complexity is null ? null : DemandCodes.ParseComplexity(request.Complexity) ?? (DemandComplexity)(-1),
            Items = request.Items?.SelectMany(i => (i ?? string.Empty).Split('\n')).Select(i => i.Trim()).Where(i => i.Length > 0).ToList() is { Count: > 0 } items
                ? items
                : request.Items is null ? null : [],
            Reason = request.Reason, Answer = request.Answer, Note = request.Note,
            Rating = request.Rating is null ? null : ServiceRatings.TryParseCode(request.Rating, out var rating) ? rating : (ServiceRating)(-1),
        };
        var tooLong = new Dictionary<string, string[]>();
        foreach (var (field, value, max) in new[]
                 {
                     ("reason", request.Reason, 1000), ("answer", request.Answer, DemandTable.MaxText), ("note", request.Note, DemandTable.MaxText),
                     ("supplied", request.Supplied, DemandTable.MaxText), ("items", args.Items is null ? null : string.Join('\n', args.Items), DemandTable.MaxText),
                 })
        {
            if (value?.Trim().Length > max)
            {
                tooLong[field] = [text.Format("不能超过 {0} 字", max)];
            }
        }

        if (tooLong.Count > 0)
        {
            return WorkResult.Invalid(tooLong);
        }

        var demand = await db.Demands.FirstAsync(d => d.Id == id, cancellationToken);
        var requests = await db.DemandMaterialRequests.Where(r => r.DemandId == id).OrderBy(r => r.RequestedAtUtc).ThenBy(r => r.Id).ToListAsync(cancellationToken);
        var actor = user.IsInRole(Roles.Enterprise) ? DemandActor.Enterprise : DemandActor.Staff;
        var now = clock.UtcNow;
        var before = DemandCodes.Snapshot(demand, requests);
        var outcome = DemandWorkflow.Apply(before, action, actor, DemandCodes.Instant(now), args);
        if (outcome.Refusal is { } refusal)
        {
            return refusal.Code switch
            {
                DemandRefusalCodes.RoleNotAllowed => Refused(StatusCodes.Status403Forbidden, refusal),
                DemandRefusalCodes.ComplexityInvalid => Invalid("complexity", refusal),
                DemandRefusalCodes.ReasonRequired or DemandRefusalCodes.SecondRequestReasonRequired => Invalid("reason", refusal),
                DemandRefusalCodes.MaterialsRequired or DemandRefusalCodes.MaterialItemBlank => Invalid("items", refusal),
                DemandRefusalCodes.AnswerRequired => Invalid("answer", refusal),
                DemandRefusalCodes.RatingRequired => Invalid("rating", refusal),
                DemandRefusalCodes.NoteRequired => Invalid("note", refusal),
                _ => Refused(StatusCodes.Status409Conflict, refusal),
            };
        }

        var after = outcome.Snapshot;
        DemandCodes.Store(after, demand);
        if (action == DemandAction.RequestMaterials)
        {
            var asked = after.MaterialRequests[^1];
            db.DemandMaterialRequests.Add(new DemandMaterialRequest
            {
                DemandId = id, Items = string.Join('\n', asked.Items), Reason = asked.Reason, RequestedAtUtc = now, RequestedBy = user.ActorName(),
            });
        }
        else if (action == DemandAction.SupplyMaterials)
        {
            var open = requests[^1];
            open.SuppliedAtUtc = now;
            open.SuppliedBy = user.ActorName();
            open.SuppliedText = Blank(request.Supplied);
        }

        var deadlines = await DeadlinesAsync(cancellationToken);
        var sla = deadlines.Sla(after, DemandCodes.Instant(now));
        demand.DueAtUtc = sla.Due.DueAt.UtcDateTime;
        demand.DueProvisional = sla.Due.IsProvisional;
        if (action == DemandAction.Rate && after.Rating is { } given && given.IsBad())
        {
            demand.ContactDueAtUtc = deadlines.ContactDue(DemandCodes.Instant(now)).DueAt.UtcDateTime;
            demand.FixDueAtUtc = deadlines.FixDue(DemandCodes.Instant(now)).DueAt.UtcDateTime;
        }

        demand.UpdatedAtUtc = now;
        db.Actor = user.ActorName();
        db.DemandEvents.Add(new DemandEvent
        {
            DemandId = id, CountyCode = demand.CountyCode, AtUtc = now, Actor = user.ActorName(), Action = DemandCodes.Action(action), FromState = DemandCodes.State(before.State), ToState = demand.State,
            Note = action switch
            {
                DemandAction.Accept => DemandCodes.Complexity(after.Complexity),
                DemandAction.RequestMaterials => string.Join("；", after.MaterialRequests[^1].Items) + (after.MaterialRequests[^1].Reason is { } why ? " — " + why : string.Empty),
                DemandAction.SupplyMaterials => Blank(request.Supplied),
                DemandAction.Answer => after.Answer,
                DemandAction.Rate => demand.Rating,
                DemandAction.RecordContact => after.ContactNote,
                DemandAction.RecordFix => after.FixNote,
                _ => Blank(request.Reason),
            },
        });
        await db.SaveChangesAsync(cancellationToken);
        return WorkResult.Ok(await ViewAsync(demand, user, cancellationToken));
    }

    /// <summary>
    /// Puts on the escalation list (督办) every open demand that is overdue now — service time, contact
    /// after a bad rating or the fix — once per kind of lateness, with a step on its timeline.
    /// </summary>
    public async Task<DemandScanResult> ScanAsync(CancellationToken cancellationToken)
    {
        var closed = new[] { DemandCodes.State(DemandState.Closed), DemandCodes.State(DemandState.Rejected) };
        var open = await db.Demands.Where(d => !closed.Contains(d.State)).OrderBy(d => d.Id).ToListAsync(cancellationToken);
        var requests = await RequestsOfAsync(open.Select(d => d.Id).ToList(), cancellationToken);
        var deadlines = await DeadlinesAsync(cancellationToken);
        var nowUtc = clock.UtcNow;
        var now = DemandCodes.Instant(nowUtc);
        var escalated = 0;
        foreach (var demand in open)
        {
            var overdue = deadlines.Overdue(DemandCodes.Snapshot(demand, requests.GetValueOrDefault(demand.Id, [])), now);
            var fresh = overdue & ~(DemandOverdue)demand.EscalatedFlags;
            if (fresh == DemandOverdue.None)
            {
                continue;
            }

            demand.EscalatedFlags |= (int)fresh;
            demand.Escalated = true;
            demand.EscalatedAtUtc = nowUtc;
            demand.UpdatedAtUtc = nowUtc;
            escalated++;
            db.DemandEvents.Add(new DemandEvent
            {
                DemandId = demand.Id, CountyCode = demand.CountyCode, AtUtc = nowUtc, Actor = SystemActor, Action = EscalatedAction, FromState = demand.State, ToState = demand.State,
                Note = string.Join(",", Enum.GetValues<DemandOverdue>().Where(f => f != DemandOverdue.None && fresh.HasFlag(f)).Select(f => f.ToString().ToLowerInvariant())),
            });
        }

        if (escalated > 0)
        {
            db.Actor = SystemActor;
            await db.SaveChangesAsync(cancellationToken);
        }

        return new DemandScanResult(escalated);
    }

    public async Task<Dictionary<string, string>> UnitNamesAsync(CancellationToken cancellationToken) =>
        await db.Departments.AsNoTracking().ToDictionaryAsync(d => d.Code, d => d.Name, StringComparer.Ordinal, cancellationToken);

    public async Task<Dictionary<long, List<DemandMaterialRequest>>> RequestsOfAsync(IReadOnlyList<long> ids, CancellationToken cancellationToken)
    {
        var rows = new List<DemandMaterialRequest>();
        // In chunks: a parameter list has its limits on both databases.
        foreach (var chunk in ids.Chunk(500))
        {
            rows.AddRange(await db.DemandMaterialRequests.AsNoTracking().Where(r => chunk.Contains(r.DemandId)).ToListAsync(cancellationToken));
        }

        return rows.GroupBy(r => r.DemandId).ToDictionary(g => g.Key, g => g.OrderBy(r => r.RequestedAtUtc).ThenBy(r => r.Id).ToList());
    }

    private async Task<long?> FindAsync(string code, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        DemandCodes.Canonical(code) is { } canonical
            ? await (await VisibleAsync(user, cancellationToken)).Where(d => d.Code == canonical).Select(d => (long?)d.Id).FirstOrDefaultAsync(cancellationToken)
            : null;

    private async Task<DemandView> ViewAsync(Demand demand, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var requests = await db.DemandMaterialRequests.AsNoTracking().Where(r => r.DemandId == demand.Id).OrderBy(r => r.RequestedAtUtc).ThenBy(r => r.Id)
            .ToListAsync(cancellationToken);
        var snapshot = DemandCodes.Snapshot(demand, requests);
        var deadlines = await DeadlinesAsync(cancellationToken);
        var now = DemandCodes.Instant(clock.UtcNow);
        var sla = deadlines.Sla(snapshot, now);
        var followUp = deadlines.BadRatingFollowUp(snapshot, now);
        var isEnterprise = user.IsInRole(Roles.Enterprise);
        var available = DemandWorkflow.AvailableActions(snapshot, isEnterprise ? DemandActor.Enterprise : DemandActor.Staff).Select(DemandCodes.Action).ToList();
        var timeline = await db.DemandEvents.AsNoTracking().Where(e => e.DemandId == demand.Id).OrderBy(e => e.AtUtc).ThenBy(e => e.Id)
            .Select(e => new DemandEventView(e.AtUtc, e.Actor, e.Action, e.FromState, e.ToState, e.Note)).ToListAsync(cancellationToken);
        var units = await UnitNamesAsync(cancellationToken);
        return new DemandView(demand.Code, demand.Kind, snapshot.Kind.NameZh(), demand.Complexity, demand.Title, demand.Description, demand.CreditCode, demand.EnterpriseName,
            demand.CatalogueItems.Split(';', StringSplitOptions.RemoveEmptyEntries), demand.State, DemandWorkflow.StateNameZh(snapshot.State), demand.RoutedUnit,
            units.GetValueOrDefault(demand.RoutedUnit, demand.RoutedUnit), demand.FiledBy, demand.FiledOnBehalf, demand.FiledAtUtc, demand.AcceptedAtUtc, demand.Answer,
            demand.AnsweredAtUtc, demand.Rating, snapshot.Rating?.NameZh(), demand.RatedAtUtc, demand.ContactNote, demand.ContactedAtUtc, demand.FixNote, demand.FixedAtUtc,
            demand.ClosedAtUtc, demand.LastReason, demand.Escalated,
            new DemandSlaView(sla.Due.DueAt, sla.Due.DueDate, sla.Due.IsProvisional, sla.Clock.ToString().ToLowerInvariant(), sla.IsOverdue, sla.AnsweredLate, sla.Paused.Length),
            followUp is null ? null : new DemandFollowUpView(followUp.ContactDue.DueAt, followUp.FixDue.DueAt, followUp.IsContactOverdue, followUp.IsFixOverdue,
                followUp.ContactedLate, followUp.FixedLate),
            isEnterprise ? null : new DemandContactView(demand.ContactName, demand.ContactPhone),
            requests.Select(r => new DemandMaterialView(r.ItemList, r.Reason, r.RequestedAtUtc, r.SuppliedAtUtc, r.SuppliedText)).ToList(), available, timeline);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private WorkResult NotFound() => WorkResult.Refused(StatusCodes.Status404NotFound, text["没有这件需求，或您无权查看"]);

    /// <summary>A refusal with the workflow's stable code (as the value) and its reason in words.</summary>
    private static WorkResult Refused(int status, DemandRefusal refusal) => new(status, Message: refusal.Message, Value: refusal.Code);

    private static WorkResult Invalid(string field, DemandRefusal refusal) =>
        new(StatusCodes.Status400BadRequest, new Dictionary<string, string[]> { [field] = [refusal.Message] }, Value: refusal.Code);
}
