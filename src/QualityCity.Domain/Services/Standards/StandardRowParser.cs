using System.Globalization;
using System.Text.RegularExpressions;

namespace QualityCity.Domain.Services.Standards;

/// <summary>One problem with a cell: the column (its key), the value as written, the reason.</summary>
public sealed record StandardCellIssue(string Column, string Value, string Reason);

/// <summary>
/// Reads one row of a standards file into a <see cref="StandardRecord"/> (SVC-3). The columns are
/// those of the national catalogue's download, in English keys or the catalogue's Chinese headers;
/// only the number and one title are required. Every cell is checked and every problem named, so that
/// one pass of the file tells the uploader all that is wrong with a row, not the first thing.
/// </summary>
public static partial class StandardRowParser
{
    /// <summary>The columns: key, the catalogue's Chinese header and other headers seen in the wild.</summary>
    public static readonly IReadOnlyList<(string Column, string[] Headers)> Columns =
    [
        ("number", ["标准号", "标准编号"]),
        ("title_zh", ["中文标准名称", "标准名称", "中文名称"]),
        ("title_en", ["英文标准名称", "英文名称"]),
        ("status", ["标准状态", "状态"]),
        ("publish_date", ["发布日期"]),
        ("implement_date", ["实施日期"]),
        ("ccs", ["中国标准分类号", "CCS"]),
        ("ics", ["国际标准分类号", "ICS"]),
        ("replaces", ["代替标准", "代替"]),
        ("replaced_by", ["被代替标准", "被代替"]),
        ("abolish_date", ["废止日期"]),
        ("body", ["主管部门", "归口单位"]),
        ("committee", ["技术委员会", "归口技术委员会"]),
        ("cluster", ["标准集群", "集群"]),
    ];

    /// <summary>The longest title kept (the longest real titles run to about 150 characters).</summary>
    public const int MaxTitleLength = 500;

    /// <summary>The longest body, committee or cluster name kept.</summary>
    public const int MaxNameLength = 200;

    [GeneratedRegex(@"^[A-Z]\d{2}(?:/\d{2})?$")]
    private static partial Regex CcsPattern();

    [GeneratedRegex(@"^\d{2}(?:\.\d{3}(?:\.\d{2})?)?$")]
    private static partial Regex IcsPattern();

    private static readonly string[] DateFormats =
    [
        "yyyy-MM-dd", "yyyy-M-d", "yyyy/MM/dd", "yyyy/M/d", "yyyy.MM.dd", "yyyy.M.d", "yyyyMMdd", "yyyy年M月d日",
        "yyyy-MM-dd HH:mm:ss", "yyyy/M/d H:mm:ss", "yyyy-MM-ddTHH:mm:ss",
    ];

