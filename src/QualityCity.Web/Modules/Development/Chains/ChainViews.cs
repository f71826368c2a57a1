using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using QualityCity.Domain.Common;
using QualityCity.Web.Data;
using QualityCity.Web.Hosting;
using QualityCity.Web.Localization;
using QualityCity.Web.Modules.Development.Efficiency;
using QualityCity.Web.Modules.PublicVoice.Contracts;
using QualityCity.Web.Modules.Quality.Contracts;
using QualityCity.Web.Modules.ReferenceData.Contracts;
using QualityCity.Web.Modules.Registry.Contracts;

namespace QualityCity.Web.Modules.Development.Chains;

/// <summary>A firm of a link: from the registry by industry, or placed by hand; its efficiency class of the latest year, when evaluated.</summary>
public sealed record ChainFirm(string CreditCode, string Name, string LinkCode, bool ByHand, bool LeadingFirm, string? EfficiencyClass, decimal? Total);

/// <summary>A link with its local firms: how many in all, and the first of them by efficiency (the leading and hand-placed first).</summary>
public sealed record ChainLinkView(IndustryChainLink Link, string Name, int FirmCount, IReadOnlyList<ChainFirm> Firms)
{
    /// <summary>A gap for investment attraction: few or no local firms.</summary>
    public bool IsGap => FirmCount <= ChainViews.GapFirms;
}

/// <summary>
/// An open problem of the chain: from the quality problem list (<c>quality</c>), a complaint or report
/// about a firm still being handled (<c>voice</c>: its category and tracking code, never the
/// submitter's words), or raised by a firm with its commissioner (<c>commissioner</c>).
/// </summary>
public sealed record ChainProblem(string Source, string Subject, string Detail, string? CreditCode, bool Escalated);

/// <summary>The chain map and its N lists (1张图谱 + N张清单).</summary>
public sealed record ChainMap(IndustryChain Chain, ChainLeadership? Leader, IReadOnlyList<ChainLinkView> Links, IReadOnlyList<ChainFirm> KeyFirms,
    IReadOnlyList<ChainProject> Projects, IReadOnlyList<ChainProblem> Problems, int? EfficiencyYear)
{
    public IEnumerable<ChainLinkView> Gaps => Links.Where(l => l.IsGap);
}

/// <summary>One chain on the list of chains.</summary>
public sealed record ChainSummary(IndustryChain Chain, string? Leader, int Links, int Firms, int Gaps, int Projects);

/// <summary>
/// Industry chains (DEV-4): each chain's links upstream → midstream → downstream with the local firms
/// of each — by the registry's industry and chain, and placed by hand — the chain leader and leading
/// firms, and the lists: key enterprises, projects, gaps to fill by investment attraction (links with
/// at most <see cref="GapFirms"/> local firms) and open problems.
/// </summary>
public sealed class ChainViews(QualityCityDbContext db, EfficiencyReport efficiency, IIndustryQualityProblems quality, IEnterpriseVoice voice, PlatformClock clock)
{
    /// <summary>A link with this many local firms or fewer is a gap for investment attraction.</summary>
    public const int GapFirms = 2;

    /// <summary>Firms listed per link on the page (the count covers all).</summary>
    public const int FirmsShown = 12;

    /// <summary>Key enterprises listed: leading firms, then the best by efficiency class and score.</summary>
    public const int KeyFirmsShown = 30;

    public static readonly IReadOnlyList<string> Stages = ["upstream", "midstream", "downstream"];

    public async Task<IReadOnlyList<ChainSummary>> ChainsAsync(CancellationToken cancellationToken)
    {
        var chains = await db.IndustryChains.AsNoTracking().OrderBy(c => c.Sort).ToListAsync(cancellationToken);
        var links = await db.IndustryChainLinks.AsNoTracking().ToListAsync(cancellationToken);
        var leaders = await db.ChainLeaderships.AsNoTracking().ToDictionaryAsync(l => l.ChainCode, l => l.LeaderName, cancellationToken);
        var counts = await FirmCountsAsync(null, cancellationToken);
        var projects = await db.ChainProjects.AsNoTracking().GroupBy(p => p.ChainCode).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        return [.. chains.Select(c =>
        {
            var own = links.Where(l => l.ChainCode == c.Code).ToList();
            var firms = own.Select(l => counts.GetValueOrDefault((c.Code, l.Link))).ToList();
            return new ChainSummary(c, leaders.GetValueOrDefault(c.Code), own.Count, firms.Sum(), firms.Count(f => f <= GapFirms), projects.GetValueOrDefault(c.Code));
        })];
    }

