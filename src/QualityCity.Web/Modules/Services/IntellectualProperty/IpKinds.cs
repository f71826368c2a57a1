using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Data;
using QualityCity.Web.Modules.Services.Catalogue;

namespace QualityCity.Web.Modules.Services.IntellectualProperty;

/// <summary>The cell rules the three intellectual-property files share.</summary>
internal static partial class IpCells
{
    public static readonly IReadOnlyList<string> PatentTypes = ["发明", "实用新型", "外观设计"];
    public static readonly IReadOnlyList<string> PatentStatuses = ["有效", "失效", "审查中"];
    public static readonly IReadOnlyList<string> TrademarkStatuses = ["有效", "失效", "续展中"];

    /// <summary>ZL, 8 or 12 digits, a dot and the check character (the ZL may be left out).</summary>
    [GeneratedRegex(@"^(ZL)?(\d{8}|\d{12})\.[\dX]$")]
    public static partial Regex PatentNumber();

    [GeneratedRegex(@"[;；,，、\s]+")]
    public static partial Regex ListSeparator();

    public static string? CreditCode(ImportRow row, string column)
    {
        var code = row.Text(column, 18 * 2, required: true)?.ToUpperInvariant();
        if (code is not null && (code.Length != 18 || !code.All(char.IsAsciiLetterOrDigit)))
        {
            row.Reject(column, code, row.Language.Say("统一社会信用代码须为 18 位字母或数字"));
            return null;
        }

        return code;
    }

    public static string? Patent(ImportRow row, string column)
    {
        var number = row.Text(column, 32, required: true)?.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
        if (number is null)
        {
            return null;
        }

        if (!PatentNumber().IsMatch(number))
        {
            row.Reject(column, number, row.Language.Say("专利号格式应如 ZL202310123456.7"));
            return null;
        }

        return number.StartsWith("ZL", StringComparison.Ordinal) ? number : "ZL" + number;
    }

    public static IEnumerable<string> Split(string text) => ListSeparator().Split(text).Where(s => s.Length > 0);
}

public sealed class PatentKind : RecordKind<Patent>
{
    public static PatentKind Instance { get; } = new();

    public override string AuditAction => "patents.import";

    public override IReadOnlyList<(string Column, string[] Headers)> Columns { get; } =
    [
        ("number", ["专利号"]), ("title", ["专利名称", "名称"]), ("type", ["专利类型", "类型"]), ("holder_credit_code", ["专利权人统一社会信用代码", "统一社会信用代码"]),
        ("application_date", ["申请日"]), ("grant_date", ["授权公告日", "授权日"]), ("status", ["法律状态", "状态"]),
    ];

    public override IReadOnlyList<string> Required { get; } = ["number", "title", "type", "holder_credit_code", "application_date", "status"];

    public override string KeyColumn => "number";

    public override string? CreditCodeColumn => "holder_credit_code";

    public override string? CreditCodeOf(Patent record) => record.HolderCreditCode;

    public override Patent? Parse(ImportRow row)
    {
        var number = IpCells.Patent(row, "number");
        var title = row.Text("title", 200, required: true);
        var type = row.OneOf("type", IpCells.PatentTypes, required: true);
        var holder = IpCells.CreditCode(row, "holder_credit_code");
        var applied = row.Date("application_date", required: true);
        var granted = row.Date("grant_date");
        var status = row.OneOf("status", IpCells.PatentStatuses, required: true);
        if (applied is { } a && granted is { } g && g < a)
        {
            row.Reject("grant_date", Day(g)!, row.Language.Say("授权日早于申请日"));
        }

        return row.Failed ? null : new Patent
        {
            Number = number!, Title = title!, Type = type!, HolderCreditCode = holder!, ApplicationDate = applied!.Value, GrantDate = granted, Status = status!,
        };
    }

    public override string Key(Patent record) => record.Number;

    public override Task<List<Patent>> ExistingAsync(QualityCityDbContext db, IReadOnlyCollection<string> keys, CancellationToken cancellationToken) =>
        db.Patents.Where(p => keys.Contains(p.Number)).ToListAsync(cancellationToken);

