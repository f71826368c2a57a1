using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using QualityCity.Domain.Registry;
using QualityCity.Web.Tests.Infrastructure;
using static QualityCity.Web.Tests.Exports.SpreadsheetFiles;

namespace QualityCity.Web.Tests.Exports;

/// <summary>
/// Spreadsheet formula injection: hostile text fed in through the platform comes out of every CSV
/// and Excel export and error report with an apostrophe in front, signed numbers stay numbers, and
/// the registry export still re-imports unchanged.
/// </summary>
public abstract class FormulaInjectionTests(QualityCityFactory factory) : PlatformTest(factory)
{
    private static int _serial;

    private static string NewCode() =>
        CreditCode.Compose("91", "371521", "F" + Interlocked.Increment(ref _serial).ToString("0000000", CultureInfo.InvariantCulture));

    private static string Line(params string[] cells) => string.Join(",", cells.Select(RawField));

    /// <summary>Uploads a registry file as the administrator and waits for the background job; returns its id and summary.</summary>
    private static async Task<(Guid Id, string Summary)> ImportAsync(HttpClient admin, byte[] file, string fileName)
    {
        var (id, job) = await RegistryUploads.ImportAsync(admin, file, fileName);
        Assert.Equal("completed", job.GetProperty("status").GetString());
        return (id, job.GetProperty("summary").GetString()!);
    }

    [SkippableFact]
    public async Task The_registry_export_and_the_import_error_report_neutralise_formulas_and_the_export_reimports_unchanged()
    {
        SkipIfUnavailable();
        var admin = await Factory.SignedInClientAsync("admin");
        var codes = Enumerable.Range(0, 4).Select(_ => NewCode()).ToArray();
        var upload = string.Join("\n",
            // An unknown column whose header is a formula: the report repeats the header as the column and the value.
            Line("credit_code", "name", "address", "latitude", "longitude", "contact_name", "industry_code", "insured_staff", "county_code", "\t=1"),
            Line(codes[0], Hostile[0], Hostile[3], "-3.5", "-1E-05", Hostile[2], "", "", "", ""),
            Line(codes[1], Hostile[1], Hostile[2], "", "", "", "", "", "", ""),
            Line(codes[2], Hostile[2], Hostile[0], "", "", "", "", "", "", ""),
            Line(codes[3], Hostile[3], Hostile[1], "", "", "=cmd|' /C calc'!A0", "", "", "", ""),
            // Rejected rows: the report repeats each one's hostile value.
            Line(Hostile[0], "拒绝代码有限公司（演示）", "", "", "", "", "", "", "", ""),
            Line(NewCode(), "拒绝行业有限公司（演示）", "", "", "", "", Hostile[1], "", "", ""),
            Line(NewCode(), "拒绝人数有限公司（演示）", "", "", "", "", "", Hostile[2], "", ""),
            Line(NewCode(), "拒绝县区有限公司（演示）", "", "", "", "", "", "", Hostile[3], ""),
            Line(NewCode(), "拒绝负数有限公司（演示）", "", "", "", "", "", "-3.5", "", "")) + "\n";

        var (jobId, summary) = await ImportAsync(admin, Encoding.UTF8.GetBytes(upload), "hostile.csv");

        Assert.Equal("inserted=4 updated=0 unchanged=0 rejected=5 warnings=1", summary);
        var report = ReadCsv(await admin.GetByteArrayAsync($"/api/registry/imports/{jobId}/errors.csv"));
        AssertNoFormulas(report);
        Assert.Contains(report, r => r[1] == "credit_code" && r[2] == "'" + Hostile[0]);
        Assert.Contains(report, r => r[1] == "industry_code" && r[2] == "'+1+1");
        Assert.Contains(report, r => r[1] == "insured_staff" && r[2] == "'-1+1");
        Assert.Contains(report, r => r[1] == "county_code" && r[2] == "'@SUM(A1)");
        Assert.Contains(report, r => r[1] == "'\t=1" && r[2] == "'\t=1");
        Assert.Contains(report, r => r[1] == "insured_staff" && r[2] == "-3.5"); // a number is still the number

        // The CSV download (staff): every hostile cell with its apostrophe, signed numbers as they are.
        var coordinator = await Factory.SignedInClientAsync("coordinator");
        var export = await coordinator.GetByteArrayAsync("/api/registry/export.csv");
        AssertNoFormulas(ReadCsv(export));
        var exported = CsvRecords(export).ToDictionary(r => r["credit_code"]);
        Assert.Equal(("'" + Hostile[0], "'@SUM(A1)", "-3.5", "-1E-05", "'-1+1"),
            (exported[codes[0]]["name"], exported[codes[0]]["address"], exported[codes[0]]["latitude"], exported[codes[0]]["longitude"], exported[codes[0]]["contact_name"]));
        Assert.Equal(("'+1+1", "'-1+1"), (exported[codes[1]]["name"], exported[codes[1]]["address"]));
        Assert.Equal(("'-1+1", "'" + Hostile[0]), (exported[codes[2]]["name"], exported[codes[2]]["address"]));
        Assert.Equal(("'@SUM(A1)", "'+1+1", "'=cmd|' /C calc'!A0"), (exported[codes[3]]["name"], exported[codes[3]]["address"], exported[codes[3]]["contact_name"]));

        // Fed back as it was downloaded, the export changes nothing: the import takes the apostrophes off.
        var (_, reimported) = await ImportAsync(admin, export, "registry.csv");
        Assert.StartsWith($"inserted=0 updated=0 unchanged={exported.Count} rejected=0", reimported, StringComparison.Ordinal);
        await using (var scope = OpenDb())
        {
            var stored = await scope.Db.MarketEntities.AsNoTracking().Where(e => codes.Contains(e.CreditCode)).ToDictionaryAsync(e => e.CreditCode);
            Assert.Equal((Hostile[0], "@SUM(A1)", -3.5, -1E-05), (stored[codes[0]].Name, stored[codes[0]].Address, stored[codes[0]].Latitude, stored[codes[0]].Longitude));
            Assert.Equal("=cmd|' /C calc'!A0", stored[codes[3]].ContactName);
        }

        // The .xlsx export (command line) likewise, and it too re-imports unchanged.
        var workbook = TempFile("registry.xlsx");
        Assert.Equal(0, (await RunCliAsync("export", "registry", workbook)).ExitCode);
        var cells = ReadWorkbook(await File.ReadAllBytesAsync(workbook));
        AssertNoFormulas(cells);
        Assert.Contains(cells, c => c.Text == "'" + Hostile[0]);
        Assert.Contains(cells, c => c.Text == "-1E-05");
        var (_, workbookImport, _) = await RunCliAsync("import", "registry", workbook);
        Assert.Contains($"inserted=0 updated=0 unchanged={exported.Count} rejected=0", workbookImport, StringComparison.Ordinal);

        // No import stores a leading tab or carriage return (cells are trimmed), but a value held
        // from elsewhere may begin with one.
        await using (var scope = OpenDb())
        {
            var entity = await scope.Db.MarketEntities.SingleAsync(e => e.CreditCode == codes[1]);
            (entity.Name, entity.Address) = ("\t=1", "\r=1");
            await scope.Db.SaveChangesAsync();
        }

        var withControls = await coordinator.GetByteArrayAsync("/api/registry/export.csv");
        AssertNoFormulas(ReadCsv(withControls));
        var row = CsvRecords(withControls).Single(r => r["credit_code"] == codes[1]);
        Assert.Equal(("'\t=1", "'\r=1"), (row["name"], row["address"]));
        var controlsWorkbook = TempFile("registry.xlsx");
        Assert.Equal(0, (await RunCliAsync("export", "registry", controlsWorkbook)).ExitCode);
        var controlCells = ReadWorkbook(await File.ReadAllBytesAsync(controlsWorkbook));
        AssertNoFormulas(controlCells);
        Assert.Contains(controlCells, c => c.Text == "'\t=1");
    }

