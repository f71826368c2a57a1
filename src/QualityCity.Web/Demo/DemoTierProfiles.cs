using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using QualityCity.Domain.Common;
using QualityCity.Domain.Development;
using QualityCity.Web.Modules.Development.Efficiency;

namespace QualityCity.Web.Demo;

/// <summary>A programme firm's tier inputs as stored, and the tier the ladder check gives them.</summary>
internal sealed record DemoTierProfile(string CreditCode, string ValuesJson, string Tier);

/// <summary>
/// The programme's tier profiles (DEV-1): values of every field of the criteria version, drawn for a
/// tier aimed at — about 35% none, 35% 创新型, 20% 专精特新, 10% 小巨人, the higher tiers among the
/// firms big enough for their R&amp;D conditions (and for 小巨人 growing enough), revenue and growth
/// taken from the per-mu figures — and checked with the ladder itself, drawing again until the check
/// gives that tier. Nearly half are drawn one condition short of their next tier (the
/// next tier's values with one of its conditions broken), so that "what is missing" is one line. The
/// R&amp;D figures of the last two years are written back into the per-mu figures, so both agree (and
/// the earlier years' brought near them).
/// </summary>
internal sealed class DemoTierProfiles(TierCriteria criteria, SplitMix64 random, DateOnly today)
{
    /// <summary>The ladder's tier ids by level (1 to 3).</summary>
    public static readonly IReadOnlyList<string> TierIds = ["innovative", "specialised", "little_giant"];

    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly string[] NoneBreakers = ["eligible", "score_innovation", "score_growth", "score_specialisation", "score_total"];

    private static readonly string[] InnovativeBreakers = ["niche_years", "rd_ratio", "rd_ratio", "score_or_direct"];

    private static readonly string[] SpecialisedBreakers =
    [
        "niche_years", "main_revenue_share", "info_system", "mgmt_certified", "debt_ratio", "market_share", "market_share",
        "own_brand", "rd_intensity", "rd_intensity", "rd_institution", "ip_class1", "chain_key_link", "priority_field",
    ];

    /// <summary>The levels of research institution drawn for each level aimed at (none … 小巨人), as often as listed.</summary>
    private static readonly string[][] Institutions =
    [
        ["below_city", "none", "none", "none", "none"],
        ["city", "city", "below_city", "below_city", "below_city", "none", "none", "none", "none", "none"],
        ["provincial", "provincial", "provincial", "city", "city", "city", "city", "below_city", "below_city", "none"],
        ["national", "provincial", "provincial", "provincial", "city", "city"],
    ];

    /// <summary>
    /// What a firm's profile is drawn around: its revenue of the last two years (for the R&amp;D figures),
    /// its growth as the per-mu figures show it (主营业务收入 moves a little apart from 营业收入), its age.
    /// </summary>
    private sealed record Facts(decimal Revenue1, decimal Revenue2, decimal Growth1, decimal GrowthAvg2, int Age, bool LegalPerson);

    public List<DemoTierProfile> Make(List<DemoFirm> programme, Dictionary<string, Dictionary<int, EfficiencyFigures>> figures, int lastYear, string? cable, string? bearing)
    {
        var facts = programme.ToDictionary(f => f.CreditCode, f =>
        {
            var rows = figures[f.CreditCode];
            var revenue1 = rows[lastYear].Revenue;
            var revenue2 = rows.TryGetValue(lastYear - 1, out var before) ? before.Revenue : Math.Round(revenue1 / 1.08m, 2);
            var growth1 = Growth(revenue1, revenue2);
            var growth2 = rows.TryGetValue(lastYear - 2, out var earlier) ? Growth(revenue2, earlier.Revenue) : growth1;
            return new Facts(revenue1, revenue2, Math.Round(growth1 + Number(-2, 2), 1), Math.Round(((growth1 + growth2) / 2) + Number(-1.5, 1.5), 1),
                f.EstablishedOn is { } founded ? today.Year - founded.Year : 10, f.LegalPerson);
        }, StringComparer.Ordinal);

        var levels = Levels(programme, facts, cable, bearing);
        var profiles = new List<DemoTierProfile>(programme.Count);
        foreach (var firm in programme)
        {
            var fact = facts[firm.CreditCode];
            var (values, outcome) = firm.CreditCode == cable ? OneShortOfSpecialised(fact)
                : Attempt(levels[firm.CreditCode], firm.CreditCode == bearing || random.Chance(0.45), fact);
            var rdSpend1 = (decimal)values["rd_spend_y1"];
            var rows = figures[firm.CreditCode];
            rows[lastYear].RdSpend = rdSpend1;
            if (rows.TryGetValue(lastYear - 1, out var before))
            {
                before.RdSpend = (decimal)values["rd_spend_2y"] - rdSpend1;
            }

            // Earlier years near the ratio of the year before last, so that the series does not jump.
            foreach (var earlier in rows.Values.Where(r => r.Year < lastYear - 1))
            {
                earlier.RdSpend = Math.Round(earlier.Revenue * (decimal)values["rd_ratio_y2"] * Number(0.8, 1.1, 2) / 100, 2);
            }

            profiles.Add(new DemoTierProfile(firm.CreditCode, JsonSerializer.Serialize(Texts(values), Json), outcome.Tier));
        }

        return profiles;
    }

