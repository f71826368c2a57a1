using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using QualityCity.Domain.Common;
using QualityCity.Domain.PublicVoice;
using QualityCity.Web.Data;
using QualityCity.Web.Hosting;
using QualityCity.Web.Localization;
using QualityCity.Web.Modules.Audit.Contracts;
using QualityCity.Web.Modules.Registry.Contracts;

namespace QualityCity.Web.Modules.PublicVoice.Hotline;

/// <summary>One line of the row report: the row as a spreadsheet numbers it (the header is row 1), the column as the file names it, the value and the reason.</summary>
public sealed record HotlineIssue(long Row, string Column, string Value, string Reason, bool IsWarning = false);

/// <summary>What an import did: items inserted, orders already there, rows refused, and every refusal and warning.</summary>
public sealed record HotlineImportSummary(int Inserted, int Unchanged, int Rejected, int Warnings, int Dispatched, IReadOnlyList<HotlineIssue> Issues)
{
    /// <summary>Where the row report was written (file imports only).</summary>
    public string? ReportPath { get; init; }

    /// <summary>The line the command line prints.</summary>
    public override string ToString() => $"inserted={Inserted} unchanged={Unchanged} rejected={Rejected}";
}

/// <summary>
/// Imports 12345 hotline orders (issue 14, item 4) from a CSV or XLSX export: one item per order,
/// received on the hotline channel at the order's 来电时间, named by its 工单编号 (source
/// <c>hotline</c>, the unique <c>source + external_id</c>). Idempotent: an order already imported is
/// left as it is — staff may have worked on it since — and counted unchanged, with a warning when
/// the file says something else about it; a second import of a file writes nothing at all. Each
/// row is checked on its own: a refused row is reported with its row, column, value and reason and
/// the good rows go in. An order with a known 承办单位 is recorded as accepted and dispatched to that
/// department by the hotline (actor <see cref="Actor"/>), which the routing classifier learns from.
/// Rows are written in batches, one transaction and one audit entry (the order ids, never the
/// contact) per batch.
/// </summary>
public sealed class HotlineImport(QualityCityDbContext db, IAuditTrail auditLog, PlatformClock clock, Microsoft.Extensions.Options.IOptions<VoiceDeadlineOptions> deadlineRules)
{
    /// <summary>The source of imported items; with the order id it names the item.</summary>
    public const string Source = "hotline";

    /// <summary>Who the timeline says received and dispatched an imported order.</summary>
    public const string Actor = "12345";

    /// <summary>Order ids of the demo's orders start with this, so that no real order id can meet one.</summary>
    public const string DemoPrefix = "DEMO-12345-";

    public const string CalledAtFormat = "yyyy-MM-dd HH:mm";

    /// <summary>The columns (key, header in the file, required). 承办单位 is absent from exports of new orders.</summary>
    public static readonly IReadOnlyList<(string Column, string Header, bool Required)> Columns =
    [
        ("order_id", "工单编号", true), ("called_at", "来电时间", true), ("kind", "诉求类型", true), ("content", "诉求内容", true),
        ("county", "区县", true), ("address", "地址", true), ("entity", "涉及企业", true), ("contact_name", "联系人", true),
        ("contact_phone", "联系电话", true), ("handler", "承办单位", false),
    ];

