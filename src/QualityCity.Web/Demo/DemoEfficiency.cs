using QualityCity.Domain.Common;
using QualityCity.Domain.Development;
using QualityCity.Web.Modules.Development.Efficiency;

namespace QualityCity.Web.Demo;

/// <summary>
/// The demo's per-mu figures (DEV-3), in the units of the efficiency file: each firm keeps its land,
/// its intensity of revenue per mu, its tax and value-added rates, its energy and emissions per
/// 万元 (heavier in metals, chemicals, paper and building materials) from year to year, with revenue
/// moving by up to 15% a year. A firm is 规上 in a year when its revenue reaches 2,000 万元, so the
/// registry's flag decides the size it starts from and mostly its category; a handful of small
/// firms on less than 3 mu fall outside the Huai'an formula's scope.
/// </summary>
internal static class DemoEfficiency
{
    /// <summary>GB/T 4754 divisions of energy-intensive manufacturing: paper, coking, chemicals, fibres, building materials, ferrous and non-ferrous metals.</summary>
    private static readonly HashSet<string> HeavyDivisions = new(["22", "25", "26", "28", "30", "31", "32"], StringComparer.Ordinal);

    private const double AboveScaleRevenue = 2_000;

    public static Dictionary<string, Dictionary<int, EfficiencyFigures>> Generate(SplitMix64 random, List<DemoFirm> firms, List<int> years, IReadOnlySet<string> accounts,
        DateTime now)
    {
        var result = new Dictionary<string, Dictionary<int, EfficiencyFigures>>(StringComparer.Ordinal);
        if (years.Count == 0)
        {
            return result;
        }

        var small = firms.Where(f => !f.AboveScale && !accounts.Contains(f.CreditCode)).Select(f => f.CreditCode).ToList();
        var tiny = DemoDevelopment.Shuffled(random, small).Take(Math.Max(3, small.Count / 100)).ToHashSet(StringComparer.Ordinal);
        foreach (var firm in firms)
        {
            var account = accounts.Contains(firm.CreditCode);
            var own = account && firm.LegalPerson;
            var heavy = HeavyDivisions.Contains(firm.Division);
            double land, revenue;
            if (own)
            {
                // The demo accounts' firms: mid-sized 规上 firms on plenty of land, whatever the registry drew (unless one is an individual business).
                land = 80 + (random.NextDouble() * 60);
                revenue = land * 70 * Spread(random, 0.2);
            }
            else if (tiny.Contains(firm.CreditCode))
            {
                land = 0.8 + (random.NextDouble() * 2.1);
                revenue = Math.Min(land * 60 * Spread(random, 0.6), 900);
            }
            else if (firm.AboveScale)
            {
                land = 10 + (390 * Cube(random.NextDouble()));
                revenue = Math.Max(land * 180 * Spread(random, 0.7), 2_100 + (random.NextDouble() * 3_000));
            }
            else
            {
                land = 3 + (37 * Square(random.NextDouble()));
                revenue = Math.Max(30, Math.Min(land * 45 * Spread(random, 0.7), 600 + (random.NextDouble() * 1_300)));
            }

            var taxRate = 0.02 + (random.NextDouble() * 0.06);
            var valueAddedRate = 0.15 + (random.NextDouble() * 0.15);
            var energyRate = heavy ? 0.15 + (random.NextDouble() * 0.85) : 0.01 + (random.NextDouble() * 0.11); // tce per 万元
            var emissionRate = random.Chance(0.08) ? 0 : heavy ? 0.0008 + (random.NextDouble() * 0.0052) : 0.00005 + (random.NextDouble() * 0.00075);
            var productivity = firm.AboveScale || own ? 60 + (random.NextDouble() * 140) : 20 + (random.NextDouble() * 60); // 万元 per employee
            var rdRate = random.Chance(firm.AboveScale || own ? 0.05 : 0.35) ? 0 : (firm.AboveScale || own ? 0.06 : 0.04) * PowerOneAndHalf(random.NextDouble());
            // Revenue moves by up to 15% a year; the 规上 firms, like the city's industry, mostly grow.
            var growthFloor = firm.AboveScale || own ? 0.95 : 0.85;
            var rows = new Dictionary<int, EfficiencyFigures>();
            for (var i = 0; i < years.Count; i++)
            {
                if (i > 0)
                {
                    revenue *= growthFloor + (random.NextDouble() * (1.15 - growthFloor));
                    taxRate = Math.Clamp(taxRate * Drift(random, 0.1), 0.02, 0.08);
                    valueAddedRate = Math.Clamp(valueAddedRate * Drift(random, 0.1), 0.15, 0.30);
                    energyRate *= Drift(random, 0.08);
                    emissionRate *= Drift(random, 0.1);
                    productivity *= Drift(random, 0.08);
                    rdRate = Math.Min(0.06, rdRate * Drift(random, 0.15));
                    if (random.Chance(0.05) && !tiny.Contains(firm.CreditCode))
                    {
                        land *= 1.1 + (random.NextDouble() * 0.4); // a new workshop
                    }
                }

                if (!account && firm.EstablishedOn is { } founded && founded.Year > years[i])
                {
                    continue;
                }

                if (tiny.Contains(firm.CreditCode))
                {
                    revenue = Math.Min(revenue, 1_500);
                }

                // A loss-making year now and then: a negative value added.
                var valueAdded = random.Chance(0.015) ? -revenue * (0.01 + (random.NextDouble() * 0.04)) : revenue * valueAddedRate;
                rows[years[i]] = new EfficiencyFigures
                {
                    CreditCode = firm.CreditCode, Year = years[i], LandMu = Round(land, 1), Revenue = Round(revenue, 2), Tax = Round(revenue * taxRate, 2),
                    ValueAdded = Round(valueAdded, 2), EnergyTce = Math.Max(1, Round(revenue * energyRate, 1)),
                    EmissionsT = emissionRate == 0 ? 0 : Math.Max(0.01m, Round(revenue * emissionRate, 3)),
                    Employees = Math.Max(3, Round(revenue / productivity, 0)), RdSpend = Round(revenue * rdRate, 2),
                    AboveScale = own || revenue >= AboveScaleRevenue, UpdatedAtUtc = now,
                };
            }

            if (rows.Count > 0)
            {
                result[firm.CreditCode] = rows;
            }
        }

        return result;
    }