    [SkippableFact]
    public async Task Sampling_results_open_data_and_the_staff_export_neutralise_formulas_and_keep_signed_measurements()
    {
        SkipIfUnavailable();
        var samr = await Factory.SignedInClientAsync("samr.head");
        // A producer outside the registry, so the name on the form is the one exported.
        var recorded = await samr.PostAsJsonAsync("/api/quality/samples", new
        {
            sampleNo = "@SUM(A1)", level = "city", authority = Hostile[2], kind = "routine", productCategory = "pvc-wire", specification = Hostile[0],
            batch = Hostile[1], producerCreditCode = NewCode(), producerName = Hostile[4], county = "371521", sampledOn = "2025-04-01", lab = Hostile[5],
            reportNo = "=1+1",
            items = new object[]
            {
                new { item = "conductor-resistance", measured = "-3.5", limit = Hostile[2], unit = Hostile[3], passed = true },
                new { item = "insulation-thickness-avg", measured = Hostile[0], limit = "≥ 0.8", unit = "mm", passed = true },
            },
        });
        Assert.Equal(HttpStatusCode.OK, recorded.StatusCode);
        var id = (await recorded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.OK, (await samr.PostAsJsonAsync($"/api/quality/samples/{id}/publish", new { on = "2025-04-20" })).StatusCode);

        foreach (var file in new[]
                 {
                     await Factory.AnonymousClient().GetByteArrayAsync("/open-data/sampling-results.csv"),
                     await samr.GetByteArrayAsync("/api/quality/samples/export.csv"),
                 })
        {
            AssertNoFormulas(ReadCsv(file));
            var rows = CsvRecords(file).Where(r => r["sample_no"] == "'@SUM(A1)").ToDictionary(r => r["test_item"]);
            Assert.Equal(2, rows.Count);
            var resistance = rows["conductor-resistance"];
            Assert.Equal("-3.5", resistance["measured"]);
            Assert.Equal(("'-1+1", "'@SUM(A1)"), (resistance["limit"], resistance["unit"]));
            Assert.Equal(("'" + Hostile[0], "'+1+1", "'-1+1"), (resistance["specification"], resistance["batch"], resistance["authority"]));
            // Form fields are trimmed, so a leading tab or carriage return is gone and the formula after it is what is neutralised.
            Assert.Equal(("'=1", "'=1", "'=1+1"), (resistance["producer_name"], resistance["lab"], resistance["report_no"]));
            Assert.Equal("'" + Hostile[0], rows["insulation-thickness-avg"]["measured"]);
        }

        // The staff's quality map workbook counts the sample: codes and numbers only, no formula.
        var map = ReadWorkbook(await samr.GetByteArrayAsync("/quality?handler=Excel&industry=cable&year=2025"));
        AssertNoFormulas(map);
        Assert.Contains(map, c => c.Text == "pvc-wire");
        Assert.Contains(map, c => c.Type is null or "n" && c.Text == "2025");
    }