    public override void Add(QualityCityDbContext db, Patent record) => db.Patents.Add(record);

    public override IQueryable<Patent> All(QualityCityDbContext db) => db.Patents.OrderBy(p => p.Number);

    public override string?[] Cells(Patent p) => [p.Number, p.Title, p.Type, p.HolderCreditCode, Day(p.ApplicationDate), Day(p.GrantDate), p.Status];

    public override void Copy(Patent from, Patent to)
    {
        to.Title = from.Title;
        to.Type = from.Type;
        to.HolderCreditCode = from.HolderCreditCode;
        to.ApplicationDate = from.ApplicationDate;
        to.GrantDate = from.GrantDate;
        to.Status = from.Status;
    }
}

public sealed class TrademarkKind : RecordKind<Trademark>
{
    public static TrademarkKind Instance { get; } = new();

    public override string AuditAction => "trademarks.import";

    public override IReadOnlyList<(string Column, string[] Headers)> Columns { get; } =
    [
        ("registration_number", ["注册号"]), ("mark_name", ["商标名称", "商标"]), ("classes", ["国际分类", "类别"]),
        ("holder_credit_code", ["注册人统一社会信用代码", "统一社会信用代码"]), ("registration_date", ["注册日期", "注册日"]),
        ("expiry_date", ["有效期至", "专用权期限"]), ("status", ["状态", "法律状态"]),
    ];

    public override IReadOnlyList<string> Required { get; } = ["registration_number", "mark_name", "classes", "holder_credit_code", "registration_date", "expiry_date", "status"];

    public override string KeyColumn => "registration_number";

    public override string? CreditCodeColumn => "holder_credit_code";

    public override string? CreditCodeOf(Trademark record) => record.HolderCreditCode;

    public override Trademark? Parse(ImportRow row)
    {
        var number = row.Text("registration_number", 16, required: true);
        if (number is not null && !number.All(char.IsAsciiDigit))
        {
            row.Reject("registration_number", number, row.Language.Say("注册号只能是数字"));
        }

        var name = row.Text("mark_name", 100, required: true);
        var classesText = row.Text("classes", 200, required: true);
        var classes = new SortedSet<int>();
        foreach (var part in IpCells.Split(classesText ?? string.Empty))
        {
            if (int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var nice) && nice is >= 1 and <= 45)
            {
                classes.Add(nice);
            }
            else
            {
                row.Reject("classes", part, row.Language.Say("尼斯分类须为 1 到 45"));
            }
        }

        var holder = IpCells.CreditCode(row, "holder_credit_code");
        var registered = row.Date("registration_date", required: true);
        var expiry = row.Date("expiry_date", required: true);
        var status = row.OneOf("status", IpCells.TrademarkStatuses, required: true);
        if (registered is { } r && expiry is { } e && e <= r)
        {
            row.Reject("expiry_date", Day(e)!, row.Language.Say("有效期至须晚于注册日期"));
        }

        return row.Failed ? null : new Trademark
        {
            RegistrationNumber = number!, MarkName = name!, Classes = string.Join(";", classes), HolderCreditCode = holder!,
            RegistrationDate = registered!.Value, ExpiryDate = expiry!.Value, Status = status!,
        };
    }

    public override string Key(Trademark record) => record.RegistrationNumber;

    public override Task<List<Trademark>> ExistingAsync(QualityCityDbContext db, IReadOnlyCollection<string> keys, CancellationToken cancellationToken) =>
        db.Trademarks.Where(t => keys.Contains(t.RegistrationNumber)).ToListAsync(cancellationToken);

    public override void Add(QualityCityDbContext db, Trademark record) => db.Trademarks.Add(record);

    public override IQueryable<Trademark> All(QualityCityDbContext db) => db.Trademarks.OrderBy(t => t.RegistrationNumber);

    public override string?[] Cells(Trademark t) => [t.RegistrationNumber, t.MarkName, t.Classes, t.HolderCreditCode, Day(t.RegistrationDate), Day(t.ExpiryDate), t.Status];

    public override void Copy(Trademark from, Trademark to)
    {
        to.MarkName = from.MarkName;
        to.Classes = from.Classes;
        to.HolderCreditCode = from.HolderCreditCode;
        to.RegistrationDate = from.RegistrationDate;
        to.ExpiryDate = from.ExpiryDate;
        to.Status = from.Status;
    }
}

