using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Data;
using QualityCity.Web.Hosting;
using QualityCity.Web.Localization;

namespace QualityCity.Web.Modules.PublicVoice.Triage;

/// <summary>A routing rule as the API reads and writes it; patterns are "*", a prefix ending in "*", or an exact value.</summary>
public sealed record VoiceRoutingRuleRequest(string? Name, string? Category, string? County, string? Industry, string? Department, bool? Fallback, int? Sort);

/// <summary>A stored routing rule.</summary>
public sealed record VoiceRoutingRuleView(long Id, int Sort, string Name, string Category, string County, string Industry, string Department, bool Fallback);

/// <summary>The administrator's routing rules: checked field by field, saved through the audited save.</summary>
public sealed partial class VoiceRoutingRuleWork(QualityCityDbContext db, Text text, PlatformClock clock)
{
    public async Task<IReadOnlyList<VoiceRoutingRuleView>> ListAsync(CancellationToken cancellationToken) =>
        await db.VoiceRoutingRules.AsNoTracking().OrderBy(r => r.Sort).ThenBy(r => r.Id)
            .Select(r => new VoiceRoutingRuleView(r.Id, r.Sort, r.Name, r.Category, r.CountyCode, r.Industry, r.Department, r.Fallback))
            .ToListAsync(cancellationToken);

    /// <summary>Adds a rule (<paramref name="id"/> null) or changes one; 404 for an unknown id.</summary>
    public async Task<WorkResult> SaveAsync(long? id, VoiceRoutingRuleRequest request, string actor, CancellationToken cancellationToken)
    {
        VoiceRoutingRule? rule = null;
        if (id is not null && (rule = await db.VoiceRoutingRules.FirstOrDefaultAsync(r => r.Id == id, cancellationToken)) is null)
        {
            return WorkResult.NotFound;
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var name = request.Name?.Trim() ?? string.Empty;
        if (name.Length is 0 or > 100)
        {
            errors["name"] = [text["请填写规则名称（不超过 100 字）"]];
        }

        var category = Pattern(request.Category);
        if (category != "*" && !category.EndsWith('*') && !await db.VoiceCategories.AnyAsync(c => c.Code == category, cancellationToken))
        {
            errors["category"] = [text["没有这个诉求分类（填分类代码，或以 * 结尾的前缀，或 *）"]];
        }

        var county = Pattern(request.County);
        if (county != "*" && !CountyPattern().IsMatch(county))
        {
            errors["county"] = [text["县区填 6 位代码、以 * 结尾的代码前缀或 *"]];
        }

        var industry = Pattern(request.Industry);
        if (industry != "*" && !IndustryPattern().IsMatch(industry))
        {
            errors["industry"] = [text["行业填国民经济行业代码（1–4 位数字，可以 * 结尾）或 *"]];
        }

        var department = request.Department?.Trim() ?? string.Empty;
        if (department.Length == 0 || !await db.Departments.AnyAsync(d => d.Code == department, cancellationToken))
        {
            errors["department"] = [text["没有这个部门"]];
        }

        if (request.Sort is < 0 or > 1_000_000)
        {
            errors["sort"] = [text["顺序填 0 到 1000000 之间的整数"]];
        }

        if (errors.Count > 0)
        {
            return WorkResult.Invalid(errors);
        }

        if (rule is null)
        {
            rule = new VoiceRoutingRule { Name = name, Department = department };
            db.VoiceRoutingRules.Add(rule);
        }

        rule.Name = name;
        rule.Category = category;
        rule.CountyCode = county;
        rule.Industry = industry;
        rule.Department = department;
        rule.Fallback = request.Fallback ?? false;
        rule.Sort = request.Sort ?? rule.Sort;
        rule.UpdatedAtUtc = clock.UtcNow;
        db.Actor = actor;
        await db.SaveChangesAsync(cancellationToken);
        return WorkResult.Ok(new VoiceRoutingRuleView(rule.Id, rule.Sort, rule.Name, rule.Category, rule.CountyCode, rule.Industry, rule.Department, rule.Fallback));
    }

    public async Task<bool> DeleteAsync(long id, string actor, CancellationToken cancellationToken)
    {
        var rule = await db.VoiceRoutingRules.FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (rule is null)
        {
            return false;
        }

        db.Actor = actor;
        db.VoiceRoutingRules.Remove(rule);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    private static string Pattern(string? value) => string.IsNullOrWhiteSpace(value) ? "*" : value.Trim();

    [GeneratedRegex(@"^\d{1,6}\*$|^\d{6}$")]
    private static partial Regex CountyPattern();

    [GeneratedRegex(@"^\d{1,4}\*?$")]
    private static partial Regex IndustryPattern();
}