    /// <summary>The kinds as the hotline writes them.</summary>
    public static readonly IReadOnlyDictionary<string, string> Kinds = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["投诉"] = "complaint", ["举报"] = "report", ["咨询"] = "consultation", ["建议"] = "suggestion", ["求助"] = "help",
    };

    /// <summary>The deadline rules the import counts with (the demo's year uses the same).</summary>
    public Domain.PublicVoice.VoiceDeadlineRules DeadlineRules => deadlineRules.Value.Rules;

    /// <summary>The report's language: English unless a page upload asks for the uploader's.</summary>
    public ReportLanguage Language { get; set; } = ReportLanguage.English;

    /// <summary>Marks the items as demo data.</summary>
    public bool IsDemo { get; set; }

    /// <summary>Where tracking codes draw their randomness: the operating system's secure generator, or the demo's seeded stream.</summary>
    public Func<int, byte[]>? RandomBytes { get; set; }

    /// <summary>Orders per transaction.</summary>
    public int BatchSize { get; init; } = 500;

    /// <summary>Imports a .csv (UTF-8 with or without BOM, or GBK/GB18030) or .xlsx file and writes the row report to <c>FILE.errors.csv</c> unless another path is given.</summary>
    /// <exception cref="RegistryFileException">The file cannot be read, or its header lacks a column (nothing is written).</exception>
    public async Task<HotlineImportSummary> ImportFileAsync(string path, string actor, string? reportPath = null, CancellationToken cancellationToken = default)
    {
        HotlineImportSummary summary;
        using (var file = RegistryFileReader.Open(path))
        {
            summary = await ImportAsync(file.Headers, file.Rows, actor, cancellationToken);
        }

        reportPath ??= path + ".errors.csv";
        await WriteReportAsync(summary, reportPath, cancellationToken);
        return summary with { ReportPath = reportPath };
    }

    /// <summary>Imports rows under <paramref name="headers"/> (row numbers as a spreadsheet shows them).</summary>
    /// <exception cref="RegistryFileException">A required column is missing (nothing is written).</exception>
    public async Task<HotlineImportSummary> ImportAsync(IReadOnlyList<string> headers, IEnumerable<RawRow> rows, string actor, CancellationToken cancellationToken)
    {
        var issues = new List<HotlineIssue>();
        var index = HotlineRows.LocateColumns(headers, Language, issues);

        var reference = await ReferenceAsync(cancellationToken);
        var seen = new Dictionary<string, long>(StringComparer.Ordinal);
        var batch = new List<HotlineOrder>(BatchSize);
        var (inserted, unchanged, rejected, dispatched) = (0, 0, 0, 0);
        var now = clock.UtcNow;
        var previous = db.AuditChanges;
        db.AuditChanges = false; // each batch writes one audit entry of its own
        try
        {
            foreach (var raw in rows)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var cells = raw.CellsBy(index);
                if (cells.Values.All(string.IsNullOrEmpty))
                {
                    continue;
                }

                var order = HotlineRows.Parse(raw.RowNumber, cells, reference, now, Language, issues);
                if (order is not null && seen.TryGetValue(order.OrderId, out var firstRow))
                {
                    issues.Add(HotlineRows.Reject(Language, "工单编号重复：本文件第 {0} 行已有", raw.RowNumber, "order_id", order.OrderId, firstRow));
                    order = null;
                }

                if (order is null)
                {
                    rejected++;
                    continue;
                }

                seen[order.OrderId] = order.Row;
                batch.Add(order);
                if (batch.Count == BatchSize)
                {
                    var (i, u, d) = await CommitAsync(batch, reference, actor, issues, cancellationToken);
                    (inserted, unchanged, dispatched) = (inserted + i, unchanged + u, dispatched + d);
                    batch.Clear();
                }
            }

            if (batch.Count > 0)
            {
                var (i, u, d) = await CommitAsync(batch, reference, actor, issues, cancellationToken);
                (inserted, unchanged, dispatched) = (inserted + i, unchanged + u, dispatched + d);
            }
        }
        finally
        {
            db.AuditChanges = previous;
        }

        return new HotlineImportSummary(inserted, unchanged, rejected, issues.Count(i => i.IsWarning), dispatched,
            [.. issues.OrderBy(i => i.Row).ThenBy(i => Columns.Select(c => c.Header).ToList().IndexOf(i.Column))]);
    }

    /// <summary>Writes the row report: UTF-8 with BOM (Excel opens it), every cell formula-neutralised.</summary>
    public async Task WriteReportAsync(HotlineImportSummary summary, string path, CancellationToken cancellationToken)
    {
        await using var report = new StreamWriter(path, false, new UTF8Encoding(true));
        await report.WriteLineAsync(Language.Header);
        foreach (var issue in summary.Issues)
        {
            await report.WriteLineAsync(string.Join(",", issue.Row.ToString(CultureInfo.InvariantCulture), SpreadsheetCell.CsvField(issue.Column),
                SpreadsheetCell.CsvField(issue.Value), SpreadsheetCell.CsvField(issue.Reason)));
        }

        await report.FlushAsync(cancellationToken);
    }

    private async Task<HotlineReference> ReferenceAsync(CancellationToken cancellationToken)
    {
        var counties = await db.Regions.AsNoTracking().Where(r => r.Level == "county" && r.ParentCode == VoiceLabels.CityCode)
            .Select(r => new { r.Code, r.Name }).ToListAsync(cancellationToken);
        var byKey = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var county in counties)
        {
            byKey[county.Code] = county.Code;
            byKey.TryAdd(county.Name, county.Code);
        }

        var categories = (await db.VoiceCategories.AsNoTracking().Select(c => c.Code).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var departments = await db.Departments.AsNoTracking().OrderBy(d => d.Id).Select(d => new { d.Code, d.Name }).ToListAsync(cancellationToken);
        return new HotlineReference(byKey, categories,
            new HotlineDepartments(departments.Select(d => (d.Code, d.Name)), counties.Select(c => c.Name)));
    }

    /// <summary>Writes the batch's new orders in one transaction; returns how many were inserted, already there, and dispatched.</summary>
    private async Task<(int Inserted, int Unchanged, int Dispatched)> CommitAsync(List<HotlineOrder> batch, HotlineReference reference, string actor,
        List<HotlineIssue> issues, CancellationToken cancellationToken)
    {
        var ids = batch.Select(o => o.OrderId).ToList();
        var stored = await db.VoiceItems.AsNoTracking().Where(i => i.Source == Source && ids.Contains(i.ExternalId!))
            .Select(i => new { i.ExternalId, i.Kind, i.Description, i.CountyCode, i.ReceivedAtUtc }).ToListAsync(cancellationToken);
        var known = stored.ToDictionary(i => i.ExternalId!, StringComparer.Ordinal);
        var fresh = new List<HotlineOrder>();
        foreach (var order in batch)
        {
            if (known.TryGetValue(order.OrderId, out var item))
            {
                if (item.Kind != order.Kind || item.Description != order.Description || item.CountyCode != order.County || item.ReceivedAtUtc != order.CalledAtUtc)
                {
                    issues.Add(HotlineRows.Warn(Language, "该工单已导入，文件中的内容与已导入的不同，未更新", order.Row, "order_id", order.OrderId));
                }
            }
            else
            {
                fresh.Add(order);
            }
        }

        if (fresh.Count == 0)
        {
            return (0, batch.Count, 0);
        }

        // The enterprise by name: its credit code when exactly one registered entity has that name.
        var names = fresh.Where(o => o.CreditCode is null && o.EntityName is not null).Select(o => o.EntityName!).Distinct(StringComparer.Ordinal).ToList();
        var matched = names.Count == 0
            ? []
            : (await db.MarketEntities.AsNoTracking().Where(e => names.Contains(e.Name)).Select(e => new { e.Name, e.CreditCode }).ToListAsync(cancellationToken))
                .GroupBy(e => e.Name, StringComparer.Ordinal).Where(g => g.Count() == 1).ToDictionary(g => g.Key, g => g.First().CreditCode, StringComparer.Ordinal);

        var codes = await TrackingCodesAsync(fresh.Count, cancellationToken);
        var deadlines = await VoiceSchedule.LoadAsync(db, deadlineRules.Value.Rules, cancellationToken);
        var now = clock.UtcNow;
        var coordinator = new VoiceActor(VoiceActorRole.Coordinator);
        var items = new List<(VoiceItem Item, HotlineOrder Order)>(fresh.Count);
        for (var n = 0; n < fresh.Count; n++)
        {
            var order = fresh[n];
            var kind = VoiceCodes.ParseKind(order.Kind)!.Value;
            var received = new DateTimeOffset(order.CalledAtUtc);
            var item = new VoiceItem
            {
                TrackingCode = codes[n], Kind = order.Kind, Channel = VoiceChannels.Hotline, Source = Source, ExternalId = order.OrderId,
                CategoryCode = order.Category, CountyCode = order.County, Address = order.Address,
                CreditCode = order.CreditCode ?? (order.EntityName is { } name ? matched.GetValueOrDefault(name) : null), EntityName = order.EntityName,
                Description = order.Description, Anonymous = order.Anonymous, ContactName = order.ContactName, ContactPhone = order.ContactPhone,
                State = VoiceCodes.StateCode(VoiceItemState.Received), ReceivedAtUtc = order.CalledAtUtc, UpdatedAtUtc = now, IsDemo = IsDemo,
            };
            var (step, deadline) = VoiceSchedule.OnReceipt(deadlines, kind, received);
            VoiceSchedule.Set(item, step, deadline);
            if (order.Department is { } department)
            {
                // The hotline received the call and dispatched the order: the same steps as the workflow's accept and dispatch.
                var accepted = VoiceItemWorkflow.Apply(VoiceSnapshots.Of(item), VoiceItemAction.Accept, coordinator);
                var sent = VoiceItemWorkflow.Apply(accepted.Snapshot, VoiceItemAction.Dispatch, coordinator, new VoiceActionArgs { DepartmentCode = department });
                VoiceSnapshots.Store(sent.Snapshot, item);
                VoiceSchedule.AfterAction(deadlines, item, VoiceItemAction.Dispatch, sent.Snapshot.State, received);
            }

            items.Add((item, order));
        }

        db.Actor = actor;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.VoiceItems.AddRange(items.Select(i => i.Item));
        await db.SaveChangesAsync(cancellationToken);
        foreach (var (item, order) in items)
        {
            db.VoiceItemEvents.Add(new VoiceItemEvent
            {
                ItemId = item.Id, CountyCode = item.CountyCode, AtUtc = item.ReceivedAtUtc, Actor = Actor, Action = "submit", ToState = VoiceCodes.StateCode(VoiceItemState.Received),
                Note = VoiceChannels.Hotline,
            });
            if (order.Department is { } department)
            {
                db.VoiceItemEvents.Add(new VoiceItemEvent
                {
                    ItemId = item.Id, CountyCode = item.CountyCode, AtUtc = item.ReceivedAtUtc, Actor = Actor, Action = VoiceCodes.ActionCode(VoiceItemAction.Accept),
                    FromState = VoiceCodes.StateCode(VoiceItemState.Received), ToState = VoiceCodes.StateCode(VoiceItemState.Accepted),
                });
                db.VoiceItemEvents.Add(new VoiceItemEvent
                {
                    ItemId = item.Id, CountyCode = item.CountyCode, AtUtc = item.ReceivedAtUtc, Actor = Actor, Action = VoiceCodes.ActionCode(VoiceItemAction.Dispatch),
                    FromState = VoiceCodes.StateCode(VoiceItemState.Accepted), ToState = item.State, Department = department,
                });
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        var after = JsonSerializer.Serialize(new
        {
            source = Source,
            inserted = items.Select(i => new { order = i.Item.ExternalId, trackingCode = i.Item.TrackingCode, department = i.Item.AssignedDepartment }),
        }, AuditJson.Options);
        await auditLog.AppendAsync(db, actor, [new AuditDraft("voice.hotline_import", $"HotlineImport:{items[0].Item.ExternalId}", string.Empty, after)],
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return (items.Count, batch.Count - items.Count, items.Count(i => i.Order.Department is not null));
    }

    /// <summary>Fresh tracking codes, none of them stored yet (drawn again on the rare collision).</summary>
    private async Task<List<string>> TrackingCodesAsync(int count, CancellationToken cancellationToken)
    {
        var codes = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            while (codes.Count < count)
            {
                codes.Add((RandomBytes is { } random ? TrackingCode.Generate(random) : TrackingCode.GenerateSecure()).Canonical);
            }

            var list = codes.ToList();
            var taken = await db.VoiceItems.AsNoTracking().Where(i => list.Contains(i.TrackingCode)).Select(i => i.TrackingCode).ToListAsync(cancellationToken);
            if (taken.Count == 0)
            {
                return list;
            }

            codes.ExceptWith(taken);
        }
    }
}

/// <summary>An order as a checked row of the file.</summary>
public sealed record HotlineOrder(long Row, string OrderId, DateTime CalledAtUtc, string Kind, string Description, string County, string? Address,
    string? CreditCode, string? EntityName, string? ContactName, string? ContactPhone, bool Anonymous, string? Department, string Category);

/// <summary>What rows are checked against: the city's counties (by code and by name), the category tree, the departments.</summary>
public sealed record HotlineReference(Dictionary<string, string> Counties, HashSet<string> Categories, HotlineDepartments Departments);

/// <summary>
/// The checks of a hotline file that need no database: where the columns stand and whether a row is an
/// order. Every refusal names the row, the column as the file names it and the reason.
/// </summary>
public static class HotlineRows
{
    /// <summary>Columns whose values are contact data: never echoed in the row report.</summary>
    private static readonly HashSet<string> ContactColumns = ["contact_name", "contact_phone"];

    /// <summary>No 12345 order is older: the city's hotline records start long after.</summary>
    private const int EarliestCallYear = 1990;

    /// <summary>
    /// Where each column stands in the file; unknown headers are warned about in <paramref name="issues"/>.
    /// </summary>
    /// <exception cref="RegistryFileException">A required column is missing.</exception>
    public static Dictionary<string, int> LocateColumns(IReadOnlyList<string> headers, ReportLanguage language, List<HotlineIssue> issues)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < headers.Count; i++)
        {
            var header = HeaderKey(headers[i]);
            var column = HotlineImport.Columns.FirstOrDefault(c => c.Header == header);
            if (column.Column is null)
            {
                if (header.Length > 0)
                {
                    issues.Add(Warn(language, "未知的列，已忽略", 1, header, header));
                }
            }
            else
            {
                index.TryAdd(column.Column, i);
            }
        }

        var missing = HotlineImport.Columns.Where(c => c.Required && !index.ContainsKey(c.Column)).Select(c => c.Header).ToList();
        if (missing.Count > 0)
        {
            throw new RegistryFileException(language.Say("缺少必需的列：{0}。第 1 行须为列名：{1}（承办单位可省略）", string.Join("、", missing),
                string.Join("、", HotlineImport.Columns.Select(c => c.Header))));
        }

        return index;
    }

    /// <summary>Checks a row's cells (by column key); returns the order, or null having added the reasons to <paramref name="issues"/>.</summary>
    public static HotlineOrder? Parse(long row, Dictionary<string, string> cells, HotlineReference reference, DateTime now, ReportLanguage language, List<HotlineIssue> issues)
    {
        var before = issues.Count(i => !i.IsWarning);
        string Cell(string column) => cells.TryGetValue(column, out var value) ? value : string.Empty;

        var orderId = Cell("order_id");
        if (orderId.Length == 0)
        {
            issues.Add(Reject(language, "缺少工单编号", row, "order_id", orderId));
        }
        else if (orderId.Length > 64)
        {
            issues.Add(Reject(language, "工单编号不能超过 {0} 个字符", row, "order_id", orderId, 64));
        }

        DateTime calledAtUtc = default;
        if (!DateTime.TryParseExact(Cell("called_at"), [HotlineImport.CalledAtFormat, HotlineImport.CalledAtFormat + ":ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var calledAt))
        {
            issues.Add(Reject(language, "来电时间须为 yyyy-MM-dd HH:mm（北京时间）", row, "called_at", Cell("called_at")));
        }
        else if (calledAt.Year < EarliestCallYear)
        {
            // Also keeps the shift to UTC below representable: 0001-01-01 00:00 has no time eight hours before it.
            issues.Add(Reject(language, "来电时间早于 {0} 年，不是 12345 工单的时间", row, "called_at", Cell("called_at"), EarliestCallYear));
        }
        else
        {
            calledAtUtc = DateTime.SpecifyKind(calledAt.AddHours(-8), DateTimeKind.Utc);
            if (calledAtUtc > now)
            {
                issues.Add(Reject(language, "来电时间晚于当前时间", row, "called_at", Cell("called_at")));
            }
        }

        if (!HotlineImport.Kinds.TryGetValue(Cell("kind"), out var kind))
        {
            issues.Add(Reject(language, "诉求类型须为投诉、举报、咨询、建议或求助", row, "kind", Cell("kind")));
        }

        var description = Cell("content");
        if (description.Length == 0)
        {
            issues.Add(Reject(language, "诉求内容为空", row, "content", description));
        }
        else if (description.Length > VoiceItemTable.MaxDescription)
        {
            issues.Add(Reject(language, "诉求内容超过 {0} 字（{1} 字）", row, "content", description, VoiceItemTable.MaxDescription, description.Length));
        }

        if (!reference.Counties.TryGetValue(Cell("county"), out var county))
        {
            issues.Add(Reject(language, "未知的区县：须为聊城市的县区名称或 GB/T 2260 代码", row, "county", Cell("county")));
        }

        var address = Optional(Cell("address"));
        if (address is { Length: > 300 })
        {
            issues.Add(Reject(language, "地址不能超过 {0} 字", row, "address", address, 300));
        }

        string? creditCode = null, entityName = null;
        var entity = Cell("entity");
        if (entity.Length > 0)
        {
            var check = Domain.Registry.CreditCode.Check(Domain.Registry.CreditCode.Canonical(entity));
            if (check.IsAcceptable)
            {
                creditCode = check.Code;
            }
            else if (entity.Length > 200)
            {
                issues.Add(Reject(language, "涉及企业不能超过 {0} 字", row, "entity", entity, 200));
            }
            else
            {
                entityName = entity;
            }
        }

        // 匿名 (or no name) without a phone is an anonymous caller; 匿名 with a phone keeps the phone only.
        var name = Optional(Cell("contact_name"));
        var phone = Optional(Cell("contact_phone"));
        if (name == "匿名")
        {
            name = null;
        }

        if (name is { Length: > 100 })
        {
            issues.Add(Reject(language, "联系人不能超过 {0} 字", row, "contact_name", name, 100));
        }

        if (phone is { Length: > 40 })
        {
            issues.Add(Reject(language, "联系电话不能超过 {0} 个字符", row, "contact_phone", phone, 40));
        }

        string? department = null;
        if (Optional(Cell("handler")) is { } handler)
        {
            department = reference.Departments.CodeOf(handler);
            if (department is null)
            {
                issues.Add(Warn(language, "未知的承办单位，未派单", row, "handler", handler));
            }
        }

        if (issues.Count(i => !i.IsWarning) > before)
        {
            return null;
        }

        return new HotlineOrder(row, orderId, calledAtUtc, kind!, description, county!, address, creditCode, entityName, name, phone,
            name is null && phone is null, department, HotlineCategories.Guess(description, reference.Categories));
    }

    internal static HotlineIssue Reject(ReportLanguage language, string reason, long row, string column, string value, params object?[] values) =>
        new(row, Header(column), Shown(column, value), language.Say(reason, values));

    internal static HotlineIssue Warn(ReportLanguage language, string reason, long row, string column, string value, params object?[] values) =>
        new(row, Header(column), Shown(column, value), language.Say("警告：{0}", language.Say(reason, values)), IsWarning: true);

    private static string Header(string column) => HotlineImport.Columns.FirstOrDefault(c => c.Column == column).Header ?? column;

    /// <summary>The value as the report shows it: contact data never, long text cut short.</summary>
    private static string Shown(string column, string value) =>
        ContactColumns.Contains(column) ? string.Empty : value.Length > ShownLength ? Cut(value) + "…" : value;

    private const int ShownLength = 60;

    /// <summary>
    /// The first characters of a long value, never half of a character written as two (an emoji, a rare
    /// hanzi outside the basic plane): half of one would reach the report as a replacement mark.
    /// </summary>
    private static string Cut(string value) => value[..(char.IsHighSurrogate(value[ShownLength - 1]) ? ShownLength - 1 : ShownLength)];

    /// <summary>A header as written, without spaces or a stray byte-order mark.</summary>
    private static string HeaderKey(string header) => string.Concat(header.Where(c => !char.IsWhiteSpace(c) && c != '\uFEFF'));

    private static string? Optional(string value) => value.Length == 0 ? null : value;
}
