using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Data;

namespace QualityCity.Web.Modules.Services.Catalogue;

/// <summary>One calibration or verification service of the metrology catalogue (计量检定校准服务清单, SVC-2), named by its code.</summary>
public sealed class CatalogueItem : IImportedRecord
{
    public long Id { get; set; }

    /// <summary>The catalogue's code (<c>JL-LX-0012</c>): unique, what the one window refers to.</summary>
    public required string Code { get; set; }

    /// <summary>The instrument (电子天平, 压力表 …).</summary>
    public required string Name { get; set; }

    /// <summary>The field of measurement (力学, 长度, 热工, 电磁 …).</summary>
    public required string Category { get; set; }

    public string? MeasuringRange { get; set; }

    /// <summary>The uncertainty or the accuracy class as the lab states it.</summary>
    public string? Accuracy { get; set; }

    /// <summary>The lab that does the work (the city's metrology institute or a county lab).</summary>
    public required string Lab { get; set; }

    /// <summary>The fee in yuan.</summary>
    public decimal PriceYuan { get; set; }

    /// <summary>Working days from receipt to certificate.</summary>
    public int TurnaroundDays { get; set; }

    /// <summary>Under mandatory verification (强制检定).</summary>
    public bool Mandatory { get; set; }

    public bool IsSynthetic { get; set; }

    public DateTime UpdatedAtUtc { get; set; }
}

/// <summary>The catalogue file: its columns, English keys or Chinese headers, and the rules of each cell.</summary>
public sealed class CatalogueKind : RecordKind<CatalogueItem>
{
    public const int MaxName = 100;
    public const int MaxText = 200;

    public static CatalogueKind Instance { get; } = new();

    public override string AuditAction => "catalogue.import";

    public override IReadOnlyList<(string Column, string[] Headers)> Columns { get; } =
    [
        ("code", ["编号", "项目编号", "项目代码"]),
        ("name", ["项目名称", "名称", "计量器具名称"]),
        ("category", ["类别", "专业类别"]),
        ("measuring_range", ["测量范围"]),
        ("accuracy", ["不确定度/准确度等级", "准确度等级", "不确定度"]),
        ("lab", ["实验室", "承检机构"]),
        ("price_yuan", ["收费（元）", "收费", "价格"]),
        ("turnaround_days", ["周期（工作日）", "周期", "办理时限"]),
        ("mandatory", ["强检", "是否强检"]),
    ];

    public override IReadOnlyList<string> Required { get; } = ["code", "name", "category", "lab", "price_yuan", "turnaround_days", "mandatory"];

    public override string KeyColumn => "code";

    public override CatalogueItem? Parse(ImportRow row)
    {
        var code = row.Text("code", 32, required: true);
        if (code is not null && !code.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            row.Reject("code", code, row.Language.Say("编号只能含字母、数字和 - _ ."));
        }

        var name = row.Text("name", MaxName, required: true);
        var category = row.Text("category", 32, required: true);
        var range = row.Text("measuring_range", MaxText);
        var accuracy = row.Text("accuracy", MaxText);
        var lab = row.Text("lab", MaxName, required: true);
        var price = row.Number("price_yuan", 0, 1_000_000, required: true);
        var days = row.WholeNumber("turnaround_days", 1, 365, required: true);
        var mandatory = row.YesNo("mandatory", required: true);
        return row.Failed ? null : new CatalogueItem
        {
            Code = code!.ToUpperInvariant(), Name = name!, Category = category!, MeasuringRange = range, Accuracy = accuracy, Lab = lab!,
            PriceYuan = price!.Value, TurnaroundDays = days!.Value, Mandatory = mandatory!.Value,
        };
    }

    public override string Key(CatalogueItem record) => record.Code;

    public override Task<List<CatalogueItem>> ExistingAsync(QualityCityDbContext db, IReadOnlyCollection<string> keys, CancellationToken cancellationToken) =>
        db.CatalogueItems.Where(i => keys.Contains(i.Code)).ToListAsync(cancellationToken);

    public override void Add(QualityCityDbContext db, CatalogueItem record) => db.CatalogueItems.Add(record);

    public override IQueryable<CatalogueItem> All(QualityCityDbContext db) => db.CatalogueItems.OrderBy(i => i.Code);

    public override string?[] Cells(CatalogueItem i) =>
        [i.Code, i.Name, i.Category, i.MeasuringRange, i.Accuracy, i.Lab, Amount(i.PriceYuan), i.TurnaroundDays.ToString(System.Globalization.CultureInfo.InvariantCulture), i.Mandatory ? "是" : "否"];

    public override void Copy(CatalogueItem from, CatalogueItem to)
    {
        to.Name = from.Name;
        to.Category = from.Category;
        to.MeasuringRange = from.MeasuringRange;
        to.Accuracy = from.Accuracy;
        to.Lab = from.Lab;
        to.PriceYuan = from.PriceYuan;
        to.TurnaroundDays = from.TurnaroundDays;
        to.Mandatory = from.Mandatory;
    }
}
