using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using QualityCity.Domain.Common;
using QualityCity.Web.Data;
using QualityCity.Web.Modules.Accounts.Contracts;

namespace QualityCity.Web.Modules.Services.IntellectualProperty;

public sealed record PatentRow(string Number, string Title, string Type, string HolderCreditCode, DateOnly ApplicationDate, DateOnly? GrantDate, string Status, bool IsDemo);

public sealed record TrademarkRow(string RegistrationNumber, string MarkName, string Classes, string HolderCreditCode, DateOnly RegistrationDate, DateOnly ExpiryDate,
    string Status, bool IsDemo);

public sealed record PledgeRow(string CreditCode, string Bank, decimal AmountWan, DateOnly RegistrationDate, DateOnly TermEndDate, string Pledged, bool IsDemo);

/// <summary>One enterprise's intellectual property: its patents, trademarks and pledge loans.</summary>
public sealed record EnterpriseIp(string CreditCode, string Name, IReadOnlyList<PatentRow> Patents, IReadOnlyList<TrademarkRow> Trademarks,
    IReadOnlyList<PledgeRow> Pledges);

/// <summary>The pledge loans registered in one quarter (<c>2026Q3</c>), the amount in 10,000 yuan.</summary>
public sealed record PledgeQuarter(string Quarter, int Loans, decimal AmountWan);

/// <summary>The staff list's filters: the kind, a holder, a status and a word of the title, mark or number.</summary>
public sealed record IpFilter(string Kind, string? CreditCode, string? Status, string? Text);

/// <summary>
/// The views of intellectual property (SVC-4): one enterprise's records — to the enterprise itself by
/// the credit code of its sign-in, to staff for any — the staff's filtered lists, and the pledge
/// loans per quarter. Amounts are added up here rather than in SQL: SQLite keeps decimals as text.
/// </summary>
public sealed class IpViews(QualityCityDbContext db)
{
    public const int ListLimit = 500;

    public static readonly IReadOnlyList<string> Kinds = ["patents", "trademarks", "pledges"];

