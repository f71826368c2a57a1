using System.Globalization;
using QualityCity.Domain.Registry;
using QualityCity.Web.Modules.Registry.Contracts;
using QualityCity.Web.Modules.Registry.ImportRegistry;

namespace QualityCity.Web.Modules.Registry;

/// <summary>
/// Reads a column's value from a file cell: true with the value, or false (having reported why on
/// <paramref name="row"/>, unless the cell is simply empty). A reader may also report warnings, which
/// keep the row.
/// </summary>
internal delegate bool CellReader<T>(string? cell, ParsedRow row, out T value);

/// <summary>How a column's values are read from registry file cells (REG-3) and written to them (exports).</summary>
internal sealed record RegistryCell<T>(CellReader<T> Read, Func<T, string?> Write);

/// <summary>
/// The cell formats of the registry's columns. Reading is forgiving where staff type things in many
/// ways (是/否/yes/1, 存续（在营）, 2024年5月1日), writing is one form that reads back the same. The
/// reasons given are the lines of the import's error report.
/// </summary>
internal static class RegistryCells
{
    /// <summary>Text as written; an empty cell gives no value.</summary>
    public static readonly RegistryCell<string?> Text = new(ReadText, value => value);

    /// <summary>The key: a malformed code rejects the row; a wrong check character is a warning (REG-1).</summary>
    public static readonly RegistryCell<string> CreditCode = new(ReadCreditCode, value => value);

    public static readonly RegistryCell<string> Name = new(ReadName, value => value);

    /// <summary>A county code or name; without one, the division in the credit code.</summary>
    public static readonly RegistryCell<string> County = new(ReadCounty, value => value);

    /// <summary>A known township of the row's county.</summary>
    public static readonly RegistryCell<string?> Township = new(ReadTownship, value => value);

    public static readonly RegistryCell<bool> YesNo = new(ReadYesNo, value => value ? "是" : "否");

    public static readonly RegistryCell<DateOnly?> EstablishedOn = new(ReadEstablishedOn,
        value => value?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    /// <summary>存续/注销/吊销 and the forms registries export; written in Chinese.</summary>
    public static readonly RegistryCell<string> Status = new(ReadStatus,
        value => value switch { EntityStatus.Cancelled => "注销", EntityStatus.Revoked => "吊销", _ => "存续" });

    /// <summary>The credit-risk class A–D, in either case.</summary>
    public static readonly RegistryCell<string?> CreditClass = new(ReadCreditClass, value => value);

    public static readonly RegistryCell<string?> Phone = new(ReadPhone, value => value);

    /// <summary>Text of at most <paramref name="maxLength"/> characters.</summary>
    public static RegistryCell<string?> TextOfAtMost(int maxLength) => new(
        (string? cell, ParsedRow row, out string? value) =>
        {
            value = cell;
            return cell is not null && (cell.Length <= maxLength || row.Reject("长 {0} 个字符，最多 {1} 个", cell.Length, maxLength));
        },
        value => value);

    /// <summary>A number from <paramref name="min"/> to <paramref name="max"/>, written so that it reads back exactly.</summary>
    public static RegistryCell<double?> Number(double min, double max) => Parsed(
        (string text, out double number) =>
            double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out number) && number >= min && number <= max,
        "须为 {0} 到 {1} 之间的数", [min, max],
        value => value?.ToString("R", CultureInfo.InvariantCulture));