    public async Task<ChainMap?> MapAsync(string code, CancellationToken cancellationToken)
    {
        var chain = await db.IndustryChains.AsNoTracking().FirstOrDefaultAsync(c => c.Code == code, cancellationToken);
        if (chain is null)
        {
            return null;
        }

        var links = await db.IndustryChainLinks.AsNoTracking().Where(l => l.ChainCode == code).OrderBy(l => l.Id).ToListAsync(cancellationToken);
        var industries = links.Select(l => l.IndustryCode).Distinct().ToList();
        var byIndustry = await db.MarketEntities.AsNoTracking()
            .Where(e => e.ChainCode == code && e.Status == EntityStatus.Active && e.IndustryCode != null && industries.Contains(e.IndustryCode))
            .Select(e => new { e.CreditCode, e.Name, e.IndustryCode }).ToListAsync(cancellationToken);
        var members = await db.ChainMembers.AsNoTracking().Where(m => m.ChainCode == code).ToListAsync(cancellationToken);
        var memberCodes = members.Select(m => m.CreditCode).ToList();
        var memberNames = await db.MarketEntities.AsNoTracking().Where(e => memberCodes.Contains(e.CreditCode))
            .ToDictionaryAsync(e => e.CreditCode, e => e.Name, StringComparer.Ordinal, cancellationToken);

        var years = await efficiency.YearsAsync(cancellationToken);
        var results = new Dictionary<string, EfficiencyReportRow>(StringComparer.Ordinal);
        int? year = null;
        if (years.Count > 0 && await efficiency.EvaluateAsync(years[0], cancellationToken) is { Refusal: null } evaluated)
        {
            year = evaluated.Year;
            foreach (var row in evaluated.Rows)
            {
                results[row.CreditCode] = row;
            }
        }

        ChainFirm Firm(string creditCode, string name, string link, bool byHand, bool leading) =>
            new(creditCode, name, link, byHand, leading, results.GetValueOrDefault(creditCode)?.Result.Class, results.GetValueOrDefault(creditCode)?.Result.Total);

        var views = new List<ChainLinkView>(links.Count);
        var all = new List<ChainFirm>();
        foreach (var link in links)
        {
            var firms = members.Where(m => m.LinkCode == link.Link)
                .Select(m => Firm(m.CreditCode, memberNames.GetValueOrDefault(m.CreditCode, m.CreditCode), link.Link, true, m.LeadingFirm))
                .ToList();
            var placed = firms.Select(f => f.CreditCode).ToHashSet(StringComparer.Ordinal);
            firms.AddRange(byIndustry.Where(e => e.IndustryCode == link.IndustryCode && !placed.Contains(e.CreditCode))
                .Select(e => Firm(e.CreditCode, e.Name, link.Link, false, members.Any(m => m.CreditCode == e.CreditCode && m.LeadingFirm))));
            var ordered = firms.OrderByDescending(f => f.LeadingFirm).ThenByDescending(f => f.ByHand).ThenByDescending(f => f.Total ?? decimal.MinValue)
                .ThenBy(f => f.CreditCode, StringComparer.Ordinal).ToList();
            all.AddRange(ordered);
            views.Add(new ChainLinkView(link, link.Link, ordered.Count, [.. ordered.Take(FirmsShown)]));
        }

        var keyFirms = all.Where(f => f.LeadingFirm || f.EfficiencyClass == "A").DistinctBy(f => f.CreditCode)
            .OrderByDescending(f => f.LeadingFirm).ThenByDescending(f => f.Total ?? decimal.MinValue).Take(KeyFirmsShown).ToList();
        var projects = await db.ChainProjects.AsNoTracking().Where(p => p.ChainCode == code).OrderByDescending(p => p.Year).ThenByDescending(p => p.InvestmentWan)
            .ToListAsync(cancellationToken);
        var leader = await db.ChainLeaderships.AsNoTracking().FirstOrDefaultAsync(l => l.ChainCode == code, cancellationToken);
        return new ChainMap(chain, leader, views, keyFirms, projects, await ProblemsAsync(code, all, cancellationToken), year);
    }

