using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using QualityCity.Web.Tests.Infrastructure;

namespace QualityCity.Web.Tests.Services;

/// <summary>
/// Intellectual property (SVC-4): patents, trademarks and pledge loans imported with a row report and
/// idempotently (CSV and XLSX), holders checked against the registry; an enterprise sees only its own
/// records; the pledge figures per quarter equal a recomputation from the rows, and the Excel
/// neutralises a formula — on SQLite and PostgreSQL.
/// </summary>
public abstract partial class IntellectualPropertyTests(QualityCityFactory factory) : PlatformTest(factory)
{
    private async Task<string> CreditCodeOfAsync(string userName)
    {
        await using var scope = OpenDb();
        return await scope.Db.Users.AsNoTracking().Where(u => u.UserName == userName).Select(u => u.CreditCode!).SingleAsync();
    }

    /// <summary>A credit code of the registry that no demo account holds.</summary>
    private async Task<string> SomeEnterpriseAsync(int skip = 5)
    {
        await using var scope = OpenDb();
        var accounts = await scope.Db.Users.AsNoTracking().Where(u => u.CreditCode != null).Select(u => u.CreditCode!).ToListAsync();
        return await scope.Db.MarketEntities.AsNoTracking().Where(e => !accounts.Contains(e.CreditCode)).OrderBy(e => e.Id).Skip(skip).Select(e => e.CreditCode).FirstAsync();
    }

    private async Task<string> FileAsync(string name, string content)
    {
        var path = TempFile(name);
        await File.WriteAllTextAsync(path, content, new UTF8Encoding(true));
        return path;
    }

    /// <summary>A patent number of 12 digits unique to a test run.</summary>
    private static string PatentNumber() =>
        "ZL2024" + (1 + Random.Shared.Next(3)).ToString(CultureInfo.InvariantCulture) + Random.Shared.Next(0, 10_000_000).ToString("0000000", CultureInfo.InvariantCulture) + ".5";

    [SkippableFact]
    public async Task Patents_with_bad_rows_or_holders_outside_the_registry_are_reported_with_row_column_and_reason()
    {
        SkipIfUnavailable();
        var holder = await SomeEnterpriseAsync();
        var (good, second) = (PatentNumber(), PatentNumber());
        var path = await FileAsync("patents.csv",
            "专利号,专利名称,专利类型,专利权人统一社会信用代码,申请日,授权公告日,法律状态\r\n" +
            $"{good},一种电缆绝缘层的检测方法,发明,{holder},2024-03-01,2025-06-10,有效\r\n" +
            $"{second[2..]},一种轴承用密封装置,实用新型,{holder.ToLowerInvariant()},2024/3/2,,审查中\r\n" +
            $"ZL2024ABC,一种方法,发明,{holder},2024-03-01,,有效\r\n" +
            $"{PatentNumber()},一种方法,专利,{holder},2024-03-01,,有效\r\n" +
            $"{PatentNumber()},一种方法,发明,91371500MA3XXXXX0X,2024-03-01,,有效\r\n" +
            $"{PatentNumber()},一种方法,发明,{holder},2024-03-01,2023-01-01,有效\r\n" +
            $"{PatentNumber()},一种方法,发明,{holder},昨天,,有效\r\n" +
            $"{good},一种电缆绝缘层的检测方法,发明,{holder},2024-03-01,2025-06-10,有效\r\n");

        var (exit, output, error) = await RunCliAsync("import", "patents", path);
        Assert.True(exit == 0, error);
        Assert.Contains("inserted=2 updated=0 unchanged=0 rejected=6", output, StringComparison.Ordinal);
        var report = await File.ReadAllLinesAsync(path + ".errors.csv");
        void Has(int row, string column, string reason) =>
            Assert.True(report.Any(l => l.StartsWith($"{row},{column},", StringComparison.Ordinal) && l.Contains(reason, StringComparison.Ordinal)),
                $"row {row} {column} '{reason}' not in:\n{string.Join('\n', report)}");
        Has(4, "专利号", "ZL202310123456.7");
        Has(5, "专利类型", "must be one of");
        Has(6, "专利权人统一社会信用代码", "no market entity of the registry has this credit code");
        Has(7, "授权公告日", "before the application date");
        Has(8, "申请日", "yyyy-MM-dd");
        Has(9, "专利号", "duplicate: already in row 2");

        await using var scope = OpenDb();
        var stored = await scope.Db.Patents.AsNoTracking().Where(p => p.Number == good || p.Number == second).OrderBy(p => p.Number).ToListAsync();
        Assert.Equal(2, stored.Count);
        Assert.All(stored, p => Assert.Equal(holder, p.HolderCreditCode));
        Assert.Contains(stored, p => p.Number == second && p.Status == "审查中" && p.GrantDate is null && p.ApplicationDate == new DateOnly(2024, 3, 2));
    }