    /// <summary>
    /// Puts one firm in class B of <paramref name="year"/> under <paramref name="formula"/>, so that its
    /// page has a next class to reach: when it is elsewhere, its revenue, tax, value added, R&amp;D and staff
    /// of every year are scaled by one factor (land and energy stay), which scales its total alike,
    /// towards the total 40% down the ranking; again if the benchmarks, which its year before shares
    /// in, moved it out.
    /// </summary>
    public static void PlaceInClassB(PerMuFormula formula, Dictionary<string, Dictionary<int, EfficiencyFigures>> figures, string creditCode, int year)
    {
        var own = figures[creditCode];
        var others = figures.Where(f => f.Key != creditCode).SelectMany(f => f.Value.Values).Where(f => f.Year == year || f.Year == year - 1).Select(f => f.ToRow()).ToList();
        for (var attempt = 0; attempt < 6; attempt++)
        {
            var results = PerMuEvaluation.Evaluate(formula, [.. others, .. own.Values.Select(f => f.ToRow())], year);
            var mine = results.FirstOrDefault(r => r.CreditCode == creditCode);
            if (mine is null || mine.Class is "B" || results.Count < 5)
            {
                return;
            }

            var target = results[results.Count * 2 / 5].Total;
            if (mine.Total <= 0 || target <= 0)
            {
                return;
            }

            var factor = target / mine.Total;
            foreach (var row in own.Values)
            {
                row.Revenue = Math.Round(row.Revenue * factor, 2);
                row.Tax = Math.Round(row.Tax * factor, 2);
                row.ValueAdded = Math.Round(row.ValueAdded * factor, 2);
                row.RdSpend = Math.Round(row.RdSpend * factor, 2);
                row.Employees = Math.Max(3, Math.Round(row.Employees * factor, 0));
            }
        }
    }

    private static decimal Round(double value, int decimals) => Math.Round((decimal)value, decimals);

    private static double Drift(SplitMix64 random, double most) => 1 - most + (random.NextDouble() * 2 * most);

    /// <summary>
    /// A skewed factor around 1 (the product of two uniform ones, 1 ± <paramref name="width"/> each):
    /// arithmetic only, so that the same seed gives the same figures on every platform.
    /// </summary>
    private static double Spread(SplitMix64 random, double width) =>
        (1 - width + (2 * width * random.NextDouble())) * (1 - width + (2 * width * random.NextDouble()));

    private static double Square(double u) => u * u;

    private static double Cube(double u) => u * u * u;

    private static double PowerOneAndHalf(double u) => u * Math.Sqrt(u);
}
