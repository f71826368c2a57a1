using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using QualityCity.Domain.PublicVoice;
using QualityCity.Web.Data;
using QualityCity.Web.Localization;
using QualityCity.Web.Modules.Registry.Contracts;

namespace QualityCity.Web.Modules.PublicVoice.Triage;

/// <summary>Another item that is probably the same problem at the same place, with what both mention.</summary>
public sealed record VoiceDuplicateView(string TrackingCode, double Similarity, IReadOnlyList<string> SharedPlaces, IReadOnlyList<string> SharedProblems);

/// <summary>What the side-by-side view shows of a duplicate candidate (staff only).</summary>
public sealed record VoiceItemBrief(string TrackingCode, string State, DateTime ReceivedAtUtc, string? Address, string? EntityName, string Description);

/// <summary>The department suggested for an item and why; staff may always choose another.</summary>
/// <param name="Source">rule (a specific routing rule), classifier (learned from past dispatches), category_default (the category's usual department) or none.</param>
/// <param name="Confidence">1 for a rule, the classifier's probability, 0 otherwise.</param>
/// <param name="SimilarItems">For the classifier: the tracking codes of the most similar past items.</param>
public sealed record VoiceDepartmentSuggestion(string? Code, string? Name, string Source, string Reason, double Confidence, IReadOnlyList<string> SimilarItems);

