using MiniExcelLibs;
using QualityCity.Web.Modules.Planning.Contracts;
using QualityCity.Web.Modules.Planning.DrawPlan;
using QualityCity.Web.Modules.Planning.ExportPlan;

namespace QualityCity.Web.Tests.Exports;

/// <summary>How MiniExcel stores text that looks like a formula, and the plan ledger's cells.</summary>
public sealed class WorkbookTests
{
    [Fact]
    public async Task MiniExcel_stores_text_that_begins_with_equals_as_a_text_value_not_as_a_formula()
    {
        // Why the Excel exports neutralise anyway: the cell is safe as written, but Excel re-reads its
        // text as a formula as soon as a user edits it (F2, Enter) and saves the workbook.
        using var stream = new MemoryStream();
        await stream.SaveAsAsync(new[] { new Dictionary<string, object?> { ["name"] = "=1+1", ["link"] = SpreadsheetFiles.Hostile[0], ["measured"] = -3.5 } });

        var cells = SpreadsheetFiles.ReadWorkbook(stream.ToArray());

        Assert.DoesNotContain(cells, c => c.HasFormula);
        Assert.Contains(cells, c => c.Text == "=1+1" && c.Type == "str");
        Assert.Contains(cells, c => c.Text == SpreadsheetFiles.Hostile[0] && c.Type == "str");
        Assert.Contains(cells, c => c.Text == "-3.5" && c.Type is null or "n");
    }

    [Fact]
    public async Task The_plan_ledger_writes_hostile_text_with_an_apostrophe_and_keeps_numbers_and_signed_numbers()
    {
        var hostile = SpreadsheetFiles.Hostile;
        var plan = new PlanDocument(2036, "seed", "digest", new PlanRulesRecord(12, 3, 2, 4, 2, false),
            [new PlanVisit(hostile[0], hostile[1], "2036-04-01", hostile[2], [new PlanObligation("samr", [hostile[3], "SAMR-001"], "2036-01-01", "2036-12-31", hostile[4])])],
            [new PlanRecognition(hostile[5], "samr", ["SAMR-001"], "2036-01-01", "2036-12-31", true, "-3.5")],
            [new PlanCapViolation(hostile[0], "per-department", "samr", hostile[1], -3, 2)],
            [new PlanUnderstaffed(hostile[2], "samr", 1, 2)], [], [], new PlanTotals(1, 1, 1, 1, 1, 1, 0, 0));
        using var stream = new MemoryStream();

        await PlanExcel.WriteAsync(stream, plan, draw: null, department: null, CancellationToken.None);

        var cells = SpreadsheetFiles.ReadWorkbook(stream.ToArray());
        SpreadsheetFiles.AssertNoFormulas(cells);
        Assert.Contains(cells, c => c.Text == "'" + hostile[0]);
        Assert.Contains(cells, c => c.Text == "'@SUM(A1) SAMR-001");
        Assert.Contains(cells, c => c.Text == "'\t=1");
        // A reason that is a signed number stays that text; a count stays a number cell.
        Assert.Contains(cells, c => c.Text == "-3.5" && c.Type == "str");
        Assert.Contains(cells, c => c.Text == "-3" && c.Type is null or "n");
    }
}
