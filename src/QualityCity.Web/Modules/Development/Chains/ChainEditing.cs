using Microsoft.EntityFrameworkCore;
using QualityCity.Domain.Registry;
using QualityCity.Web.Data;
using QualityCity.Web.Hosting;
using QualityCity.Web.Modules.Development.Commissioners;
using QualityCity.Web.Modules.Development.Imports;

namespace QualityCity.Web.Modules.Development.Chains;

/// <summary>A firm placed in a link by hand, as the chain page's editing list shows it.</summary>
public sealed record ChainMemberView(long Id, string LinkCode, string CreditCode, string Name, bool LeadingFirm);

/// <summary>
/// What the administrator and the coordinator keep of a chain by hand (DEV-4, 链长制): the chain
/// leader, the firms placed in a link beside those the registry places by industry (and which of them
/// are leading firms, 链主), and the projects with their status. Each change is refused naming the
/// field when a value is missing or out of place; the chain and the link must exist.
/// </summary>
public sealed class ChainEditing(QualityCityDbContext db, PlatformClock clock)
{
    public static readonly IReadOnlyList<string> ProjectStatuses = ["sought", "signed", "building", "done"];

    public async Task<IReadOnlyList<ChainMemberView>> MembersAsync(string chain, CancellationToken cancellationToken) =>
        [.. (await db.ChainMembers.AsNoTracking().Where(m => m.ChainCode == chain)
            .Join(db.MarketEntities, m => m.CreditCode, e => e.CreditCode, (m, e) => new { m.Id, m.LinkCode, m.CreditCode, e.Name, m.LeadingFirm })
            .ToListAsync(cancellationToken))
            .OrderBy(m => m.LinkCode, StringComparer.Ordinal).ThenBy(m => m.Id).Select(m => new ChainMemberView(m.Id, m.LinkCode, m.CreditCode, m.Name, m.LeadingFirm))];

    public async Task<ServiceChange> SetLeaderAsync(string chain, string? name, string? title, CancellationToken cancellationToken)
    {
        if (!await db.IndustryChains.AnyAsync(c => c.Code == chain, cancellationToken))
        {
            return ServiceChange.Missing;
        }

        (name, title) = (name?.Trim(), title?.Trim());
        if (string.IsNullOrEmpty(name) || name.Length > 50)
        {
            return ServiceChange.Refused("leaderName", "链长姓名必填，最多 50 字 — the leader's name is required, at most 50 characters");
        }

        if (string.IsNullOrEmpty(title) || title.Length > 100)
        {
            return ServiceChange.Refused("leaderTitle", "链长职务必填，最多 100 字 — the leader's post is required, at most 100 characters");
        }

        var leadership = await db.ChainLeaderships.FirstOrDefaultAsync(l => l.ChainCode == chain, cancellationToken);
        if (leadership is null)
        {
            db.ChainLeaderships.Add(new ChainLeadership { ChainCode = chain, LeaderName = name, LeaderTitle = title, UpdatedAtUtc = clock.UtcNow });
        }
        else
        {
            (leadership.LeaderName, leadership.LeaderTitle, leadership.UpdatedAtUtc) = (name, title, clock.UtcNow);
        }

        await db.SaveChangesAsync(cancellationToken);
        return ServiceChange.Ok;
    }

