using System.Text;
using QualityCity.Domain.Registry;
using QualityCity.Web.Cli;

namespace QualityCity.Web.Tests.Cli;

/// <summary><c>efficiency evaluate</c> and <c>tiers check</c> on files (DEV-3, DEV-1): result files, row reports, refusals.</summary>
public sealed class DevelopmentVerbsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("qc-development-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>A valid credit code ending in <paramref name="n"/>.</summary>
    private static string Code(int n)
    {
        var first17 = "91371500" + n.ToString("D9", System.Globalization.CultureInfo.InvariantCulture);
        return first17 + CreditCode.ComputeCheckCharacter(first17);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text, new UTF8Encoding(true));
        return path;
    }

    private static async Task<(int Exit, string Output, string Error)> Run(params string[] args)
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        var exit = await CommandLine.RunAsync(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    private const string Rules = """
        {"id":"test","scope":{"above_scale":{"min_land_mu":0},"below_scale":null},
         "scoring":{"method":"ratio_to_benchmark","min_score":0,"max_weight_multiple":null},
         "indicators":[
           {"id":"tax_per_mu","numerator":"tax","denominator":"land_mu","weight":60,"benchmark":{"type":"fixed","value":10},"on_zero_denominator":"zero"},
           {"id":"va_per_energy","numerator":"value_added","denominator":"energy_tce","weight":40,"benchmark":{"type":"fixed","value":2},"on_zero_denominator":"mean_score"}],
         "classes":[{"class":"A","top_percent":25},{"class":"B","top_percent":70},{"class":"C","top_percent":95},{"class":"D","top_percent":100}]}
        """;

    [Fact]
    public async Task Efficiency_evaluate_writes_scores_classes_and_ranks_and_reports_each_bad_row()
    {
        const string header = "credit_code,year,land_mu,revenue,tax,value_added,energy_tce,emissions_t,employees,rd_spend,above_scale";
        var data = Write("efficiency.csv", string.Join("\n",
            header,
            $"{Code(1)},2025,10,5000,150,100,25,1,40,100,是",
            $"{Code(2)},2025,20,5000,100,50,50,1,40,100,是",
            $"{Code(3)},2025,8,5000,40,30,0,1,40,100,是",
            $"{Code(4)},2025,5,5000,10,-20,10,1,40,100,是",
            $"{Code(5)},2025,50,5000,900,10,10,1,40,100,否",
            $"{Code(6)},2025,10,5000,,10,10,1,40,100,是",
            $"{Code(7)},2025,10,5000,-5,10,10,1,40,100,maybe",
            "91371500000000000,2025,10,5000,5,10,10,1,40,100,是",
            $"{Code(1)},2025,10,5000,150,100,25,1,40,100,是") + "\n");
        var rules = Write("rules.json", Rules);
        var result = Path.Combine(_folder, "result.csv");

        var (exit, output, error) = await Run("efficiency", "evaluate", "--year", "2025", "--rules", rules, "--data", data, "--out", result);

        Assert.True(exit == 0, error);
        Assert.True(output.Contains("evaluated=4 rejected=4 formula=test year=2025", StringComparison.Ordinal), output);
        Assert.Equal(
        [
            "credit_code,total_score,class,rank,tax_per_mu,va_per_energy",
            $"{Code(1)},170.00,A,1,90.00,80.00",
            $"{Code(3)},63.33,B,2,30.00,33.33",
            $"{Code(2)},50.00,C,3,30.00,20.00",
            $"{Code(4)},12.00,D,4,12.00,0.00",
        ], await File.ReadAllLinesAsync(result));

        var report = (await File.ReadAllLinesAsync(data + ".errors.csv")).Skip(1).Select(l => string.Join(",", l.Split(',').Take(2))).ToList();
        Assert.Equal(["7,tax", "8,tax", "8,above_scale", "9,credit_code", "10,credit_code"], report);
    }

    [Fact]
    public async Task A_formula_that_cannot_be_computed_is_refused_with_its_reason_and_nothing_is_written()
    {
        var data = Write("efficiency.csv", "credit_code,year,land_mu,revenue,tax,value_added,energy_tce,emissions_t,employees,rd_spend,above_scale\n");
        var rules = Write("rules.json", Rules.Replace("\"weight\":60", "\"weight\":null", StringComparison.Ordinal));
        var result = Path.Combine(_folder, "result.csv");

        var (exit, _, error) = await Run("efficiency", "evaluate", "--year", "2025", "--rules", rules, "--data", data, "--out", result);

        Assert.Equal(1, exit);
        Assert.Contains("indicators[tax_per_mu].weight", error, StringComparison.Ordinal);
        Assert.False(File.Exists(result));
        Assert.Equal(64, (await Run("efficiency", "evaluate", "--year", "2025", "--rules", rules, "--data", data)).Exit);
    }

    [Fact]
    public async Task Tiers_check_writes_tier_next_tier_and_unmet_and_refuses_the_incomplete_2026_version()
    {
        const string header = "credit_code,eligible,niche_years,revenue_y1,main_revenue_share_y1,main_revenue_growth_y1,main_revenue_growth_avg2,debt_ratio_y1,"
            + "net_profit_margin_y1,rd_spend_y1,rd_spend_2y,rd_ratio_y1,rd_ratio_y2,rd_staff_ratio_y1,ip_class1_own,ip_class1,strategic_emerging,product_field,"
            + "digital_level,iso9001,own_brand,local_feature_score,rd_institution,info_system,mgmt_certified,market_share_national,chain_key_link,priority_field";
        const string strong = "是,6,12000,85,12,9,45,9,600,1100,5,4,12,1,3,是,key_link,3,是,是,10,city,是,是,12,是,是";
        var data = Write("tiers.csv", string.Join("\n",
            header,
            $"{Code(1)},{strong}",
            $"{Code(2)},{strong.Replace(",45,9,", ",70.01,9,", StringComparison.Ordinal)}",
            $"{Code(3)},否",
            $"{Code(4)},{strong.Replace("city", "county", StringComparison.Ordinal)}") + "\n");
        var result = Path.Combine(_folder, "tiers-result.csv");

        var (exit, output, error) = await Run("tiers", "check", "--data", data, "--version", "2022", "--out", result);

        Assert.True(exit == 0, error);
        Assert.Contains("checked=3 rejected=1 version=2022", output, StringComparison.Ordinal);
        Assert.Equal(
        [
            "credit_code,tier,next_tier,unmet",
            $"{Code(1)},little_giant,none,",
            $"{Code(2)},specialised,little_giant,debt_ratio",
            $"{Code(3)},none,innovative,eligible;score_total;score_innovation;score_specialisation",
        ], await File.ReadAllLinesAsync(result));
        Assert.StartsWith("5,rd_institution,county,", (await File.ReadAllLinesAsync(data + ".errors.csv"))[1], StringComparison.Ordinal);

        var (refused, _, why) = await Run("tiers", "check", "--data", data, "--version", "2026", "--out", result);
        Assert.Equal(1, refused);
        Assert.Contains("version 2026 is incomplete", why, StringComparison.Ordinal);
        Assert.Contains("tech_innovative", why, StringComparison.Ordinal);
    }
}
