using System.Globalization;
using QualityCity.Domain.Registry;
using QualityCity.Web.Modules.Registry.Contracts;

namespace QualityCity.Web.Modules.Registry.ImportRegistry;

/// <summary>A problem with one cell: the error report's line (REG-3).</summary>
/// <param name="Row">Row number as the spreadsheet shows it (the header is row 1).</param>
/// <param name="Column">The column's header as written in the file.</param>
/// <param name="Value">The offending value.</param>
/// <param name="Reason">Why; warnings start with "warning:" and do not stop the row.</param>
public sealed record RowIssue(long Row, string Column, string Value, string Reason)
{
    public bool IsWarning => Reason.StartsWith("warning:", StringComparison.Ordinal);
}

/// <summary>A validated row, ready to upsert; only the columns present in the file are applied.</summary>
public sealed class RegistryRecord
{
    public required long RowNumber { get; init; }
    public required string CreditCode { get; init; }
    public string? CreditCodeWarning { get; init; }
    public required string Category { get; init; }
    public string? Name { get; set; }
    public string? CountyCode { get; set; }
    public string? TownshipCode { get; set; }
    public string? Address { get; set; }
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    public string? IndustryCode { get; set; }
    public string? ChainCode { get; set; }
    public bool? AboveScale { get; set; }
    public DateOnly? EstablishedOn { get; set; }
    public string? Status { get; set; }
    public string? CreditClass { get; set; }
    public bool? OnAbnormalList { get; set; }
    public string? ContactName { get; set; }
    public string? ContactPhone { get; set; }
    public int? InsuredStaff { get; set; }
}

/// <summary>What the parser checks codes against: the reference data in the database.</summary>
/// <param name="CountyNamesByCode">Every county-level division (6 digits) and its name.</param>
/// <param name="UpperDivisions">City- and province-level divisions as six digits (371500, 370000).</param>
/// <param name="TownshipCounty">Township code → its county.</param>
/// <param name="IndustryCodes">Known GB/T 4754 classes.</param>
/// <param name="ChainCodes">Known industry chains.</param>
public sealed record RegistryReference(
    IReadOnlyDictionary<string, string> CountyNamesByCode,
    IReadOnlySet<string> UpperDivisions,
    IReadOnlyDictionary<string, string> TownshipCounty,
    IReadOnlySet<string> IndustryCodes,
    IReadOnlySet<string> ChainCodes);

/// <summary>
/// Turns a raw row into a <see cref="RegistryRecord"/> or a list of reasons it cannot be imported.
/// Every problem of a row is reported, not only the first, so one pass over the error report fixes
/// the file.
/// </summary>
public sealed class RegistryRowParser
{
    private readonly RegistryReference _reference;
    private readonly string?[] _canonicalByIndex;
    private readonly string[] _headers;
    private readonly Dictionary<string, int> _indexOf = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _countyCodeByName;
    private readonly DateOnly _latestEstablishedOn;

    /// <param name="headers">The file's header row.</param>
    /// <param name="reference">The codes rows are checked against.</param>
    /// <param name="latestEstablishedOn">The latest establishment date accepted (the import's day, with a day's grace).</param>
    public RegistryRowParser(string[] headers, RegistryReference reference, DateOnly latestEstablishedOn)
    {
        _reference = reference;
        _latestEstablishedOn = latestEstablishedOn;
        _headers = headers;
        _canonicalByIndex = headers.Select(RegistryColumns.Resolve).ToArray();
        for (var i = 0; i < headers.Length; i++)
        {
            if (_canonicalByIndex[i] is { } canonical && !_indexOf.ContainsKey(canonical))
            {
                _indexOf[canonical] = i;
            }
        }

        _countyCodeByName = reference.CountyNamesByCode
            .GroupBy(kv => kv.Value)
            .Where(g => g.Count() == 1)
            .ToDictionary(g => g.Key, g => g.First().Key, StringComparer.Ordinal);
    }

    /// <summary>Problems with the header itself: a missing required column makes the file unreadable.</summary>
    public IReadOnlyList<string> HeaderProblems()
    {
        var problems = new List<string>();
        if (!_indexOf.ContainsKey(RegistryColumns.CreditCode))
        {
            problems.Add("missing column credit_code (统一社会信用代码)");
        }

        if (!_indexOf.ContainsKey(RegistryColumns.Name))
        {
            problems.Add("missing column name (名称)");
        }

        return problems;
    }

    /// <summary>Headers that are not registry columns; they are ignored, and said so once.</summary>
    public IEnumerable<string> UnknownHeaders() =>
        _headers.Where((_, i) => _canonicalByIndex[i] is null && !string.IsNullOrWhiteSpace(_headers[i]));

    public bool Has(string canonical) => _indexOf.ContainsKey(canonical);

