using FsCheck;
using FsCheck.Fluent;
using QualityCity.Domain.Development;
using QualityCity.Web.Modules.Development.Efficiency;
using QualityCity.Web.Modules.Registry.Contracts;

namespace QualityCity.Fuzzing.Development;

/// <summary>The yearly efficiency data file (CSV and XLSX).</summary>
public sealed class EfficiencyFileFuzzTests
{
    private static readonly string[] Header = [.. EfficiencyFile.Columns.Select(c => c.Column)];

    private static readonly string[][] Valid =
    [
        ["91371500MA3C4QWX0R", "2024", "30", "12000", "600", "2500", "800", "12", "120", "300", "是"],
        ["913715000000000012", "2024", "12.5", "3000", "90", "-40", "0", "0", "35", "0", "否"],
        ["913715000000000012", "2023", "1e3", "0", "0.0", "0", "0", "0", "0", "0", "yes"],
    ];

    private static Gen<string> Cell(int column) => column < Header.Length ? FuzzGen.TextOr([.. Valid.Select(r => r[column])]) : FuzzGen.Text();

    private static readonly IReadOnlyList<string> Columns = [.. Header];

    private static void Check(Func<RegistryFileReader> open, bool countAgain)
    {
        List<(long Row, EfficiencyRow Data)> rows;
        List<Web.Modules.Development.DevelopmentIssue> issues;
        try
        {
            using var file = open();
            (rows, issues) = EfficiencyFile.Read(file);
        }
        catch (RegistryFileException refused)
        {
            Refusal.AssertClear(refused.Message);
            return;
        }

        foreach (var issue in issues)
        {
            Refusal.Cell(issue, Columns);
        }

        var refusedRows = issues.Select(i => i.Row).ToHashSet();
        Assert.DoesNotContain(rows, r => refusedRows.Contains(r.Row));
        if (countAgain)
        {
            Assert.Equal(DevelopmentFiles.RowsWithData(open, EfficiencyFile.Columns), rows.Count + refusedRows.Count);
        }

        foreach (var (_, data) in rows)
        {
            Assert.Equal(18, data.CreditCode.Length);
            Assert.InRange(data.Year, 1990, 2100);
            Assert.All(EfficiencyRow.Fields.Where(f => f != "value_added"), f => Assert.True(data.Field(f) >= 0));
        }
    }

    [Fact]
    public void An_efficiency_csv_is_read_row_by_row_and_every_row_is_kept_or_refused_naming_its_column()
    {
        Fuzz.Check("efficiency csv", Gen.Frequency((9, FuzzGen.Csv(Header, Cell)), (1, FuzzGen.Text(30))), text => Check(() => DevelopmentFiles.Csv(text), DevelopmentFiles.CountAgain(text)));
    }

    [Fact]
    public void An_efficiency_workbook_damaged_anywhere_is_read_or_refused_with_a_reason()
    {
        var workbook = DevelopmentFiles.Workbook(Header, Valid);
        Fuzz.Check("efficiency xlsx", FuzzGen.MutateBytes(workbook), bytes => Check(() => DevelopmentFiles.Xlsx(bytes), countAgain: true), Math.Max(1, Fuzz.Inputs / 10));
    }
}