    /// <summary>
    /// The level each firm is drawn for: 10% 小巨人 among firms of 5,000 万元 or more that grew 5% a
    /// year (conditions no other value makes up for), 20% 专精特新 among those of 1,700 万元 or more,
    /// 35% 创新型, the rest (and any firm that is not a legal person) none.
    /// </summary>
    private Dictionary<string, int> Levels(List<DemoFirm> programme, Dictionary<string, Facts> facts, string? cable, string? bearing)
    {
        var levels = new Dictionary<string, int>(StringComparer.Ordinal);
        var n = programme.Count;
        // Firms still to be drawn for each level (none, 创新型, 专精特新, 小巨人).
        int[] left = [n, n * 35 / 100, n / 5, n / 10];
        void Take(string creditCode, int level)
        {
            levels[creditCode] = level;
            left[level]--;
        }

        if (cable is not null && facts.ContainsKey(cable))
        {
            Take(cable, 1);
        }

        if (bearing is not null && facts.ContainsKey(bearing))
        {
            Take(bearing, !facts[bearing].LegalPerson ? 0 : facts[bearing].Revenue1 >= 1_700 ? 2 : 1);
        }

        foreach (var firm in DemoDevelopment.Shuffled(random, programme.Where(f => !levels.ContainsKey(f.CreditCode)).ToList()))
        {
            var fact = facts[firm.CreditCode];
            Take(firm.CreditCode, !fact.LegalPerson ? 0
                : left[3] > 0 && fact.Revenue1 >= 5_000 && fact.GrowthAvg2 >= 5 ? 3
                : left[2] > 0 && fact.Revenue1 >= 1_700 ? 2
                : left[1] > 0 ? 1 : 0);
        }

        return levels;
    }

    /// <summary>Values that the ladder gives <paramref name="level"/>, one condition short of the next tier when <paramref name="near"/> and that can be had.</summary>
    private (Dictionary<string, object> Values, TierOutcome Outcome) Attempt(int level, bool near, Facts facts)
    {
        var wanted = level == 0 ? "none" : TierIds[level - 1];
        (Dictionary<string, object>, TierOutcome) last = default;
        for (var attempt = 0; attempt < 60; attempt++)
        {
            var short1 = near && level < 3 && attempt < 40;
            var values = short1 ? OneShort(level, facts) : Draw(level, facts);
            var outcome = Check(values);
            last = (values, outcome);
            if (outcome.Tier == wanted && (!short1 || outcome.Unmet.Count == 1))
            {
                return last;
            }
        }

        return last;
    }

    /// <summary>The enterprise account's firm: 创新型, its R&amp;D ratio (2.4%) below 专精特新's 3%, preferably the one thing missing.</summary>
    private (Dictionary<string, object> Values, TierOutcome Outcome) OneShortOfSpecialised(Facts facts)
    {
        (Dictionary<string, object>, TierOutcome) last = default;
        for (var attempt = 0; attempt < 60; attempt++)
        {
            var values = Draw(2, facts);
            SetRd(values, facts, 2.4m, Number(2.0, 2.8));
            var outcome = Check(values);
            last = (values, outcome);
            if (outcome.Tier == "innovative" && outcome.NextTier == "specialised" && outcome.Unmet.Any(c => c.Id == "rd_ratio")
                && outcome.Unmet.Count <= (attempt < 40 ? 1 : 2))
            {
                return last;
            }
        }

        return last;
    }