    /// <summary>
    /// Parses the cells of one row (by column key, trimmed; absent columns empty). Returns the record,
    /// or null with at least one issue; a record may come with no issues at all.
    /// </summary>
    public static StandardRecord? Parse(IReadOnlyDictionary<string, string> cells, List<StandardCellIssue> issues)
    {
        var before = issues.Count;
        string Cell(string column) => cells.TryGetValue(column, out var value) ? value.Trim() : string.Empty;

        var numberText = Cell("number");
        var number = StandardNumber.Parse(numberText);
        if (numberText.Length == 0)
        {
            issues.Add(new("number", numberText, "标准号不能为空"));
        }
        else if (number is null)
        {
            issues.Add(new("number", numberText, "不是标准号：应为代号、顺序号和年号，例如 GB/T 5023.3-2008、DB37/T 1234-2020、T/CEEIA 123-2022"));
        }

        var titleZh = Cell("title_zh");
        var titleEn = Cell("title_en");
        if (titleZh.Length == 0 && titleEn.Length == 0)
        {
            issues.Add(new("title_zh", titleZh, "中文标准名称和英文标准名称至少填写一个"));
        }

        foreach (var (column, title) in new[] { ("title_zh", titleZh), ("title_en", titleEn) })
        {
            if (title.Length > MaxTitleLength)
            {
                issues.Add(new(column, title[..40] + "…", "名称过长：最多 500 个字符"));
            }
        }

        var statusText = Cell("status");
        if (!StandardStatusRules.TryParse(statusText, out var status))
        {
            issues.Add(new("status", statusText, "标准状态应为 现行、即将实施 或 废止"));
        }

        var publish = Date(cells, "publish_date", issues);
        var implement = Date(cells, "implement_date", issues);
        var abolish = Date(cells, "abolish_date", issues);
        if (publish is { } p && implement is { } i && i < p)
        {
            issues.Add(new("implement_date", Cell("implement_date"), "实施日期早于发布日期"));
        }

        if (abolish is { } a && (implement ?? publish) is { } start && a < start)
        {
            issues.Add(new("abolish_date", Cell("abolish_date"), implement is null ? "废止日期早于发布日期" : "废止日期早于实施日期"));
        }

        var ccs = Cell("ccs").ToUpperInvariant();
        if (ccs.Length > 0 && !CcsPattern().IsMatch(ccs))
        {
            issues.Add(new("ccs", Cell("ccs"), "中国标准分类号应为一个字母和两位数字，例如 K13"));
        }

        var icsValues = Split(Cell("ics"));
        foreach (var ics in icsValues.Where(v => !IcsPattern().IsMatch(v)))
        {
            issues.Add(new("ics", ics, "国际标准分类号应形如 29.060.20（多个用 ; 分隔）"));
        }

        var replaces = Numbers(cells, "replaces", issues);
        var replacedBy = Numbers(cells, "replaced_by", issues);
        if (number is not null)
        {
            foreach (var (column, list) in new[] { ("replaces", replaces), ("replaced_by", replacedBy) })
            {
                if (list.Any(n => StandardNumber.Key(n) == number.ExactKey))
                {
                    issues.Add(new(column, Cell(column), "标准不能代替自身"));
                }
            }
        }

        foreach (var column in new[] { "body", "committee", "cluster" })
        {
            if (Cell(column).Length > MaxNameLength)
            {
                issues.Add(new(column, Cell(column)[..40] + "…", "过长：最多 200 个字符"));
            }
        }

        if (issues.Count > before || number is null)
        {
            return null;
        }

        return new StandardRecord(number.Display, titleZh, Empty(titleEn), status is null ? null : StandardStatusRules.Names[status.Value],
            publish, implement, abolish, Empty(ccs), icsValues.Count == 0 ? null : string.Join(";", icsValues), replaces, replacedBy,
            Empty(Cell("body")), Empty(Cell("committee")), Empty(Cell("cluster")));
    }

    /// <summary>Several values in one cell, separated by <c>;</c> (also the full-width ；, a comma or 、, as spreadsheets are typed).</summary>
    public static List<string> Split(string cell) =>
        cell.Split([';', '；', ',', '，', '、', '\n'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();

    /// <summary>Reads a date in the formats catalogues and spreadsheets write.</summary>
    public static bool TryParseDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date)
        || (DateTime.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var moment)
            && (date = DateOnly.FromDateTime(moment)) != default);

    private static DateOnly? Date(IReadOnlyDictionary<string, string> cells, string column, List<StandardCellIssue> issues)
    {
        var text = cells.TryGetValue(column, out var value) ? value.Trim() : string.Empty;
        if (text.Length == 0)
        {
            return null;
        }

        if (TryParseDate(text, out var date) && date.Year is >= 1950 and <= 2100)
        {
            return date;
        }

        issues.Add(new(column, text, "不是日期：应写作 2008-12-01"));
        return null;
    }

    private static List<string> Numbers(IReadOnlyDictionary<string, string> cells, string column, List<StandardCellIssue> issues)
    {
        var list = new List<string>();
        foreach (var value in Split(cells.TryGetValue(column, out var cell) ? cell : string.Empty))
        {
            if (StandardNumber.Parse(value) is { } parsed)
            {
                if (!list.Contains(parsed.Display, StringComparer.Ordinal))
                {
                    list.Add(parsed.Display);
                }
            }
            else
            {
                issues.Add(new(column, value, "不是标准号（多个标准号用 ; 分隔）"));
            }
        }

        return list;
    }

    private static string? Empty(string text) => text.Length == 0 ? null : text;
}
