using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using QualityCity.Domain.PublicVoice;
using Xunit.Abstractions;

namespace QualityCity.Domain.Tests.PublicVoice;

/// <summary>Duplicate suggestions measured over every pair of the duplicate corpus, plus the rules of eligibility.</summary>
public sealed class DuplicateFinderTests(ITestOutputHelper output)
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    private static DuplicateFinder Finder(DuplicateFinderOptions? options = null) =>
        new(options, TriageCorpus.RoutingTraining().Select(r => r.Text));

    [Fact]
    public void Precision_and_recall_over_all_pairs_of_the_corpus_clear_the_bar()
    {
        var rows = TriageCorpus.Duplicates();
        var finder = Finder();
        var (precision, recall, report) = Evaluate(rows, finder);
        output.WriteLine(report);
        output.WriteLine($"precision {precision:F3} recall {recall:F3}");
        Assert.True(precision >= 0.9, $"precision {precision:F3}");
        Assert.True(recall >= 0.8, $"recall {recall:F3}");
    }

    [Fact]
    public void Precision_and_recall_on_the_separately_written_operator_style_pairs_clear_the_bar()
    {
        var (precision, recall, report) = Evaluate(TriageCorpus.DuplicatesHeldOut(), Finder());
        output.WriteLine(report);
        output.WriteLine($"precision {precision:F3} recall {recall:F3}");
        Assert.True(precision >= 0.8, $"precision {precision:F3}");
        Assert.True(recall >= 0.7, $"recall {recall:F3}");
    }

    private static DuplicateCheckItem Item(string id, string text, string county = "371502", int day = 1, string? address = null, string? creditCode = null, string? enterprise = null) =>
        new(id, text, county, new DateTimeOffset(2026, 11, day, 10, 0, 0, China), address, creditCode, enterprise);

    [Fact]
    public void The_same_problem_in_other_words_at_the_same_shop_is_suggested()
    {
        var earlier = Item("a", "在好又多超市卖过期牛奶，要求处理");
        var later = Item("b", "举报好又多超市出售已过保质期的奶", day: 2);

        var candidate = Assert.Single(Finder().Find(later, [earlier]));

        Assert.Equal("a", candidate.Id);
        Assert.Contains("好又多", candidate.SharedPlaces);
        Assert.Contains("expired", candidate.SharedProblems);
        Assert.InRange(candidate.Similarity, 0.45, 1);
    }

    [Fact]
    public void Another_problem_at_the_same_shop_is_not_suggested()
    {
        var expired = Item("a", "在好又多超市买的牛奶过期了");
        var shortWeight = Item("b", "好又多超市卖肉缺斤短两，三斤只有两斤半", day: 2);

        Assert.Empty(Finder().Find(shortWeight, [expired]));
    }

    [Fact]
    public void The_same_problem_at_another_shop_of_the_same_street_is_not_suggested()
    {
        var one = Item("a", "柳园路好又多超市卖过期牛奶", address: "柳园路128号");
        var other = Item("b", "柳园路家家乐超市卖过期牛奶", day: 2, address: "柳园路96号");

        Assert.Empty(Finder().Find(other, [one]));
    }

    [Fact]
    public void Two_branches_of_one_chain_are_different_shops_but_the_brand_alone_matches_either()
    {
        var one = Item("a", "奶茶里喝出一只虫子", enterprise: "蜜雪冰城汇鑫店");
        var branch = Item("b", "买的奶茶里面有虫子", day: 2, enterprise: "蜜雪冰城人民路店");
        var brandOnly = Item("c", "在蜜雪冰城买的奶茶喝出了虫子", day: 2);

        Assert.Empty(Finder().Find(branch, [one]));
        Assert.Equal(["a"], Finder().Find(brandOnly, [one]).Select(c => c.Id));
    }

    [Fact]
    public void Only_items_of_the_same_county_within_the_window_are_compared()
    {
        var item = Item("new", "好又多超市卖过期牛奶", day: 20);
        var sameWeek = Item("a", "好又多超市的牛奶过期了还在卖", day: 14);
        var tooEarly = Item("b", "好又多超市的牛奶过期了还在卖", day: 12);
        var otherCounty = Item("c", "好又多超市的牛奶过期了还在卖", county: "371581", day: 19);

        Assert.Equal(["a"], Finder().Find(item, [tooEarly, otherCounty, sameWeek]).Select(c => c.Id));
        Assert.Equal(["a", "b"], Finder(new DuplicateFinderOptions { Window = TimeSpan.FromDays(10) }).Find(item, [tooEarly, otherCounty, sameWeek]).Select(c => c.Id).Order());
        Assert.Empty(Finder().Find(item, [item]));
    }

    [Fact]
    public void Credit_codes_decide_the_place_when_both_items_have_one()
    {
        var one = Item("a", "这家店卖过期牛奶", creditCode: "91371502MA3C123456");
        var same = Item("b", "店里的牛奶都过期了", day: 2, creditCode: "91371502ma3c123456");
        var other = Item("c", "店里的牛奶都过期了", day: 2, creditCode: "91371502MA3C999999");

        Assert.Equal(1, Finder().Score(same, [one]).Single().PlaceSimilarity);
        Assert.Equal(0, Finder().Score(other, [one]).Single().PlaceSimilarity);
        Assert.Empty(Finder().Find(other, [one]));
    }

    [Fact]
    public void Scores_are_in_the_unit_interval_best_first_and_repeatable()
    {
        var rows = TriageCorpus.Duplicates();
        var item = rows[^1].Item;
        var first = Finder().Score(item, rows.Select(r => r.Item));
        var second = Finder().Score(item, rows.Select(r => r.Item));

        Assert.Equal(first, second, (x, y) => x.Id == y.Id && x.Similarity == y.Similarity);
        Assert.All(first, c => Assert.InRange(c.Similarity, 0, 1));
        Assert.Equal(first.Select(c => c.Similarity).OrderDescending(), first.Select(c => c.Similarity));
    }

    [Property(MaxTest = 200)]
    public Property Any_pair_of_corpus_messages_scores_in_the_unit_interval_and_never_across_counties_or_the_window()
    {
        var rows = TriageCorpus.Duplicates().Concat(TriageCorpus.DuplicatesHeldOut()).Select(r => r.Item).ToList();
        var finder = new DuplicateFinder();
        var pairs = Gen.Choose(0, rows.Count - 1).Two().ToArbitrary();
        return Prop.ForAll(pairs, pair =>
        {
            var (a, b) = (rows[pair.Item1], rows[pair.Item2]);
            var scored = finder.Score(a, [b]);
            var eligible = a.Id != b.Id && a.CountyCode == b.CountyCode && (a.ReceivedAt - b.ReceivedAt).Duration() <= finder.Options.Window;
            return scored.Count == (eligible ? 1 : 0)
                && scored.All(c => c.Similarity is >= 0 and <= 1 && c.PlaceSimilarity is >= 0 and <= 1 && c.ProblemSimilarity is >= 0 and <= 1);
        });
    }

    internal static (double Precision, double Recall, string Report) Evaluate(IReadOnlyList<DuplicateRow> rows, DuplicateFinder finder)
    {
        var groupOf = rows.ToDictionary(r => r.Item.Id, r => r.Group);
        var truePositives = 0;
        var falsePositives = 0;
        var falseNegatives = 0;
        var report = new System.Text.StringBuilder();
        foreach (var row in rows)
        {
            // Each item looks back at the items received before it, as at intake.
            var earlier = rows.Where(r => r.Item.ReceivedAt < row.Item.ReceivedAt).Select(r => r.Item).ToList();
            var scored = finder.Score(row.Item, earlier);
            var found = scored.Where(c => c.Similarity >= finder.Options.Threshold).Select(c => c.Id).ToHashSet();
            foreach (var other in earlier)
            {
                var duplicate = groupOf[other.Id] == row.Group;
                var suggested = found.Contains(other.Id);
                if (duplicate && suggested)
                {
                    truePositives++;
                }
                else if (suggested)
                {
                    falsePositives++;
                }
                else if (duplicate)
                {
                    falseNegatives++;
                }

                if (duplicate != suggested || (!duplicate && scored.FirstOrDefault(c => c.Id == other.Id)?.Similarity >= 0.3))
                {
                    var score = scored.FirstOrDefault(c => c.Id == other.Id);
                    report.AppendLine($"{(duplicate ? "MISSED" : suggested ? "WRONG" : "near")} {row.Item.Id}~{other.Id} sim {score?.Similarity:F3} place {score?.PlaceSimilarity:F3} problem {score?.ProblemSimilarity:F3} [{string.Join(",", score?.SharedPlaces ?? [])}] [{string.Join(",", score?.SharedProblems ?? [])}]");
                }
            }
        }

        var precision = truePositives + falsePositives == 0 ? 1 : (double)truePositives / (truePositives + falsePositives);
        var recall = truePositives + falseNegatives == 0 ? 1 : (double)truePositives / (truePositives + falseNegatives);
        report.AppendLine($"tp {truePositives} fp {falsePositives} fn {falseNegatives}");
        return (precision, recall, report.ToString());
    }
}