    /// <summary>Parses a row; returns null and fills <paramref name="issues"/> when it must be rejected.</summary>
    public RegistryRecord? Parse(RawRow row, List<RowIssue> issues)
    {
        var errorsBefore = issues.Count(i => !i.IsWarning);
        string? Cell(string canonical) =>
            _indexOf.TryGetValue(canonical, out var i) && i < row.Cells.Length ? Clean(row.Cells[i]) : null;
        void Fail(string canonical, string? value, string reason) =>
            issues.Add(new RowIssue(row.RowNumber, HeaderOf(canonical), value ?? string.Empty, reason));

        var rawCode = Cell(RegistryColumns.CreditCode);
        var check = CreditCode.Check(rawCode);
        string? codeWarning = null;
        switch (check.Status)
        {
            case CreditCodeStatus.Malformed:
                Fail(RegistryColumns.CreditCode, rawCode, string.IsNullOrEmpty(rawCode) ? "credit code is required" : $"invalid credit code: {check.Reason}");
                break;
            case CreditCodeStatus.CheckCharacterMismatch:
                codeWarning = check.Reason;
                Fail(RegistryColumns.CreditCode, rawCode, $"warning: {check.Reason}; imported as written");
                break;
        }

        var name = Cell(RegistryColumns.Name);
        if (string.IsNullOrEmpty(name))
        {
            Fail(RegistryColumns.Name, name, "name is required");
        }
        else if (name.Length > 200)
        {
            Fail(RegistryColumns.Name, name, $"name is {name.Length} characters long; at most 200");
        }

        var record = new RegistryRecord
        {
            RowNumber = row.RowNumber,
            CreditCode = check.Code,
            CreditCodeWarning = codeWarning,
            Category = CreditCode.CategoryOf(check.Code).ToString(),
            Name = name,
        };

        // County: the column (code or county name), else the division in the code. A code registered
        // by a city or provincial bureau (371500, 370000) names no county: it is kept at that level
        // with a warning rather than rejected, as real registries have many such entities.
        var county = Cell(RegistryColumns.CountyCode);
        if (county is not null)
        {
            if (_reference.CountyNamesByCode.ContainsKey(county))
            {
                record.CountyCode = county;
            }
            else if (CountyByName(county) is { } byName)
            {
                record.CountyCode = byName;
            }
            else if (_reference.UpperDivisions.Contains(county))
            {
                record.CountyCode = county;
                Fail(RegistryColumns.CountyCode, county, $"warning: {county} is a city or province, not a county; kept at that level");
            }
            else
            {
                Fail(RegistryColumns.CountyCode, county, "unknown county: give a GB/T 2260 county code (e.g. 371521) or the county's name");
            }
        }
        else if (check.IsAcceptable)
        {
            var division = CreditCode.DivisionOf(check.Code);
            if (_reference.CountyNamesByCode.ContainsKey(division))
            {
                record.CountyCode = division;
            }
            else if (_reference.UpperDivisions.Contains(division))
            {
                record.CountyCode = division;
                Fail(RegistryColumns.CountyCode, string.Empty,
                    $"warning: no county given and the code was issued at city or province level ({division}); kept at that level");
            }
            else
            {
                Fail(RegistryColumns.CountyCode, county,
                    $"county is required: the column is empty and the credit code's division {division} is not a known GB/T 2260 code");
            }
        }

        var township = Cell(RegistryColumns.TownshipCode);
        if (township is not null)
        {
            if (!_reference.TownshipCounty.TryGetValue(township, out var townshipCounty))
            {
                Fail(RegistryColumns.TownshipCode, township, "unknown township code");
            }
            else if (record.CountyCode is not null && townshipCounty != record.CountyCode)
            {
                Fail(RegistryColumns.TownshipCode, township, $"township belongs to county {townshipCounty}, not {record.CountyCode}");
            }
            else
            {
                record.TownshipCode = township;
            }
        }

        record.Address = Cell(RegistryColumns.Address);
        if (record.Address is { Length: > 300 })
        {
            Fail(RegistryColumns.Address, record.Address, "address is longer than 300 characters");
        }

        record.Latitude = ParseCoordinate(RegistryColumns.Latitude, -90, 90);
        record.Longitude = ParseCoordinate(RegistryColumns.Longitude, -180, 180);

        var industry = Cell(RegistryColumns.IndustryCode);
        if (industry is not null)
        {
            if (_reference.IndustryCodes.Contains(industry))
            {
                record.IndustryCode = industry;
            }
            else
            {
                Fail(RegistryColumns.IndustryCode, industry, "unknown industry code: use a GB/T 4754-2017 class code (4 digits, e.g. 3831)");
            }
        }

        var chain = Cell(RegistryColumns.Chain);
        if (chain is not null)
        {
            if (_reference.ChainCodes.Contains(chain))
            {
                record.ChainCode = chain;
            }
            else
            {
                Fail(RegistryColumns.Chain, chain, $"unknown industry chain; known: {string.Join(", ", _reference.ChainCodes.Order(StringComparer.Ordinal))}");
            }
        }

        record.AboveScale = ParseBool(RegistryColumns.AboveScale);
        record.OnAbnormalList = ParseBool(RegistryColumns.AbnormalList);

        var established = Cell(RegistryColumns.EstablishedOn);
        if (established is not null)
        {
            if (!TryParseDate(established, out var date))
            {
                Fail(RegistryColumns.EstablishedOn, established, "not a date: use yyyy-MM-dd");
            }
            else if (date.Year < 1949 || date > _latestEstablishedOn)
            {
                Fail(RegistryColumns.EstablishedOn, established, "established date must be between 1949-01-01 and today");
            }
            else
            {
                record.EstablishedOn = date;
            }
        }

        var status = Cell(RegistryColumns.Status);
        if (status is not null)
        {
            record.Status = ParseStatus(status);
            if (record.Status is null)
            {
                Fail(RegistryColumns.Status, status, "status must be 存续/注销/吊销 (active/cancelled/revoked)");
            }
        }

        var creditClass = Cell(RegistryColumns.CreditClass);
        if (creditClass is not null)
        {
            var upper = creditClass.ToUpperInvariant();
            if (upper is "A" or "B" or "C" or "D")
            {
                record.CreditClass = upper;
            }
            else
            {
                Fail(RegistryColumns.CreditClass, creditClass, "credit-risk class must be A, B, C or D");
            }
        }

        record.ContactName = Cell(RegistryColumns.ContactName);
        var phone = Cell(RegistryColumns.ContactPhone);
        if (phone is not null && !phone.All(c => char.IsAsciiDigit(c) || c is '-' or '+' or ' ' or '(' or ')'))
        {
            Fail(RegistryColumns.ContactPhone, phone, "phone may contain only digits, spaces and + - ( )");
        }
        else
        {
            record.ContactPhone = phone;
        }

        var insured = Cell(RegistryColumns.InsuredStaff);
        if (insured is not null)
        {
            if (int.TryParse(insured, NumberStyles.None, CultureInfo.InvariantCulture, out var staff) && staff <= 10_000_000)
            {
                record.InsuredStaff = staff;
            }
            else
            {
                Fail(RegistryColumns.InsuredStaff, insured, "insured staff must be a whole number of people, 0 or more");
            }
        }

        return issues.Count(i => !i.IsWarning) > errorsBefore ? null : record;

        double? ParseCoordinate(string canonical, double min, double max)
        {
            var text = Cell(canonical);
            if (text is null)
            {
                return null;
            }

            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
            {
                return value;
            }

            Fail(canonical, text, $"must be a number between {min} and {max}");
            return null;
        }

        bool? ParseBool(string canonical)
        {
            var text = Cell(canonical);
            switch (text?.ToLowerInvariant())
            {
                case null:
                    return null;
                case "是" or "true" or "yes" or "y" or "1":
                    return true;
                case "否" or "false" or "no" or "n" or "0":
                    return false;
                default:
                    Fail(canonical, text, "must be 是 or 否 (true/false)");
                    return null;
            }
        }
    }