/// <summary>
/// Triage suggestions for one item (VOX-3): duplicate candidates and the department. Suggestions
/// only: merging and dispatching stay with staff (ADR 0032).
/// </summary>
public sealed class VoiceTriage(QualityCityDbContext db, VoiceLabels labels, Text text, IEntityNameLookup registry, VoiceRoutingModels models,
    IOptions<VoiceTriageOptions> options)
{
    private static readonly string[] NotCandidates = ["rejected", "merged"];

    /// <summary>
    /// Items of the same county received within the window either side, neither rejected nor merged
    /// into another (a merged item is represented by its target), scored by the domain's finder; read
    /// through the (county, received) index and bounded to the nearest <see cref="VoiceTriageOptions.DuplicateMaxCompared"/>.
    /// </summary>
    /// <param name="onlyDepartment">For a department reader: only items dispatched to that department, so that no other item's existence shows.</param>
    public async Task<IReadOnlyList<VoiceDuplicateView>> DuplicatesAsync(VoiceItem item, string? onlyDepartment, CancellationToken cancellationToken)
    {
        if (item.State is "rejected" or "merged")
        {
            return [];
        }

        var settings = options.Value;
        var finderOptions = settings.DuplicateOptions();
        var from = item.ReceivedAtUtc - finderOptions.Window;
        var to = item.ReceivedAtUtc + finderOptions.Window;
        var query = db.VoiceItems.AsNoTracking()
            .Where(i => i.CountyCode == item.CountyCode && i.ReceivedAtUtc >= from && i.ReceivedAtUtc <= to && i.Id != item.Id && !NotCandidates.Contains(i.State));
        if (onlyDepartment is not null)
        {
            query = query.Where(i => i.AssignedDepartment == onlyDepartment);
        }

        // The nearest in time on each side when the window is crowded (a flood of calls about one
        // event): two index range reads, each stopping after its share.
        var half = Math.Max(1, settings.DuplicateMaxCompared / 2);
        var before = await query.Where(i => i.ReceivedAtUtc <= item.ReceivedAtUtc).OrderByDescending(i => i.ReceivedAtUtc).Take(half)
            .Select(i => new { i.TrackingCode, i.Description, i.CountyCode, i.ReceivedAtUtc, i.Address, i.CreditCode, i.EntityName, i.Kind })
            .ToListAsync(cancellationToken);
        var after = await query.Where(i => i.ReceivedAtUtc > item.ReceivedAtUtc).OrderBy(i => i.ReceivedAtUtc).Take(half)
            .Select(i => new { i.TrackingCode, i.Description, i.CountyCode, i.ReceivedAtUtc, i.Address, i.CreditCode, i.EntityName, i.Kind })
            .ToListAsync(cancellationToken);
        var candidates = before.Concat(after)
            .Select(r => CheckItem(r.TrackingCode, r.Description, r.CountyCode, r.ReceivedAtUtc, r.Address, r.CreditCode, r.EntityName, r.Kind)).ToList();
        if (candidates.Count == 0)
        {
            return [];
        }

        var finder = new DuplicateFinder(finderOptions);
        return finder.Find(CheckItem(item.TrackingCode, item.Description, item.CountyCode, item.ReceivedAtUtc, item.Address, item.CreditCode, item.EntityName, item.Kind),
                candidates)
            .Select(c => new VoiceDuplicateView(c.Id, Math.Round(c.Similarity, 3), c.SharedPlaces, c.SharedProblems)).ToList();
    }

    /// <summary>The candidates' texts for the side-by-side view; the codes come from <see cref="DuplicatesAsync"/>, already cut to what the reader may see.</summary>
    public async Task<IReadOnlyDictionary<string, VoiceItemBrief>> BriefsAsync(IReadOnlyList<string> codes, CancellationToken cancellationToken) =>
        codes.Count == 0
            ? new Dictionary<string, VoiceItemBrief>()
            : await db.VoiceItems.AsNoTracking().Where(i => codes.Contains(i.TrackingCode))
                .Select(i => new VoiceItemBrief(i.TrackingCode, i.State, i.ReceivedAtUtc, i.Address, i.EntityName, i.Description))
                .ToDictionaryAsync(b => b.TrackingCode, StringComparer.Ordinal, cancellationToken);

    internal static DuplicateCheckItem CheckItem(string code, string text, string county, DateTime receivedUtc, string? address, string? creditCode, string? entityName,
        string kind) =>
        new(code, text, county, new DateTimeOffset(DateTime.SpecifyKind(receivedUtc, DateTimeKind.Utc)), address, creditCode, entityName,
            VoiceCodes.ParseKind(kind) ?? VoiceItemKind.Complaint);

    /// <summary>
    /// The department for an item: a specific rule that matches; else the classifier when it is sure
    /// enough; else a fallback rule or the category's usual department; else (a category with none)
    /// the classifier's best guess however unsure.
    /// </summary>
    public async Task<VoiceDepartmentSuggestion> SuggestAsync(VoiceItem item, CancellationToken cancellationToken)
    {
        var rules = await db.VoiceRoutingRules.AsNoTracking().OrderBy(r => r.Sort).ThenBy(r => r.Id).ToListAsync(cancellationToken);
        var industry = item.CreditCode is { Length: > 0 } creditCode ? await registry.IndustryOfAsync(creditCode, cancellationToken) : null;
        var context = new RoutingContext(item.Description, item.CategoryCode, item.CountyCode, industry);
        var departments = (await labels.DepartmentsAsync(cancellationToken)).ToDictionary(d => d.Code, d => d.Name, StringComparer.Ordinal);
        string? Name(string? code) => code is null ? null : departments.GetValueOrDefault(code, code);

        var specific = new RoutingRules(rules.Where(r => !r.Fallback).Select(DomainRule));
        var classifier = await models.CurrentAsync(cancellationToken);
        var suggestion = new DepartmentRouter(specific, classifier).Suggest(context);
        if (suggestion is { Source: RoutingSource.Rule, Rule: { } rule })
        {
            return new VoiceDepartmentSuggestion(rule.Department, Name(rule.Department), "rule", text.Format("路由规则“{0}”", rule.Name), 1, []);
        }

        var learned = suggestion is { Source: RoutingSource.Classifier, Prediction: { } prediction }
            ? new VoiceDepartmentSuggestion(prediction.Department, Name(prediction.Department), "classifier",
                text.Format("按以往派单学习：把握 {0:0%}，最相似的以往诉求 {1}", prediction.Confidence, string.Join("、", prediction.SimilarOrders.Select(o => o.Id))),
                Math.Round(prediction.Confidence, 3), prediction.SimilarOrders.Select(o => o.Id).ToList())
            : null;
        if (learned is not null && learned.Confidence >= options.Value.ClassifierThreshold)
        {
            return learned;
        }

        if (new RoutingRules(rules.Where(r => r.Fallback).Select(DomainRule)).Match(context) is { } fallback)
        {
            return new VoiceDepartmentSuggestion(fallback.Department, Name(fallback.Department), "category_default", text.Format("路由规则“{0}”", fallback.Name), 0, []);
        }

        if (await labels.DefaultDepartmentAsync(item.CategoryCode, cancellationToken) is { } usual)
        {
            return new VoiceDepartmentSuggestion(usual, Name(usual), "category_default", text["该分类的常用承办部门"], 0, []);
        }

        // A category with no usual department (其他): the model's best guess, unsure as it is, says more than nothing.
        if (learned is not null)
        {
            return learned;
        }

        return new VoiceDepartmentSuggestion(null, null, "none", text["没有可依据的规则或以往派单"], 0, []);
    }

    internal static RoutingRule DomainRule(VoiceRoutingRule r) => new(r.Name, r.Department, r.Category, r.CountyCode, r.Industry);
}