    /// <summary>
    /// The records of <paramref name="creditCode"/> when <paramref name="viewer"/> may see them: staff
    /// any enterprise of the registry, an enterprise only its own. Null (answered as 404) otherwise.
    /// </summary>
    public async Task<EnterpriseIp?> ForEnterpriseAsync(string creditCode, ClaimsPrincipal viewer, CancellationToken cancellationToken)
    {
        var code = creditCode.Trim().ToUpperInvariant();
        if (viewer.IsInRole(Roles.Enterprise) && !string.Equals(viewer.CreditCode(), code, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var entity = await db.MarketEntities.AsNoTracking().Where(e => e.CreditCode == code).Select(e => new { e.CreditCode, e.Name }).FirstOrDefaultAsync(cancellationToken);
        if (entity is null)
        {
            return null;
        }

        var patents = await Project(db.Patents.AsNoTracking().Where(p => p.HolderCreditCode == code)).ToListAsync(cancellationToken);
        var trademarks = await Project(db.Trademarks.AsNoTracking().Where(t => t.HolderCreditCode == code)).ToListAsync(cancellationToken);
        var pledges = await Project(db.IpPledges.AsNoTracking().Where(p => p.CreditCode == code)).ToListAsync(cancellationToken);
        return new EnterpriseIp(entity.CreditCode, entity.Name, patents, trademarks, pledges);
    }

    public Task<List<PatentRow>> PatentsAsync(IpFilter filter, CancellationToken cancellationToken)
    {
        var query = db.Patents.AsNoTracking();
        if (Clean(filter.CreditCode)?.ToUpperInvariant() is { } code)
        {
            query = query.Where(p => p.HolderCreditCode == code);
        }

        if (Clean(filter.Status) is { } status)
        {
            query = query.Where(p => p.Status == status);
        }

        if (Clean(filter.Text) is { } text)
        {
            var number = text.ToUpperInvariant();
            query = query.Where(p => p.Title.Contains(text) || p.Number.Contains(number));
        }

        return Project(query).Take(ListLimit).ToListAsync(cancellationToken);
    }

    public Task<List<TrademarkRow>> TrademarksAsync(IpFilter filter, CancellationToken cancellationToken)
    {
        var query = db.Trademarks.AsNoTracking();
        if (Clean(filter.CreditCode)?.ToUpperInvariant() is { } code)
        {
            query = query.Where(t => t.HolderCreditCode == code);
        }

        if (Clean(filter.Status) is { } status)
        {
            query = query.Where(t => t.Status == status);
        }

        if (Clean(filter.Text) is { } text)
        {
            query = query.Where(t => t.MarkName.Contains(text) || t.RegistrationNumber.Contains(text));
        }

        return Project(query).Take(ListLimit).ToListAsync(cancellationToken);
    }

    public Task<List<PledgeRow>> PledgesAsync(IpFilter filter, CancellationToken cancellationToken)
    {
        var query = db.IpPledges.AsNoTracking();
        if (Clean(filter.CreditCode)?.ToUpperInvariant() is { } code)
        {
            query = query.Where(p => p.CreditCode == code);
        }

        if (Clean(filter.Text) is { } text)
        {
            var number = text.ToUpperInvariant();
            query = query.Where(p => p.Bank.Contains(text) || p.Pledged.Contains(number));
        }

        return Project(query).Take(ListLimit).ToListAsync(cancellationToken);
    }

    /// <summary>Every quarter with a pledge loan registered in it, oldest first: the number of loans and their sum.</summary>
    public async Task<IReadOnlyList<PledgeQuarter>> QuartersAsync(CancellationToken cancellationToken)
    {
        var loans = await db.IpPledges.AsNoTracking().Select(p => new { p.RegistrationDate, p.AmountWan }).ToListAsync(cancellationToken);
        return [.. loans.GroupBy(l => QuarterOf(l.RegistrationDate)).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new PledgeQuarter(g.Key, g.Count(), g.Sum(l => l.AmountWan)))];
    }

    public static string QuarterOf(DateOnly day) => string.Create(CultureInfo.InvariantCulture, $"{day.Year}Q{((day.Month - 1) / 3) + 1}");

    public const string ExcelContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The quarters and every loan as a workbook, text cells neutralised against formulas.</summary>
    public async Task<MemoryStream> QuartersExcelAsync(CancellationToken cancellationToken)
    {
        var quarters = (await QuartersAsync(cancellationToken)).Select(q => new Dictionary<string, object?>
        {
            ["季度 quarter"] = q.Quarter, ["笔数 loans"] = q.Loans, ["金额（万元） amount (10,000 yuan)"] = q.AmountWan,
        }).ToList();
        var loans = (await Project(db.IpPledges.AsNoTracking()).ToListAsync(cancellationToken)).Select(p => new Dictionary<string, object?>
        {
            ["季度 quarter"] = QuarterOf(p.RegistrationDate), ["统一社会信用代码 credit code"] = p.CreditCode, ["银行 bank"] = p.Bank,
            ["金额（万元） amount (10,000 yuan)"] = p.AmountWan, ["登记日期 registered"] = p.RegistrationDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["到期日 term end"] = p.TermEndDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["质押物 pledged"] = p.Pledged,
        }).ToList();
        var stream = new MemoryStream();
        await stream.SaveAsAsync(new Dictionary<string, object>
        {
            ["季度 quarters"] = quarters.Select(SpreadsheetCell.NeutraliseRow).ToList(),
            ["质押贷款 loans"] = loans.Select(SpreadsheetCell.NeutraliseRow).ToList(),
        }, cancellationToken: cancellationToken);
        stream.Position = 0;
        return stream;
    }

    private static IQueryable<PatentRow> Project(IQueryable<Patent> query) => query.OrderBy(p => p.Number)
        .Select(p => new PatentRow(p.Number, p.Title, p.Type, p.HolderCreditCode, p.ApplicationDate, p.GrantDate, p.Status, p.IsSynthetic));

    private static IQueryable<TrademarkRow> Project(IQueryable<Trademark> query) => query.OrderBy(t => t.RegistrationNumber)
        .Select(t => new TrademarkRow(t.RegistrationNumber, t.MarkName, t.Classes, t.HolderCreditCode, t.RegistrationDate, t.ExpiryDate, t.Status, t.IsSynthetic));

    private static IQueryable<PledgeRow> Project(IQueryable<IpPledge> query) => query.OrderByDescending(p => p.RegistrationDate).ThenBy(p => p.Key)
        .Select(p => new PledgeRow(p.CreditCode, p.Bank, p.AmountWan, p.RegistrationDate, p.TermEndDate, p.Pledged, p.IsSynthetic));

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