public sealed class PledgeKind : RecordKind<IpPledge>
{
    public static PledgeKind Instance { get; } = new();

    public override string AuditAction => "pledges.import";

    public override IReadOnlyList<(string Column, string[] Headers)> Columns { get; } =
    [
        ("credit_code", ["统一社会信用代码", "出质人统一社会信用代码"]), ("bank", ["质权人", "银行", "贷款银行"]), ("amount_wan", ["贷款金额（万元）", "金额（万元）", "融资金额"]),
        ("registration_date", ["登记日期", "质押登记日"]), ("term_end_date", ["到期日", "质押期限至"]), ("pledged", ["质押的专利号/商标注册号", "质押物"]),
    ];

    public override IReadOnlyList<string> Required { get; } = ["credit_code", "bank", "amount_wan", "registration_date", "term_end_date", "pledged"];

    public override string KeyColumn => "credit_code";

    public override string? CreditCodeColumn => "credit_code";

    public override string? CreditCodeOf(IpPledge record) => record.CreditCode;

    public override IpPledge? Parse(ImportRow row)
    {
        var code = IpCells.CreditCode(row, "credit_code");
        var bank = row.Text("bank", 100, required: true);
        var amount = row.Number("amount_wan", 0.01m, 10_000_000m, required: true);
        var registered = row.Date("registration_date", required: true);
        var end = row.Date("term_end_date", required: true);
        var pledgedText = row.Text("pledged", 1000, required: true);
        var pledged = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var part in IpCells.Split(pledgedText ?? string.Empty))
        {
            var number = part.ToUpperInvariant();
            if (IpCells.PatentNumber().IsMatch(number))
            {
                pledged.Add(number.StartsWith("ZL", StringComparison.Ordinal) ? number : "ZL" + number);
            }
            else if (number.Length <= 16 && number.All(char.IsAsciiDigit))
            {
                pledged.Add(number);
            }
            else
            {
                row.Reject("pledged", part, row.Language.Say("既不是专利号也不是商标注册号"));
            }
        }

        if (registered is { } r && end is { } e && e <= r)
        {
            row.Reject("term_end_date", Day(e)!, row.Language.Say("到期日须晚于登记日期"));
        }

        return row.Failed ? null : new IpPledge
        {
            Key = IpPledge.KeyOf(code!, bank!, registered!.Value), CreditCode = code!, Bank = bank!, AmountWan = amount!.Value,
            RegistrationDate = registered.Value, TermEndDate = end!.Value, Pledged = string.Join(";", pledged),
        };
    }

    public override string Key(IpPledge record) => record.Key;

    public override Task<List<IpPledge>> ExistingAsync(QualityCityDbContext db, IReadOnlyCollection<string> keys, CancellationToken cancellationToken) =>
        db.IpPledges.Where(p => keys.Contains(p.Key)).ToListAsync(cancellationToken);

    public override void Add(QualityCityDbContext db, IpPledge record) => db.IpPledges.Add(record);

    public override IQueryable<IpPledge> All(QualityCityDbContext db) => db.IpPledges.OrderBy(p => p.RegistrationDate).ThenBy(p => p.Key);

    public override string?[] Cells(IpPledge p) => [p.CreditCode, p.Bank, Amount(p.AmountWan), Day(p.RegistrationDate), Day(p.TermEndDate), p.Pledged];

    public override void Copy(IpPledge from, IpPledge to)
    {
        to.AmountWan = from.AmountWan;
        to.TermEndDate = from.TermEndDate;
        to.Pledged = from.Pledged;
    }
}