    [SkippableFact]
    public async Task A_lab_file_whose_cells_carry_the_exports_apostrophe_is_stored_without_it()
    {
        SkipIfUnavailable();
        var producer = NewCode();
        var lab = Line("sample_no", "level", "authority", "product_category", "producer_credit_code", "producer_name", "county", "sampled_on", "specification",
                      "item", "measured", "limit", "unit", "passed") + "\n"
                  + Line("'@LAB(1)", "city", "'-1+1", "pvc-wire", producer, "'" + Hostile[0], "371521", "2025-05-06", "'+1+1",
                      "conductor-resistance", "'-3.5", "'=1+1", "Ω/km", "合格") + "\n";
        using var form = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(lab)), "file", "lab.csv" } };
        var samr = await Factory.SignedInClientAsync("samr.head");

        var job = await BackgroundJobs.WaitForAcceptedAsync(samr, await samr.PostAsync("/api/quality/samples/import", form));

        Assert.Equal(1, job.GetProperty("result").GetProperty("samples").GetInt32());
        var sample = Assert.Single((await samr.GetFromJsonAsync<JsonElement>($"/api/quality/samples?producer={producer}")).EnumerateArray().ToList());
        Assert.Equal(("@LAB(1)", "-1+1", Hostile[0], "+1+1"), (sample.GetProperty("sampleNo").GetString(), sample.GetProperty("authority").GetString(),
            sample.GetProperty("producerName").GetString(), sample.GetProperty("specification").GetString()));
        var item = Assert.Single(sample.GetProperty("items").EnumerateArray().ToList());
        Assert.Equal(("-3.5", "=1+1"), (item.GetProperty("measured").GetString(), item.GetProperty("limit").GetString()));
    }

    [SkippableFact]
    public async Task Inspection_results_open_data_neutralise_an_enterprise_name_that_is_a_formula()
    {
        SkipIfUnavailable();
        string code;
        await using (var scope = OpenDb())
        {
            code = await scope.Db.Inspections.Where(i => i.PublishedAtUtc != null).OrderBy(i => i.Id).Select(i => i.CreditCode).FirstAsync();
        }

        var admin = await Factory.SignedInClientAsync("admin");
        var (_, summary) = await ImportAsync(admin, Encoding.UTF8.GetBytes(Line("credit_code", "name") + "\n" + Line(code, Hostile[0]) + "\n"), "rename.csv");
        Assert.StartsWith("inserted=0 updated=1", summary, StringComparison.Ordinal);

        var file = await Factory.AnonymousClient().GetByteArrayAsync("/open-data/inspection-results.csv");

        AssertNoFormulas(ReadCsv(file));
        var rows = CsvRecords(file).Where(r => r["credit_code"] == code).ToList();
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Equal("'" + Hostile[0], r["enterprise_name"]));
    }

    [SkippableFact]
    public async Task The_kpi_workbook_holds_no_formula_and_keeps_its_figures_as_numbers()
    {
        SkipIfUnavailable();
        var kpis = ReadWorkbook(await (await Factory.SignedInClientAsync("coordinator")).GetByteArrayAsync("/inspections/kpis?handler=Excel"));

        AssertNoFormulas(kpis);
        Assert.Contains(kpis, c => c.Type is null or "n" && double.TryParse(c.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out _));
    }
}

public sealed class SqliteFormulaInjectionTests(SqliteFactory factory) : FormulaInjectionTests(factory), IClassFixture<SqliteFactory>;

public sealed class PostgresFormulaInjectionTests(PostgresFactory factory) : FormulaInjectionTests(factory), IClassFixture<PostgresFactory>;