    /// <summary>A whole number from 0 to <paramref name="max"/>.</summary>
    public static RegistryCell<int?> WholeNumber(int max, string reason) => Parsed(
        (string text, out int number) => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out number) && number <= max,
        reason, [],
        value => value?.ToString(CultureInfo.InvariantCulture));

    /// <summary>A code the reference data knows (industries, chains); the reason's value, if any, comes from the reference data.</summary>
    public static RegistryCell<string?> Listed(Func<RegistryReference, IReadOnlySet<string>> known, string reason, Func<RegistryReference, object?>? value = null) => new(
        (string? cell, ParsedRow row, out string? read) =>
        {
            read = cell;
            return cell is not null && (known(row.Reference).Contains(cell) || row.Reject(reason, value?.Invoke(row.Reference)));
        },
        value => value);

    private delegate bool TryParse<T>(string text, out T value);

    /// <summary>A value <paramref name="parse"/> accepts; any other text rejects the row with <paramref name="reason"/> and its values.</summary>
    private static RegistryCell<T?> Parsed<T>(TryParse<T> parse, string reason, object?[] values, Func<T?, string?> write)
        where T : struct => new(
        (string? cell, ParsedRow row, out T? value) =>
        {
            value = null;
            if (cell is null)
            {
                return false;
            }

            if (!parse(cell, out var parsed))
            {
                return row.Reject(reason, values);
            }

            value = parsed;
            return true;
        },
        write);

    private static bool ReadText(string? cell, ParsedRow row, out string? value)
    {
        value = cell;
        return cell is not null;
    }

    private static bool ReadCreditCode(string? cell, ParsedRow row, out string value)
    {
        var check = Domain.Registry.CreditCode.Check(cell);
        value = check.Code;
        switch (check.Status)
        {
            case CreditCodeStatus.Malformed:
                return string.IsNullOrEmpty(cell)
                    ? row.Reject("统一社会信用代码必填")
                    : row.Reject("统一社会信用代码无效：{0}", row.Language.IsEnglish ? check.Reason : check.ReasonZh);
            case CreditCodeStatus.CheckCharacterMismatch:
                row.Set(RegistryColumns.CreditCodeWarning, check.Reason);
                row.Warn("{0}；按原样导入", row.Language.IsEnglish ? check.Reason : check.ReasonZh);
                break;
            default:
                row.Set(RegistryColumns.CreditCodeWarning, null);
                break;
        }

        row.Set(RegistryColumns.Category, Domain.Registry.CreditCode.CategoryOf(check.Code).ToString());
        return true;
    }

    private static bool ReadName(string? cell, ParsedRow row, out string value)
    {
        value = cell ?? string.Empty;
        if (string.IsNullOrEmpty(cell))
        {
            return row.Reject("名称必填");
        }

        return cell.Length <= 200 || row.Reject("名称长 {0} 个字符，最多 200 个", cell.Length);
    }

    /// <remarks>
    /// A code registered by a city or provincial bureau (371500, 370000) names no county: it is kept
    /// at that level with a warning rather than rejected, as real registries have many such entities.
    /// </remarks>
    private static bool ReadCounty(string? cell, ParsedRow row, out string value)
    {
        var reference = row.Reference;
        value = string.Empty;
        if (cell is not null)
        {
            if (reference.CountyNamesByCode.ContainsKey(cell))
            {
                value = cell;
                return true;
            }

            if (row.CountyByName(cell) is { } byName)
            {
                value = byName;
                return true;
            }

            if (!reference.UpperDivisions.Contains(cell))
            {
                return row.Reject("未知的县区：请填 GB/T 2260 县级代码（如 371521）或县区名称");
            }

            value = cell;
            row.Warn("{0} 是市或省，不是县区；按该级别保存", cell);
            return true;
        }

        if (!row.Has(RegistryColumns.CreditCode))
        {
            return false; // a malformed code has already rejected the row
        }

        var division = Domain.Registry.CreditCode.DivisionOf(row.Record.CreditCode);
        if (reference.CountyNamesByCode.ContainsKey(division))
        {
            value = division;
            return true;
        }

        if (!reference.UpperDivisions.Contains(division))
        {
            return row.Reject("县区必填：该列为空，且信用代码中的区划 {0} 不是已知的 GB/T 2260 代码", division);
        }

        value = division;
        row.Warn("未填县区，信用代码由市或省级登记机关赋予（{0}）；按该级别保存", division);
        return true;
    }

    private static bool ReadTownship(string? cell, ParsedRow row, out string? value)
    {
        value = cell;
        if (cell is null)
        {
            return false;
        }

        if (!row.Reference.TownshipCounty.TryGetValue(cell, out var townshipCounty))
        {
            return row.Reject("未知的乡镇街道代码");
        }

        var county = row.Has(RegistryColumns.County) ? row.Record.Values.CountyCode : null;
        return county is null || townshipCounty == county || row.Reject("该乡镇街道属于县区 {0}，不属于 {1}", townshipCounty, county);
    }

    private static bool ReadYesNo(string? cell, ParsedRow row, out bool value)
    {
        value = false;
        switch (cell?.ToLowerInvariant())
        {
            case null:
                return false;
            case "是" or "true" or "yes" or "y" or "1":
                value = true;
                return true;
            case "否" or "false" or "no" or "n" or "0":
                return true;
            default:
                return row.Reject("须为“是”或“否”");
        }
    }

    private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyy/M/d", "yyyy-M-d", "yyyyMMdd", "yyyy年M月d日"];

    private static bool ReadEstablishedOn(string? cell, ParsedRow row, out DateOnly? value)
    {
        value = null;
        if (cell is null)
        {
            return false;
        }

        if (!TryParseDate(cell, out var date))
        {
            return row.Reject("不是日期：请用 yyyy-MM-dd 格式");
        }

        if (date.Year < 1949 || date > row.LatestEstablishedOn)
        {
            return row.Reject("成立日期须在 1949-01-01 与今天之间");
        }

        value = date;
        return true;
    }

    /// <summary>A date as staff type it, or as Excel hands a date cell over (with a midnight time).</summary>
    private static bool TryParseDate(string text, out DateOnly date)
    {
        if (DateOnly.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            return true;
        }

        if (DateTime.TryParseExact(text, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var dateTime))
        {
            date = DateOnly.FromDateTime(dateTime);
            return true;
        }

        return false;
    }

    /// <summary>
    /// 存续/注销/吊销 and the longer forms registries export ("存续（在营、开业、在册）", "吊销，未注销");
    /// a revocation is named first because "吊销，未注销" also contains 注销.
    /// </summary>
    private static bool ReadStatus(string? cell, ParsedRow row, out string value)
    {
        value = string.Empty;
        if (cell is null)
        {
            return false;
        }

        var text = cell.ToLowerInvariant();
        if (text.StartsWith("吊销", StringComparison.Ordinal) || text == "revoked")
        {
            value = EntityStatus.Revoked;
        }
        else if (text.StartsWith("注销", StringComparison.Ordinal) || text is "cancelled" or "canceled")
        {
            value = EntityStatus.Cancelled;
        }
        else if (text.StartsWith("存续", StringComparison.Ordinal) || text.StartsWith("在营", StringComparison.Ordinal)
                 || text.StartsWith("在业", StringComparison.Ordinal) || text.StartsWith("开业", StringComparison.Ordinal) || text == "active")
        {
            value = EntityStatus.Active;
        }
        else
        {
            return row.Reject("登记状态须为 存续、注销 或 吊销");
        }

        return true;
    }

    private static bool ReadCreditClass(string? cell, ParsedRow row, out string? value)
    {
        value = cell?.ToUpperInvariant();
        return cell is not null && (value is "A" or "B" or "C" or "D" || row.Reject("信用风险分类须为 A、B、C 或 D"));
    }

    private static bool ReadPhone(string? cell, ParsedRow row, out string? value)
    {
        value = cell;
        return cell is not null
               && (cell.All(c => char.IsAsciiDigit(c) || c is '-' or '+' or ' ' or '(' or ')') || row.Reject("电话只能包含数字、空格和 + - ( )"));
    }
}