    private TierOutcome Check(Dictionary<string, object> values) =>
        TierCheck.Check(criteria, TierInput.Read(criteria, Texts(values).ToDictionary(v => v.Key, v => (string?)v.Value, StringComparer.Ordinal)));

    /// <summary>Every field of the version as text: 是/否, invariant numbers, named values.</summary>
    private Dictionary<string, string> Texts(Dictionary<string, object> values)
    {
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in criteria.Fields.Values)
        {
            texts[field.Id] = values.GetValueOrDefault(field.Id) switch
            {
                bool yes => yes ? "是" : "否",
                decimal number when field.Type == TierFieldType.WholeNumber => decimal.Truncate(number).ToString(CultureInfo.InvariantCulture),
                decimal number => number.ToString("0.##", CultureInfo.InvariantCulture),
                string named => named,
                _ => field.Type switch { TierFieldType.Bool => "否", TierFieldType.Named => "none", _ => "0" },
            };
        }

        return texts;
    }

    /// <summary>
    /// Values aimed at <paramref name="level"/> (0 none … 3 小巨人): each the kind of figure a firm of
    /// that tier reports, with the shortcuts (直通条件) rare and never below 创新型.
    /// </summary>
    private Dictionary<string, object> Draw(int level, Facts facts)
    {
        var v = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            // 中小企业 of the criteria are legal persons: an individual business is never eligible.
            ["eligible"] = facts.LegalPerson && (level >= 1 || random.Chance(0.93)),
            ["niche_years"] = (decimal)Math.Min(level >= 3 ? random.Next(4, 21) : level == 2 ? random.Next(3, 16) : random.Next(1, 13), Math.Max(facts.Age, level + 1)),
            ["revenue_y1"] = facts.Revenue1,
            ["main_revenue_share_y1"] = level switch { >= 3 => Number(80, 100), 2 => Number(72, 100), 1 => Number(70, 100), _ => Number(40, 100) },
            ["main_revenue_growth_y1"] = facts.Growth1,
            ["main_revenue_growth_avg2"] = facts.GrowthAvg2,
            ["debt_ratio_y1"] = level switch { >= 2 => Number(25, 60), 1 => Number(30, 68), _ => Number(30, 85) },
            ["net_profit_margin_y1"] = level switch { >= 2 => Number(5, 15), 1 => Number(2, 12), _ => Number(-5, 10) },
            ["rd_staff_ratio_y1"] = level switch { >= 2 => Number(10, 35), 1 => Number(5, 20), _ => Number(0, 10) },
            ["strategic_emerging"] = random.Chance(level switch { >= 2 => 0.6, 1 => 0.4, _ => 0.15 }),
            ["product_field"] = Named(level switch { >= 2 => (0.5, 0.4), 1 => (0.2, 0.3), _ => (0.05, 0.15) }, "key_link", "six_basics"),
            ["digital_level"] = (decimal)(level switch { >= 2 => random.Next(2, 5), 1 => random.Next(1, 4), _ => random.Next(1, 3) }),
            ["quality_award"] = level >= 2 && random.Chance(0.15),
            ["iso9001"] = random.Chance(level >= 1 ? 0.9 : 0.5),
            ["own_brand"] = level >= 3 || random.Chance(level switch { 2 => 0.75, 1 => 0.6, _ => 0.4 }),
            ["standards_made"] = random.Chance(level >= 2 ? 0.5 : 0.1),
            ["local_feature_score"] = level switch { >= 2 => Number(8, 15), 1 => Number(3, 10), _ => Number(0, 6) },
            ["honour_valid"] = level switch { >= 2 => random.Chance(0.7), 1 => random.Chance(0.3), _ => false },
            ["national_award_rank_3y"] = (decimal)(level >= 3 && random.Chance(0.05) ? random.Next(1, 4) : 0),
            ["provincial_award_rank_3y"] = (decimal)(level >= 2 && random.Chance(0.15) ? random.Next(1, 6) : 0),
            ["makers_china_rank_3y"] = (decimal)(level >= 2 && random.Chance(0.05) ? random.Next(100, 501) : 0),
            ["info_system"] = level >= 3 || random.Chance(level switch { 2 => 0.8, 1 => 0.55, _ => 0.35 }),
            ["mgmt_certified"] = level >= 3 || random.Chance(level switch { 2 => 0.7, 1 => 0.45, _ => 0.25 }),
            ["market_share_national"] = level switch { >= 3 => Number(10, 35), 2 => Number(1, 12), _ => Number(0, 5) },
            ["chain_key_link"] = level >= 3 || random.Chance(level switch { 2 => 0.55, 1 => 0.25, _ => 0.1 }),
            ["priority_field"] = level >= 3 || random.Chance(level switch { 2 => 0.6, 1 => 0.3, _ => 0.15 }),
        };
        v["rd_institution"] = random.Pick(Institutions[Math.Min(level, 3)]);
        if (level >= 1 && facts.Growth1 < 5)
        {
            v["honour_valid"] = true; // a firm that did not grow reaches 创新型 by a shortcut, most often as a 高新技术企业
        }

        // 创新型 needs no equity; a 3-year total of 500 万元 is one of its shortcuts, kept from the firms drawn for none.
        var equity2 = level >= 2 && random.Chance(0.15) ? Number(300, 3_000, 0) : level == 1 && random.Chance(0.1) ? Number(100, 450, 0) : 0m;
        v["equity_financing_2y"] = equity2;
        v["equity_financing_3y"] = level == 0 ? (random.Chance(0.05) ? Number(50, 400, 0) : 0m) : equity2 + (random.Chance(0.2) ? Number(0, 400, 0) : 0m);

        var highValue = level switch { >= 3 => random.Next(1, 6), 2 => random.Chance(0.5) ? random.Next(1, 4) : 0, 1 => random.Chance(0.3) ? 1 : 0, _ => 0 };
        var own = level switch { >= 3 => random.Next(2, 11), 2 => random.Next(1, 9), 1 => random.Next(1, 5), _ => random.Chance(0.3) ? 1 : 0 };
        SetIp(v, highValue, own, Math.Max(highValue, own) + random.Next(0, 4), level >= 1 ? random.Next(2, 30) : random.Next(0, 12));

        switch (level)
        {
            case >= 3:
                var floor = facts.Revenue1 >= 10_000 ? 3.2 : 6.2;
                SetRd(v, facts, Number(floor, floor + 3.5), Number(floor, floor + 3.5));
                break;
            case 2:
                // At least 3% and at least 100 万元; a firm too small for both at 9% keeps a plausible ratio and lacks the 100 万元.
                var least = Math.Max(3.1, (double)(10_000 / Math.Max(facts.Revenue1, 1)) + 0.1);
                var r1 = least > 9 ? Number(3.1, 6) : Number(least, Math.Max(least + 0.5, 7));
                SetRd(v, facts, r1, Number(2.5, 7));
                break;
            case 1:
                var ratio = random.Chance(0.7) ? Number(1.0, 2.9) : Number(3.0, 4.5);
                SetRd(v, facts, ratio, Math.Max(0, ratio + Number(-0.8, 0.8)));
                break;
            default:
                SetRd(v, facts, random.Chance(0.4) ? 0 : Number(0.2, 2.5), random.Chance(0.4) ? 0 : Number(0.2, 2.5));
                break;
        }

        return v;
    }

    /// <summary>The next tier's values with one of its conditions broken, in a way the tier aimed at does not notice.</summary>
    private Dictionary<string, object> OneShort(int level, Facts facts)
    {
        var v = Draw(level + 1, facts);
        switch (level)
        {
            case 0:
                // None of 创新型's shortcuts, so that its scores decide.
                (v["honour_valid"], v["equity_financing_3y"], v["provincial_award_rank_3y"], v["national_award_rank_3y"]) = (false, 0m, 0m, 0m);
                if (v["rd_institution"] is "national" or "provincial")
                {
                    v["rd_institution"] = "city";
                }

                switch (random.Pick(NoneBreakers))
                {
                    case "eligible":
                        v["eligible"] = false;
                        break;
                    case "score_innovation":
                        SetIp(v, 0, 1, 1, (decimal)v["ip_class2"]);
                        SetRd(v, facts, Number(0, 0.9), Number(0, 1.5));
                        break;
                    case "score_growth":
                        v["debt_ratio_y1"] = Number(56, 75); // short of 15 when the firm grew less than 5%
                        break;
                    case "score_specialisation":
                        (v["main_revenue_share_y1"], v["strategic_emerging"]) = (Number(50, 54.9), false);
                        break;
                    default:
                        // Each group at its least, the total short of 60: innovation 20, growth 15 (its growth's points and the debt's
                        // making up the rest), specialisation 20 (15 when growth brings 20).
                        SetIp(v, 0, 0, 1, (decimal)v["ip_class2"]);
                        SetRd(v, facts, Number(2.0, 2.9), Number(1.5, 3));
                        var growthPoints = facts.Growth1 switch { >= 15 => 20, >= 10 => 15, >= 5 => 10, >= 0 => 5, _ => 0 };
                        v["debt_ratio_y1"] = growthPoints switch { >= 15 => Number(76, 85), 10 => Number(56, 75), _ => Number(30, 55) };
                        (v["main_revenue_share_y1"], v["strategic_emerging"]) = (Number(55, 59.9), growthPoints < 20);
                        break;
                }

                break;
            case 1 when (decimal)v["rd_spend_y1"] < 100:
                break; // a small firm: the 100 万元 of R&D is what it lacks
            case 1:
                switch (random.Pick(InnovativeBreakers))
                {
                    case "niche_years":
                        v["niche_years"] = 1m;
                        break;
                    case "rd_ratio":
                        SetRd(v, facts, Number(2.0, 2.9), (decimal)v["rd_ratio_y2"]);
                        break;
                    default:
                        // The points short of 60, and none of the shortcuts.
                        (v["local_feature_score"], v["digital_level"], v["product_field"], v["rd_institution"]) = (Number(0, 3), 1m, "none", "below_city");
                        (v["quality_award"], v["standards_made"], v["own_brand"]) = (false, false, false);
                        (v["rd_staff_ratio_y1"], v["net_profit_margin_y1"]) = (Number(0, 4.9), Number(0, 3.9));
                        (v["provincial_award_rank_3y"], v["national_award_rank_3y"], v["makers_china_rank_3y"], v["equity_financing_2y"]) = (0m, 0m, 0m, 0m);
                        break;
                }

                break;
            case 2 when (decimal)v["main_revenue_growth_avg2"] < 5 || facts.Revenue1 < 5_000:
                break; // what the firm lacks is its growth or its size, which its figures say
            default:
                switch (random.Pick(SpecialisedBreakers))
                {
                    case "niche_years":
                        v["niche_years"] = 2m;
                        break;
                    case "main_revenue_share":
                        v["main_revenue_share_y1"] = Number(60, 69.9);
                        break;
                    case "debt_ratio":
                        v["debt_ratio_y1"] = Number(70.1, 75);
                        break;
                    case "market_share":
                        v["market_share_national"] = Number(2, 9.9);
                        break;
                    case "rd_intensity":
                        SetRd(v, facts, (decimal)v["rd_ratio_y1"], facts.Revenue1 >= 10_000 ? Number(2.0, 2.9) : Number(3.2, 5.9));
                        break;
                    case "rd_institution":
                        v["rd_institution"] = "none";
                        break;
                    case "ip_class1":
                        SetIp(v, random.Next(0, 2), 1, 1, (decimal)v["ip_class2"]);
                        break;
                    case var flag:
                        v[flag] = false; // info_system, mgmt_certified, own_brand, chain_key_link, priority_field
                        break;
                }

                break;
        }

        return v;
    }

    private static decimal Growth(decimal now, decimal before) => before > 0 ? ((now / before) - 1) * 100 : 0;

    private static void SetIp(Dictionary<string, object> v, decimal highValue, decimal own, decimal all, decimal class2) =>
        (v["ip_class1_high_value"], v["ip_class1_own"], v["ip_class1"], v["ip_class2"]) = (highValue, own, all, class2);

    /// <summary>The R&amp;D ratios (percent) of the last two years and the spending they make of the revenue.</summary>
    private static void SetRd(Dictionary<string, object> v, Facts facts, decimal ratio1, decimal ratio2)
    {
        var spend1 = Math.Round(facts.Revenue1 * ratio1 / 100, 2);
        var spend2 = Math.Round(facts.Revenue2 * ratio2 / 100, 2);
        (v["rd_ratio_y1"], v["rd_ratio_y2"], v["rd_spend_y1"], v["rd_spend_2y"]) = (ratio1, ratio2, spend1, spend1 + spend2);
    }

    private decimal Number(double low, double high, int decimals = 1) => Math.Round((decimal)(low + (random.NextDouble() * (high - low))), decimals);

    private string Named((double First, double Second) chances, string first, string second)
    {
        var roll = random.NextDouble();
        return roll < chances.First ? first : roll < chances.First + chances.Second ? second : "none";
    }
}