    private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyy/M/d", "yyyy-M-d", "yyyyMMdd", "yyyy年M月d日"];

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
    private static string? ParseStatus(string status)
    {
        var value = status.ToLowerInvariant();
        if (value.StartsWith("吊销", StringComparison.Ordinal) || value == "revoked")
        {
            return EntityStatus.Revoked;
        }

        if (value.StartsWith("注销", StringComparison.Ordinal) || value is "cancelled" or "canceled")
        {
            return EntityStatus.Cancelled;
        }

        return value.StartsWith("存续", StringComparison.Ordinal) || value.StartsWith("在营", StringComparison.Ordinal)
               || value.StartsWith("在业", StringComparison.Ordinal) || value.StartsWith("开业", StringComparison.Ordinal) || value == "active"
            ? EntityStatus.Active
            : null;
    }

    /// <summary>A county by its full name (阳谷县) or without its 县/市/区 suffix (阳谷).</summary>
    private string? CountyByName(string name)
    {
        if (_countyCodeByName.TryGetValue(name, out var code))
        {
            return code;
        }

        foreach (var suffix in new[] { "县", "市", "区" })
        {
            if (_countyCodeByName.TryGetValue(name + suffix, out code))
            {
                return code;
            }
        }

        return null;
    }

    private string HeaderOf(string canonical) =>
        _indexOf.TryGetValue(canonical, out var i) ? _headers[i] : canonical;

    private static string? Clean(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var trimmed = value.Trim().Trim('\u3000');
        return trimmed.Length == 0 ? null : trimmed;
    }
}
