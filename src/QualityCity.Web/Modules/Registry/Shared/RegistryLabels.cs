using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Data;
using QualityCity.Web.Localization;
using QualityCity.Web.Modules.Registry.Contracts;

namespace QualityCity.Web.Modules.Registry.Shared;

/// <summary>Names for the codes a registry page shows (counties, industries, chains, grades, statuses).</summary>
public sealed class RegistryLabels(QualityCityDbContext db, Text text)
{
    private Dictionary<string, string> _counties = [];
    private Dictionary<string, string> _industries = [];
    private Dictionary<string, (string Name, string NameEn)> _chains = [];
    private Dictionary<string, string> _townships = [];

    public IReadOnlyList<(string Code, string Name)> Counties { get; private set; } = [];
    public IReadOnlyList<(string Code, string Name)> Industries { get; private set; } = [];
    public IReadOnlyList<(string Code, string Name, string NameEn)> Chains { get; private set; } = [];

    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        var regions = await db.Regions.AsNoTracking()
            .Where(r => (r.Level == "county" && r.ParentCode == "3715") || (r.Level == "township" && r.ParentCode!.StartsWith("3715")))
            .ToListAsync(cancellationToken);
        _counties = regions.Where(r => r.Level == "county").ToDictionary(r => r.Code, r => r.Name);
        _townships = regions.Where(r => r.Level == "township").ToDictionary(r => r.Code, r => r.Name);
        Counties = _counties.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => (c.Key, c.Value)).ToList();
        var industries = await db.Industries.AsNoTracking().OrderBy(i => i.Code).ToListAsync(cancellationToken);
        _industries = industries.ToDictionary(i => i.Code, i => Text.IsEnglish ? i.NameEn : i.Name);
        Industries = industries.Select(i => (i.Code, Text.IsEnglish ? i.NameEn : i.Name)).ToList();
        var chains = await db.IndustryChains.AsNoTracking().OrderBy(c => c.Sort).ToListAsync(cancellationToken);
        _chains = chains.ToDictionary(c => c.Code, c => (c.Name, c.NameEn));
        Chains = chains.Select(c => (c.Code, c.Name, c.NameEn)).ToList();
    }

    public string CountyName(string? code) => code is not null && _counties.TryGetValue(code, out var n) ? n : code ?? string.Empty;
    public string TownshipName(string? code) => code is not null && _townships.TryGetValue(code, out var n) ? n : code ?? string.Empty;
    public string IndustryName(string? code) => code is not null && _industries.TryGetValue(code, out var n) ? n : string.Empty;

    public string ChainName(string? code) =>
        code is not null && _chains.TryGetValue(code, out var c) ? (Text.IsEnglish ? c.NameEn : c.Name) : string.Empty;

    public string GradeLabel(string? grade) => grade switch
    {
        RiskGrades.Red => text["红"],
        RiskGrades.Yellow => text["黄"],
        RiskGrades.Green => text["绿"],
        _ => text["未分级"],
    };

    public string StatusLabel(string status) => status switch
    {
        EntityStatus.Cancelled => text["注销"],
        EntityStatus.Revoked => text["吊销"],
        _ => text["存续"],
    };

    public string CategoryLabel(string category) => category switch
    {
        "Enterprise" => text["企业"],
        "IndividualBusiness" => text["个体工商户"],
        "FarmersCooperative" => text["农民专业合作社"],
        "PublicInstitution" => text["机关、事业单位"],
        "SocialOrganisation" => text["社会组织"],
        _ => text["其他"],
    };
}
