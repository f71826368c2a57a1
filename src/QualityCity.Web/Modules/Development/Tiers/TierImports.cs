using System.Globalization;
using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Data;
using QualityCity.Web.Hosting;
using QualityCity.Web.Modules.Development.Imports;
using QualityCity.Web.Modules.Registry.Contracts;

namespace QualityCity.Web.Modules.Development.Tiers;

/// <summary>
/// The titles enterprises were recognised with (DEV-1), loaded from the list the province or the
/// ministry publishes each year: a row per title, the title by its id or name. A title already
/// recorded (same enterprise, title and date) is left as it is.
/// </summary>
public sealed class RecognitionImport(QualityCityDbContext db, PlatformClock clock) : IDevelopmentImport
{
    public string Kind => "recognitions";

    public string Title => "导入认定名单";

    public string Help => "每个认定一行。称号可写代码或名称；同一企业、同一称号、同一认定日期的记录已存在时不重复记录。认定名单是主管部门的决定，平台测算的梯度只在旁边参考，不会替换它。";

    public IReadOnlyList<ImportColumn> Columns { get; } =
    [
        new("credit_code", "统一社会信用代码", true, "企业的统一社会信用代码，须在市场主体名录中"),
        new("tier", "称号", true, "称号的代码或中文名称，如 专精特新中小企业"),
        new("recognised_on", "认定日期", true, "日期，如 2025-06-01，不晚于今天"),
        new("valid_until", "有效期至", false, "日期，晚于认定日期"),
        new("authority", "认定机关", true, "最多 100 字"),
        new("document", "文号", true, "最多 100 字"),
    ];

    public async Task<DevelopmentImportSummary> ImportAsync(string path, string actor, CancellationToken cancellationToken)
    {
        var issues = new List<DevelopmentIssue>();
        var rows = ImportRows.Read(path, Columns, issues);
        var codes = rows.Select(r => r.CreditCode).Distinct(StringComparer.Ordinal).ToList();
        var known = new HashSet<string>(StringComparer.Ordinal);
        var recorded = new HashSet<(string, string, DateOnly)>();
        foreach (var chunk in codes.Chunk(500))
        {
            known.UnionWith(await db.MarketEntities.AsNoTracking().Where(e => chunk.Contains(e.CreditCode)).Select(e => e.CreditCode).ToListAsync(cancellationToken));
            foreach (var r in await db.TierRecognitions.AsNoTracking().Where(r => chunk.Contains(r.CreditCode)).Select(r => new { r.CreditCode, r.Tier, r.RecognisedOn })
                .ToListAsync(cancellationToken))
            {
                recorded.Add((r.CreditCode, r.Tier, r.RecognisedOn));
            }
        }

        var (inserted, unchanged) = (0, 0);
        foreach (var (row, code, cells) in rows)
        {
            if (!known.Contains(code))
            {
                issues.Add(new DevelopmentIssue(row, "credit_code", code, ImportRows.UnknownEnterprise));
                continue;
            }

            if (!ImportRows.TryReadDay(cells["recognised_on"], out var on))
            {
                issues.Add(new DevelopmentIssue(row, "recognised_on", cells["recognised_on"], "日期应为 yyyy-MM-dd — the date must be yyyy-MM-dd"));
                continue;
            }

            if (!ImportRows.TryReadDay(cells["valid_until"], out var until))
            {
                issues.Add(new DevelopmentIssue(row, "valid_until", cells["valid_until"], "日期应为 yyyy-MM-dd — the date must be yyyy-MM-dd"));
                continue;
            }

            var (recognition, field, reason) = TierViews.CheckRecognition(code, cells["tier"], on, until, cells["authority"], cells["document"], clock.Today);
            if (recognition is null)
            {
                var column = Column(field!);
                issues.Add(new DevelopmentIssue(row, column, cells.GetValueOrDefault(column) ?? string.Empty, reason!));
                continue;
            }

            if (!recorded.Add((code, recognition.Tier, recognition.RecognisedOn)))
            {
                unchanged++;
                continue;
            }

            db.TierRecognitions.Add(recognition);
            inserted++;
        }

        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return new DevelopmentImportSummary(inserted, 0, unchanged, [.. issues.OrderBy(i => i.Row)]);
    }

    private static string Column(string field) => field switch
    {
        "recognisedOn" => "recognised_on",
        "validUntil" => "valid_until",
        _ => field,
    };
}

/// <summary>
/// The enterprises' inputs to the tier criteria in force, from the same table <c>import tier-data</c>
/// reads: one column per field of the criteria.
/// </summary>
public sealed class TierDataImport(TierProfileImport import) : IDevelopmentImport
{
    public string Kind => "tier-data";

    public string Title => "导入梯度培育数据";

    public string Help => "每家企业一行，列为现行认定标准的各项指标（列名为指标代码）。空格按“否”、0 或“无”读取。再次导入同一企业会替换它的数据；平台据此测算已达到的梯度、下一梯度和所差条件。";

    public IReadOnlyList<ImportColumn> Columns =>
    [
        new("credit_code", "统一社会信用代码", true, "企业的统一社会信用代码，须在市场主体名录中"),
        .. TierViews.Criteria(TierViews.CurrentVersion).Fields.Values.Select(f => new ImportColumn(f.Id, f.Id, false,
            f.Unit is null ? f.Name : $"{f.Name}（{f.Unit}）")),
    ];

    public async Task<DevelopmentImportSummary> ImportAsync(string path, string actor, CancellationToken cancellationToken)
    {
        var summary = await import.ImportFileAsync(TierViews.Criteria(TierViews.CurrentVersion), path, actor, cancellationToken);
        return new DevelopmentImportSummary(summary.Inserted, summary.Updated, 0, summary.Issues);
    }
}
