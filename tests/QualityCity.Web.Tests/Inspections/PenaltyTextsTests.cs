using System.Globalization;
using QualityCity.Domain.Execution;
using QualityCity.Web.Localization;
using QualityCity.Web.Modules.Inspections.Penalties;

namespace QualityCity.Web.Tests.Inspections;

/// <summary>
/// Every deviation the penalty guidance can record reads in words on the pages: in Chinese without
/// an English word left, in English as the guidance wrote it. A new deviation sentence in the domain
/// without its Chinese fails here rather than on a page.
/// </summary>
public sealed class PenaltyTextsTests
{
    public static TheoryData<PenaltyKind, bool, bool, decimal?> Decisions()
    {
        var data = new TheoryData<PenaltyKind, bool, bool, decimal?>();
        foreach (var kind in Enum.GetValues<PenaltyKind>())
        {
            foreach (var first in new[] { true, false })
            {
                foreach (var matches in new[] { true, false })
                {
                    foreach (var fine in new decimal?[] { null, 500m, 20_000.5m })
                    {
                        data.Add(kind, first, matches, fine);
                    }
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Decisions))]
    public void Every_deviation_reads_in_the_readers_language(PenaltyKind kind, bool firstViolation, bool exemptionMatches, decimal? fine)
    {
        var deviation = PenaltyGuidance.Deviation(kind, firstViolation, exemptionMatches, new FineRange(1_000m, 10_000m), fine);
        if (deviation is null)
        {
            return;
        }

        var culture = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
            var chinese = PenaltyTexts.DeviationText(deviation, Text.Loaded);
            Assert.Matches("[\u4e00-\u9fff]", chinese);
            Assert.DoesNotMatch("[A-Za-z]", chinese);
            CultureInfo.CurrentUICulture = new CultureInfo("en");
            Assert.DoesNotMatch("[\u4e00-\u9fff]", PenaltyTexts.DeviationText(deviation, Text.Loaded));
        }
        finally
        {
            CultureInfo.CurrentUICulture = culture;
        }
    }
}