    /// <summary>The lists as a workbook, one sheet each; text cells neutralised against formulas.</summary>
    public static MemoryStream Excel(ChainMap map)
    {
        var stages = new Dictionary<string, string>(StringComparer.Ordinal) { ["upstream"] = "上游", ["midstream"] = "中游", ["downstream"] = "下游" };
        var links = map.Links.Select(l => Row(new()
        {
            ["环节 link"] = l.Name, ["位置 stage"] = stages.GetValueOrDefault(l.Link.Stage, l.Link.Stage), ["行业代码 industry"] = l.Link.IndustryCode,
            ["本地企业数 local firms"] = l.FirmCount, ["招商缺口 gap"] = l.IsGap ? "是" : "否",
        })).ToList();
        var firms = map.KeyFirms.Select(f => Row(new()
        {
            ["统一社会信用代码 credit code"] = f.CreditCode, ["企业名称 name"] = f.Name, ["环节 link"] = f.LinkCode, ["链主 leading firm"] = f.LeadingFirm ? "是" : "否",
            ["亩均效益类别 class"] = f.EfficiencyClass, ["总分 total score"] = f.Total,
        })).ToList();
        var projects = map.Projects.Select(p => Row(new()
        {
            ["项目 project"] = p.Name, ["环节 link"] = p.LinkCode, ["投资（万元） investment (10,000 yuan)"] = p.InvestmentWan, ["状态 status"] = p.Status, ["年度 year"] = p.Year,
        })).ToList();
        var gaps = map.Gaps.Select(l => Row(new()
        {
            ["环节 link"] = l.Name, ["位置 stage"] = stages.GetValueOrDefault(l.Link.Stage, l.Link.Stage), ["行业代码 industry"] = l.Link.IndustryCode, ["本地企业数 local firms"] = l.FirmCount,
        })).ToList();
        var problems = map.Problems.Select(p => Row(new()
        {
            ["来源 source"] = p.Source, ["问题 problem"] = p.Subject, ["说明 detail"] = p.Detail, ["统一社会信用代码 credit code"] = p.CreditCode, ["已升级 escalated"] = p.Escalated ? "是" : "否",
        })).ToList();
        var stream = new MemoryStream();
        stream.SaveAs(new Dictionary<string, object>
        {
            ["环节 links"] = links, ["重点企业 key firms"] = firms, ["项目 projects"] = projects, ["招商缺口 gaps"] = gaps, ["问题 problems"] = problems,
        });
        stream.Position = 0;
        return stream;

        static Dictionary<string, object?> Row(Dictionary<string, object?> cells) => SpreadsheetCell.NeutraliseRow(cells);
    }

    private async Task<Dictionary<(string Chain, string Link), int>> FirmCountsAsync(string? chain, CancellationToken cancellationToken)
    {
        var links = await db.IndustryChainLinks.AsNoTracking().Where(l => chain == null || l.ChainCode == chain).ToListAsync(cancellationToken);
        var byIndustry = await db.MarketEntities.AsNoTracking()
            .Where(e => e.ChainCode != null && e.IndustryCode != null && e.Status == EntityStatus.Active && (chain == null || e.ChainCode == chain))
            .GroupBy(e => new { e.ChainCode, e.IndustryCode }).Select(g => new { g.Key.ChainCode, g.Key.IndustryCode, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var members = await db.ChainMembers.AsNoTracking().Where(m => chain == null || m.ChainCode == chain)
            .Select(m => new { m.ChainCode, m.LinkCode, m.CreditCode }).ToListAsync(cancellationToken);
        var counts = new Dictionary<(string, string), int>();
        foreach (var link in links)
        {
            // Hand-placed firms of another industry add to the registry's count; those of the link's own industry are in it already.
            var registry = byIndustry.FirstOrDefault(b => b.ChainCode == link.ChainCode && b.IndustryCode == link.IndustryCode)?.Count ?? 0;
            counts[(link.ChainCode, link.Link)] = registry + members.Count(m => m.ChainCode == link.ChainCode && m.LinkCode == link.Link);
        }

        return counts;
    }

    private async Task<IReadOnlyList<ChainProblem>> ProblemsAsync(string code, List<ChainFirm> firms, CancellationToken cancellationToken)
    {
        var problems = new List<ChainProblem>();
        foreach (var p in await quality.ForIndustryAsync(code, clock.Today.Year, cancellationToken))
        {
            problems.Add(new ChainProblem("quality", p.TestItem ?? p.County ?? p.Kind,
                string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{p.Failed}/{p.Tested} ({p.Rate:P1} vs {p.IndustryRate:P1}){(p.HasPlan ? "" : " · 尚无提升方案 no plan yet")}"), null, false));
        }

        var codes = firms.Select(f => f.CreditCode).Distinct().ToList();
        var today = clock.Today;
        foreach (var chunk in codes.Chunk(1000))
        {
            foreach (var p in await db.EnterpriseProblems.AsNoTracking().Where(p => chunk.Contains(p.CreditCode) && p.Status != "solved").ToListAsync(cancellationToken))
            {
                problems.Add(new ChainProblem("commissioner", p.Title, p.Detail, p.CreditCode, p.DueOn is { } due && due < today));
            }
        }

        foreach (var item in await voice.OpenAboutAsync(codes, cancellationToken))
        {
            problems.Add(new ChainProblem("voice", Text.IsEnglish ? item.CategoryEn : item.Category,
                string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{item.TrackingCode} · {item.ReceivedOn:yyyy-MM-dd}"), item.CreditCode, item.Escalated));
        }

        return problems;
    }
}