    /// <summary>Places a firm in a link, or changes whether it is a leading firm when it is already there.</summary>
    public async Task<ServiceChange> PlaceAsync(string chain, string? link, string? creditCode, bool leadingFirm, string actor, CancellationToken cancellationToken)
    {
        if (!await db.IndustryChains.AnyAsync(c => c.Code == chain, cancellationToken))
        {
            return ServiceChange.Missing;
        }

        if (string.IsNullOrWhiteSpace(link) || !await db.IndustryChainLinks.AnyAsync(l => l.ChainCode == chain && l.Link == link, cancellationToken))
        {
            return ServiceChange.Refused("link", "请选择本链的一个环节 — choose a link of this chain");
        }

        var code = CreditCode.Check(creditCode ?? string.Empty);
        if (!code.IsAcceptable)
        {
            return ServiceChange.Refused("creditCode", $"{code.ReasonZh} — {code.Reason}");
        }

        if (!await db.MarketEntities.AnyAsync(e => e.CreditCode == code.Code, cancellationToken))
        {
            return ServiceChange.Refused("creditCode", ImportRows.UnknownEnterprise);
        }

        var member = await db.ChainMembers.FirstOrDefaultAsync(m => m.ChainCode == chain && m.LinkCode == link && m.CreditCode == code.Code, cancellationToken);
        if (member is null)
        {
            db.ChainMembers.Add(new ChainMember
            {
                ChainCode = chain, LinkCode = link, CreditCode = code.Code, LeadingFirm = leadingFirm, AddedBy = actor, AddedAtUtc = clock.UtcNow,
            });
        }
        else
        {
            member.LeadingFirm = leadingFirm;
        }

        await db.SaveChangesAsync(cancellationToken);
        return ServiceChange.Ok;
    }

    /// <summary>Takes a hand-placed firm out of its link; a firm the registry places by industry stays where its industry puts it.</summary>
    public async Task<ServiceChange> RemoveAsync(string chain, long member, CancellationToken cancellationToken)
    {
        var row = await db.ChainMembers.FirstOrDefaultAsync(m => m.Id == member && m.ChainCode == chain, cancellationToken);
        if (row is null)
        {
            return ServiceChange.Missing;
        }

        db.ChainMembers.Remove(row);
        await db.SaveChangesAsync(cancellationToken);
        return ServiceChange.Ok;
    }

    public async Task<ServiceChange> AddProjectAsync(string chain, string? link, string? name, decimal? investmentWan, string? status, int? year,
        CancellationToken cancellationToken)
    {
        if (!await db.IndustryChains.AnyAsync(c => c.Code == chain, cancellationToken))
        {
            return ServiceChange.Missing;
        }

        if (string.IsNullOrWhiteSpace(link) || !await db.IndustryChainLinks.AnyAsync(l => l.ChainCode == chain && l.Link == link, cancellationToken))
        {
            return ServiceChange.Refused("link", "请选择本链的一个环节 — choose a link of this chain");
        }

        name = name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 200)
        {
            return ServiceChange.Refused("name", "项目名称必填，最多 200 字 — the project's name is required, at most 200 characters");
        }

        if (investmentWan is not { } investment || investment < 0 || investment > 100_000_000)
        {
            return ServiceChange.Refused("investmentWan", "投资额（万元）必填，0 到 100,000,000 万元 — the investment in 10,000 yuan is required, 0 to 100,000,000");
        }

        if (status is null || !ProjectStatuses.Contains(status))
        {
            return ServiceChange.Refused("status", "状态应为 sought、signed、building 或 done — the status must be sought, signed, building or done");
        }

        if (year is not { } y || y < 2000 || y > clock.Today.Year + 10)
        {
            return ServiceChange.Refused("year", "年度应在 2000 年到十年后之间 — the year must be from 2000 to ten years ahead");
        }

        db.ChainProjects.Add(new ChainProject { ChainCode = chain, LinkCode = link, Name = name, InvestmentWan = investment, Status = status, Year = y });
        await db.SaveChangesAsync(cancellationToken);
        return ServiceChange.Ok;
    }

    public async Task<ServiceChange> ProjectStatusAsync(string chain, long project, string? status, CancellationToken cancellationToken)
    {
        var row = await db.ChainProjects.FirstOrDefaultAsync(p => p.Id == project && p.ChainCode == chain, cancellationToken);
        if (row is null)
        {
            return ServiceChange.Missing;
        }

        if (status is null || !ProjectStatuses.Contains(status))
        {
            return ServiceChange.Refused("status", "状态应为 sought、signed、building 或 done — the status must be sought, signed, building or done");
        }

        row.Status = status;
        await db.SaveChangesAsync(cancellationToken);
        return ServiceChange.Ok;
    }
}