    [SkippableFact]
    public async Task Trademarks_and_pledges_imported_again_as_csv_or_xlsx_change_nothing()
    {
        SkipIfUnavailable();
        var holder = await SomeEnterpriseAsync(7);
        var number = Random.Shared.Next(80_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture);
        var trademarks = await FileAsync("trademarks.csv",
            "registration_number,mark_name,classes,holder_credit_code,registration_date,expiry_date,status\r\n" +
            $"{number},水城测试,\"35, 9\",{holder},2020-05-07,2030-05-06,有效\r\n");
        Assert.Contains("inserted=1 updated=0 unchanged=0 rejected=0", (await RunCliAsync("import", "trademarks", trademarks)).Output, StringComparison.Ordinal);
        Assert.Contains("inserted=0 updated=0 unchanged=1 rejected=0", (await RunCliAsync("import", "trademarks", trademarks)).Output, StringComparison.Ordinal);
        var trademarkBook = TempFile("trademarks.xlsx");
        await MiniExcel.SaveAsAsync(trademarkBook, new[]
        {
            new Dictionary<string, object?>
            {
                ["注册号"] = number, ["商标名称"] = "水城测试", ["国际分类"] = "9;35", ["注册人统一社会信用代码"] = holder, ["注册日期"] = "2020-05-07",
                ["有效期至"] = "2030-05-06", ["状态"] = "有效",
            },
        });
        Assert.Contains("inserted=0 updated=0 unchanged=1 rejected=0", (await RunCliAsync("import", "trademarks", trademarkBook)).Output, StringComparison.Ordinal);

        var bank = "测试银行" + Guid.NewGuid().ToString("N")[..6];
        var pledges = await FileAsync("pledges.csv",
            "credit_code,bank,amount_wan,registration_date,term_end_date,pledged\r\n" +
            $"{holder},{bank},1200,2025-11-03,2027-11-02,{number}\r\n" +
            $"{holder},{bank},300.5,2025-12-01,2025-11-01,{number}\r\n");
        var first = await RunCliAsync("import", "pledges", pledges);
        Assert.Contains("inserted=1 updated=0 unchanged=0 rejected=1", first.Output, StringComparison.Ordinal);
        Assert.Contains("3,term_end_date,2025-11-01,the term must end after the registration date",
            await File.ReadAllTextAsync(pledges + ".errors.csv"), StringComparison.Ordinal);
        Assert.Contains("inserted=0 updated=0 unchanged=1 rejected=1", (await RunCliAsync("import", "pledges", pledges)).Output, StringComparison.Ordinal);
        var pledgeBook = TempFile("pledges.xlsx");
        await MiniExcel.SaveAsAsync(pledgeBook, new[]
        {
            new Dictionary<string, object?>
            {
                ["统一社会信用代码"] = holder, ["银行"] = bank, ["贷款金额（万元）"] = "1200.00", ["登记日期"] = "2025/11/3", ["到期日"] = "2027-11-02", ["质押物"] = number,
            },
        });
        Assert.Contains("inserted=0 updated=0 unchanged=1 rejected=0", (await RunCliAsync("import", "pledges", pledgeBook)).Output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task An_enterprise_sees_only_its_own_records_and_staff_see_any()
    {
        SkipIfUnavailable();
        var own = await CreditCodeOfAsync("enterprise");
        var other = await CreditCodeOfAsync("enterprise2");
        string otherPatent;
        await using (var scope = OpenDb())
        {
            Assert.True(await scope.Db.Patents.AnyAsync(p => p.HolderCreditCode == own), "the demo gives the demo enterprises patents");
            otherPatent = await scope.Db.Patents.AsNoTracking().Where(p => p.HolderCreditCode == other).Select(p => p.Number).FirstAsync();
        }

        var enterprise = await Factory.SignedInClientAsync("enterprise");
        var mine = await enterprise.GetFromJsonAsync<JsonElement>($"/api/services/ip/enterprises/{own}");
        Assert.Equal(own, mine.GetProperty("creditCode").GetString());
        Assert.All(mine.GetProperty("patents").EnumerateArray(), p => Assert.Equal(own, p.GetProperty("holderCreditCode").GetString()));
        Assert.NotEmpty(mine.GetProperty("patents").EnumerateArray());

        Assert.Equal(HttpStatusCode.NotFound, (await enterprise.GetAsync($"/api/services/ip/enterprises/{other}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await enterprise.GetAsync($"/services/ip/enterprise/{other}")).StatusCode);
        var page = await enterprise.GetStringAsync("/services/ip/enterprise");
        Assert.Contains(own, page, StringComparison.Ordinal);
        Assert.DoesNotContain(otherPatent, page, StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.OK, (await enterprise.GetAsync("/services/ip")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await enterprise.GetAsync("/api/services/ip/pledges/quarters")).StatusCode);

        var inspector = await Factory.SignedInClientAsync("samr.inspector");
        var theirs = await inspector.GetFromJsonAsync<JsonElement>($"/api/services/ip/enterprises/{other}");
        Assert.Contains(theirs.GetProperty("patents").EnumerateArray(), p => p.GetProperty("number").GetString() == otherPatent);
        Assert.Contains(otherPatent, await inspector.GetStringAsync($"/services/ip/enterprise/{other}"), StringComparison.Ordinal);
        Assert.Contains(otherPatent, await inspector.GetStringAsync($"/services/ip?kind=patents&code={other}"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await inspector.GetAsync("/api/services/ip/enterprises/000000000000000000")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await inspector.GetAsync("/services/ip?kind=cars")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await Factory.AnonymousClient().GetAsync($"/api/services/ip/enterprises/{own}")).StatusCode);
    }

    [SkippableFact]
    public async Task The_pledge_figures_per_quarter_equal_a_recomputation_from_the_loans()
    {
        SkipIfUnavailable();
        var coordinator = await Factory.SignedInClientAsync("coordinator");
        var answered = (await coordinator.GetFromJsonAsync<JsonElement>("/api/services/ip/pledges/quarters")).EnumerateArray()
            .Select(q => (Quarter: q.GetProperty("quarter").GetString()!, Loans: q.GetProperty("loans").GetInt32(), Amount: q.GetProperty("amountWan").GetDecimal()))
            .ToList();

        List<(string Quarter, int Loans, decimal Amount)> recomputed;
        await using (var scope = OpenDb())
        {
            var loans = await scope.Db.IpPledges.AsNoTracking().Select(p => new { p.RegistrationDate, p.AmountWan }).ToListAsync();
            recomputed = loans.GroupBy(l => $"{l.RegistrationDate.Year}Q{((l.RegistrationDate.Month - 1) / 3) + 1}")
                .OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, g.Count(), g.Sum(l => l.AmountWan))).ToList();
        }

        Assert.Equal(recomputed, answered);
        Assert.True(answered.Count >= 4, "the demo has loans over several quarters");

        // The demo's last full quarter: 56 loans for 48,900 (万元), as the city reported.
        var today = DateOnly.FromDateTime(TestClock.Now.DateTime);
        var lastQuarterStart = new DateOnly(today.Year, ((today.Month - 1) / 3 * 3) + 1, 1).AddMonths(-3);
        var reported = answered.Single(q => q.Quarter == $"{lastQuarterStart.Year}Q{((lastQuarterStart.Month - 1) / 3) + 1}");
        Assert.True(reported.Loans >= 56, "the demo quarter's 56 loans (more when another test added one)");
        Assert.True(reported.Amount >= 48_900m);

        var page = await coordinator.GetStringAsync("/services/ip/figures");
        Assert.Contains("chart-ip-quarters", page, StringComparison.Ordinal);
        Assert.Contains($"data-quarter=\"{reported.Quarter}\"", page, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task The_excel_of_the_figures_neutralises_a_formula_and_holds_every_quarter()
    {
        SkipIfUnavailable();
        var holder = await SomeEnterpriseAsync(11);
        var bank = "=HYPERLINK(\"\"http://example.com\"\",\"\"x\"\")" + Guid.NewGuid().ToString("N")[..4];
        var path = await FileAsync("pledges.csv",
            "credit_code,bank,amount_wan,registration_date,term_end_date,pledged\r\n" +
            $"{holder},\"{bank}\",88,2024-02-02,2026-02-01,ZL202410012345.6\r\n");
        Assert.Contains("inserted=1", (await RunCliAsync("import", "pledges", path)).Output, StringComparison.Ordinal);

        var staff = await Factory.SignedInClientAsync("samr.head");
        var response = await staff.GetAsync("/api/services/ip/pledges/quarters.xlsx");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var workbook = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        var sheets = MiniExcel.GetSheetNames(workbook);
        Assert.Equal(2, sheets.Count);
        var loans = (await workbook.QueryAsync(useHeaderRow: true, sheetName: sheets[1])).Cast<IDictionary<string, object?>>().ToList();
        var written = bank.Replace("\"\"", "\"", StringComparison.Ordinal);
        Assert.Contains(loans, row => row["银行 bank"] as string == "'" + written);
        Assert.DoesNotContain(loans, row => row["银行 bank"] as string == written);
        var quarters = (await workbook.QueryAsync(useHeaderRow: true, sheetName: sheets[0])).Cast<IDictionary<string, object?>>().ToList();
        Assert.Contains(quarters, row => row["季度 quarter"] as string == "2024Q1");
    }

    [SkippableFact]
    public async Task The_coordinator_uploads_any_kind_on_one_page_and_an_unknown_kind_is_400()
    {
        SkipIfUnavailable();
        var holder = await SomeEnterpriseAsync(13);
        var number = PatentNumber();
        var bytes = Encoding.UTF8.GetBytes("number,title,type,holder_credit_code,application_date,grant_date,status\r\n" +
            $"{number},一种测试用夹持装置,实用新型,{holder},2025-01-02,2025-07-01,有效\r\n{PatentNumber()},一种方法,发明,{holder},2025-01-02,,作废\r\n");
        var coordinator = await Factory.SignedInClientAsync("coordinator");

        async Task<HttpResponseMessage> UploadAsync(string kind)
        {
            var form = await coordinator.GetStringAsync("/services/ip/import");
            using var content = new MultipartFormDataContent
            {
                { new StringContent(Token().Match(form).Groups[1].Value), "__RequestVerificationToken" },
                { new StringContent(kind), "kind" },
                { new ByteArrayContent(bytes), "file", "专利.csv" },
            };
            return await coordinator.PostAsync("/services/ip/import", content);
        }

        var page = await (await UploadAsync("patents")).Content.ReadAsStringAsync();
        Assert.Contains("id=\"import-inserted\">1<", page, StringComparison.Ordinal);
        Assert.Contains("id=\"import-rejected\">1<", page, StringComparison.Ordinal);
        Assert.Contains("须为以下之一：有效、失效、审查中", page, StringComparison.Ordinal);
        Assert.Contains("id=\"import-unchanged\">1<", await (await UploadAsync("patents")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await UploadAsync("cars")).StatusCode);

        // The file's columns are a patent file's, not a trademark file's: nothing is written, and the page says why.
        var wrong = await (await UploadAsync("trademarks")).Content.ReadAsStringAsync();
        Assert.Contains("id=\"import-error\"", wrong, StringComparison.Ordinal);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}

public sealed class SqliteIntellectualPropertyTests(SqliteFactory factory) : IntellectualPropertyTests(factory), IClassFixture<SqliteFactory>;

public sealed class PostgresIntellectualPropertyTests(PostgresFactory factory) : IntellectualPropertyTests(factory), IClassFixture<PostgresFactory>;
