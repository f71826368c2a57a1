using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using QualityCity.Domain.Registry;
using QualityCity.Web.Modules.Audit;
using QualityCity.Web.Modules.Registry.Contracts;
using QualityCity.Web.Modules.Registry.ImportRegistry;
using QualityCity.Web.Tests.Infrastructure;

namespace QualityCity.Web.Tests.Registry;

/// <summary>REG-3: streaming, idempotent import with a row-by-row error report; export round trip.</summary>
public abstract class ImportTests(QualityCityFactory factory) : PlatformTest(factory)
{
    private static int _serial;

    /// <summary>A fresh valid code in a Liaocheng county, unique across tests.</summary>
    private static string NewCode(string county = "371521")
    {
        var n = Interlocked.Increment(ref _serial) + (Environment.ProcessId % 1000 * 10_000);
        return CreditCode.Compose("91", county, "T" + n.ToString("0000000", System.Globalization.CultureInfo.InvariantCulture));
    }

    private static string WithWrongCheck(string code) =>
        code[..17] + CreditCode.Charset[(CreditCode.Charset.IndexOf(code[17]) + 1) % 31];

    private string WriteCsv(string name, params string[] lines)
    {
        var path = TempFile(name);
        File.WriteAllText(path, string.Join("\n", lines) + "\n", new UTF8Encoding(true));
        return path;
    }

    [SkippableFact]
    public async Task Bad_rows_are_reported_with_reasons_good_rows_are_in_and_a_second_run_changes_nothing()
    {
        SkipIfUnavailable();
        var good1 = NewCode();
        var good2 = NewCode("371581");
        var mismatch = WithWrongCheck(NewCode());
        var path = WriteCsv("mixed.csv",
            "统一社会信用代码,名称,县区代码,行业代码,成立日期,登记状态,信用风险分类,是否规上",
            $"{good1},聊城测试电缆有限公司（演示）,371521,3831,2015-03-01,存续,B,是",
            $"{good2},临清测试轴承有限公司（演示）,,3451,2018/6/5,在业,A,否",
            $"{mismatch},校验位不符测试有限公司（演示）,371521,,,,,",
            "91371521MA3C12345,长度不足有限公司,371521,,,,,",
            $"{NewCode()},,371521,,,,,",
            $"{NewCode()},行业代码错误有限公司,371521,9999,,,,",
            $"{NewCode()},日期错误有限公司,371521,,2015-13-45,,,",
            $"{NewCode()},等级错误有限公司,371521,,,,E,",
            $"{NewCode()},县区错误有限公司,999999,,,,,",
            $"{good1},重复代码有限公司,371521,,,,,");

        var (exit, output, _) = await RunCliAsync("import", "registry", path);

        Assert.Equal(0, exit);
        Assert.Contains("inserted=3 updated=0 unchanged=0 rejected=7 warnings=1", output, StringComparison.Ordinal);
        var rows = ReadReport(path + ".errors.csv");
        // Every rejected row (5 to 11 in spreadsheet numbering) is in the report with a reason naming its problem.
        Assert.Contains(rows, r => r[0] == "5" && r[1] == "统一社会信用代码" && r[3].Contains("18 characters", StringComparison.Ordinal));
        Assert.Contains(rows, r => r[0] == "6" && r[1] == "名称" && r[3].Contains("required", StringComparison.Ordinal));
        Assert.Contains(rows, r => r[0] == "7" && r[1] == "行业代码" && r[2] == "9999");
        Assert.Contains(rows, r => r[0] == "8" && r[1] == "成立日期" && r[2] == "2015-13-45");
        Assert.Contains(rows, r => r[0] == "9" && r[1] == "信用风险分类" && r[2] == "E");
        Assert.Contains(rows, r => r[0] == "10" && r[1] == "县区代码" && r[2] == "999999");
        Assert.Contains(rows, r => r[0] == "11" && r[3].Contains("duplicate", StringComparison.Ordinal) && r[3].Contains("row 2", StringComparison.Ordinal));
        Assert.Contains(rows, r => r[0] == "4" && r[3].StartsWith("warning:", StringComparison.Ordinal) && r[3].Contains("position 18", StringComparison.Ordinal));

        await using (var scope = OpenDb())
        {
            var stored = await scope.Db.MarketEntities.AsNoTracking()
                .Where(e => e.CreditCode == good1 || e.CreditCode == good2 || e.CreditCode == mismatch).ToListAsync();
            Assert.Equal(3, stored.Count);
            var cable = stored.Single(e => e.CreditCode == good1);
            Assert.Equal("3831", cable.IndustryCode);
            Assert.Equal(new DateOnly(2015, 3, 1), cable.EstablishedOn);
            Assert.True(cable.AboveScale);
            // County taken from the code's division when the column is empty.
            Assert.Equal("371581", stored.Single(e => e.CreditCode == good2).CountyCode);
            // A code failing only its check character is kept exactly as written, with the warning.
            var flagged = stored.Single(e => e.CreditCode == mismatch);
            Assert.Contains("position 18", flagged.CreditCodeWarning, StringComparison.Ordinal);
        }

        var (exit2, output2, _) = await RunCliAsync("import", "registry", path);
        Assert.Equal(0, exit2);
        Assert.Contains("inserted=0 updated=0 unchanged=3 rejected=7", output2, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Progress_zero_prints_a_line_after_every_committed_batch_and_a_negative_interval_is_refused()
    {
        SkipIfUnavailable();
        var path = WriteCsv("progress.csv", "credit_code,name,county_code",
            $"{NewCode()},进度一测试有限公司（演示）,371521",
            $"{NewCode()},进度二测试有限公司（演示）,371521",
            $"{NewCode()},进度三测试有限公司（演示）,371521");

        var (exit, output, error) = await RunCliAsync("import", "registry", path, "--batch", "1", "--progress", "0");

        Assert.Equal(0, exit);
        Assert.Contains("inserted=3 ", output, StringComparison.Ordinal);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(["rows=1 inserted=1", "rows=2 inserted=2", "rows=3 inserted=3"],
            lines.Select(l => string.Join(' ', l.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(2))));

        var (refused, _, why) = await RunCliAsync("import", "registry", path, "--progress", "-1");
        Assert.Equal(64, refused);
        Assert.Contains("--progress must be a whole number of 0 or more, not '-1'", why, StringComparison.Ordinal);
    }

    /// <summary>The error report's data rows, parsed as CSV (reasons contain commas and are quoted).</summary>
    private static List<string[]> ReadReport(string path)
    {
        using var reader = Sylvan.Data.Csv.CsvDataReader.Create(path);
        Assert.Equal(["row", "column", "value", "reason"], Enumerable.Range(0, reader.FieldCount).Select(reader.GetName));
        var rows = new List<string[]>();
        while (reader.Read())
        {
            rows.Add(Enumerable.Range(0, 4).Select(reader.GetString).ToArray());
        }

        return rows;
    }

    [SkippableFact]
    public async Task Real_registry_exports_import_city_level_codes_short_county_names_and_long_statuses()
    {
        SkipIfUnavailable();
        var cityLevel = CreditCode.Compose("91", "371500", "C" + Interlocked.Increment(ref _serial).ToString("0000000", System.Globalization.CultureInfo.InvariantCulture));
        var shortName = NewCode("371521");
        var revoked = NewCode("371581");
        var path = WriteCsv("real.csv",
            "统一社会信用代码,企业名称,所属区县,经营状态",
            $"{cityLevel},聊城市级登记测试有限公司（演示）,,存续（在营、开业、在册）",
            $"{shortName},阳谷简称测试有限公司（演示）,阳谷,在营",
            $"{revoked},临清吊销测试有限公司（演示）,临清市,吊销，未注销");
        var (exit, output, _) = await RunCliAsync("import", "registry", path);
        Assert.Equal(0, exit);
        Assert.Contains("inserted=3 updated=0 unchanged=0 rejected=0 warnings=1", output, StringComparison.Ordinal);
        var warning = Assert.Single(ReadReport(path + ".errors.csv"));
        Assert.Contains("city or province level (371500)", warning[3], StringComparison.Ordinal);

        await using var scope = OpenDb();
        var stored = await scope.Db.MarketEntities.AsNoTracking()
            .Where(e => e.CreditCode == cityLevel || e.CreditCode == shortName || e.CreditCode == revoked)
            .ToDictionaryAsync(e => e.CreditCode);
        Assert.Equal("371500", stored[cityLevel].CountyCode);
        Assert.Equal(Modules.Registry.Contracts.EntityStatus.Active, stored[cityLevel].Status);
        Assert.Equal("371521", stored[shortName].CountyCode);
        Assert.Equal(Modules.Registry.Contracts.EntityStatus.Revoked, stored[revoked].Status);
        Assert.Equal("371581", stored[revoked].CountyCode);
    }

    [SkippableFact]
    public async Task Insured_staff_from_the_annual_report_is_imported_and_a_count_that_is_not_a_number_of_people_is_refused()
    {
        SkipIfUnavailable();
        var (staffed, negative, words) = (NewCode(), NewCode(), NewCode());
        var path = WriteCsv("insured.csv", "统一社会信用代码,名称,县区代码,参保人数",
            $"{staffed},参保测试电缆有限公司（演示）,371521,12", $"{negative},参保负数有限公司（演示）,371521,-3", $"{words},参保文字有限公司（演示）,371521,十二");

        var (_, output, _) = await RunCliAsync("import", "registry", path);

        Assert.Contains("inserted=1 updated=0 unchanged=0 rejected=2", output, StringComparison.Ordinal);
        var rows = ReadReport(path + ".errors.csv");
        Assert.Contains(rows, r => r[0] == "3" && r[1] == "参保人数" && r[2] == "-3" && r[3].Contains("whole number", StringComparison.Ordinal));
        Assert.Contains(rows, r => r[0] == "4" && r[1] == "参保人数" && r[2] == "十二");

        // The next year's report says nobody is insured any more: the count is updated, not left as it was.
        var (_, output2, _) = await RunCliAsync("import", "registry", WriteCsv("insured2.csv", "credit_code,name,county_code,insured_staff", $"{staffed},参保测试电缆有限公司（演示）,371521,0"));
        Assert.Contains("inserted=0 updated=1", output2, StringComparison.Ordinal);
        await using var scope = OpenDb();
        Assert.Equal(0, (await scope.Db.MarketEntities.AsNoTracking().SingleAsync(e => e.CreditCode == staffed)).InsuredStaff);
        Assert.False(await scope.Db.MarketEntities.AnyAsync(e => e.CreditCode == negative || e.CreditCode == words));
    }

    [SkippableFact]
    public async Task A_changed_row_is_updated_and_audited_with_before_and_after()
    {
        SkipIfUnavailable();
        var code = NewCode();
        var path = WriteCsv("v1.csv", "credit_code,name,county_code,contact_phone", $"{code},版本一有限公司（演示）,371521,0635-1234567");
        Assert.Equal(0, (await RunCliAsync("import", "registry", path)).ExitCode);
        // The second file lacks the phone column: the stored phone must survive.
        var path2 = WriteCsv("v2.csv", "credit_code,name,county_code", $"{code},版本二有限公司（演示）,371521");
        var (_, output, _) = await RunCliAsync("import", "registry", path2);
        Assert.Contains("inserted=0 updated=1 unchanged=0", output, StringComparison.Ordinal);

        await using var scope = OpenDb();
        var entity = await scope.Db.MarketEntities.AsNoTracking().SingleAsync(e => e.CreditCode == code);
        Assert.Equal("版本二有限公司（演示）", entity.Name);
        Assert.Equal("0635-1234567", entity.ContactPhone);
        var entries = await scope.Db.AuditEntries.AsNoTracking().Where(e => e.Action == "registry.import").ToListAsync();
        Assert.Contains(entries, e => e.After.Contains(code, StringComparison.Ordinal) && e.After.Contains("版本一有限公司（演示）", StringComparison.Ordinal)
                                      && e.After.Contains("版本二有限公司（演示）", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task An_interrupted_import_keeps_whole_batches_and_a_rerun_completes_it()
    {
        SkipIfUnavailable();
        var codes = Enumerable.Range(0, 25).Select(_ => NewCode("371502")).ToList();
        var path = WriteCsv("big.csv", ["credit_code,name", .. codes.Select((c, i) => $"{c},中断测试{i}有限公司（演示）")]);

        using var cancel = new CancellationTokenSource();
        await using (var scope = OpenDb())
        {
            var importer = new RegistryImporter(scope.Db, Factory.Services.GetRequiredService<AuditLog>())
            {
                BatchSize = 10,
                // Dies after the second committed batch, as a crash would.
                Progress = job => { if (job.RowsRead >= 20) cancel.Cancel(); },
            };
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => importer.ImportAsync(path, "test", cancellationToken: cancel.Token));
        }

        await using (var scope = OpenDb())
        {
            var stored = await scope.Db.MarketEntities.CountAsync(e => codes.Contains(e.CreditCode));
            Assert.Equal(20, stored);
        }

        var (exit, output, _) = await RunCliAsync("import", "registry", path);
        Assert.Equal(0, exit);
        Assert.Contains("inserted=5 updated=0 unchanged=20", output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_job_left_running_by_a_process_that_is_gone_is_marked_stopped_by_the_next_import_and_a_live_or_remote_ones_is_not()
    {
        SkipIfUnavailable();
        // A process that has ended: its id names no process now, or another one started later.
        int endedId;
        using (var ended = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("true") { UseShellExecute = false })!)
        {
            await ended.WaitForExitAsync();
            endedId = ended.Id;
        }

        var machine = Environment.MachineName;
        var thisStart = System.Diagnostics.Process.GetCurrentProcess().StartTime.ToUniversalTime().Ticks;
        var longAgo = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;
        var runners = new Dictionary<string, string?>
        {
            ["ended"] = $"{machine}/{endedId}/{longAgo}",
            ["id used again"] = $"{machine}/{Environment.ProcessId}/{longAgo}",
            ["alive"] = $"{machine}/{Environment.ProcessId}/{thisStart}",
            ["another machine"] = $"another-{machine}/{endedId}/{longAgo}",
            ["before runners were kept"] = null,
            ["garbled"] = $"{machine}/not-a-pid/{longAgo}",
        };
        var ids = runners.Keys.ToDictionary(k => k, _ => Guid.NewGuid());
        await using (var scope = OpenDb())
        {
            foreach (var (name, runner) in runners)
            {
                scope.Db.ImportJobs.Add(new Modules.Registry.ImportJob
                {
                    Id = ids[name], FileName = name + ".csv", Status = "running", Actor = "admin", StartedAtUtc = TestClock.Now.UtcDateTime, RowsRead = 2000, Inserted = 2000,
                    Runner = runner,
                });
            }

            await scope.Db.SaveChangesAsync();
        }

        var path = WriteCsv("after-crash.csv", "credit_code,name", $"{NewCode()},进程检查测试有限公司（演示）");
        var (exit, output, _) = await RunCliAsync("import", "registry", path);
        Assert.Equal(0, exit);
        Assert.Contains("inserted=1 ", output, StringComparison.Ordinal);

        await using (var scope = OpenDb())
        {
            var jobs = await scope.Db.ImportJobs.AsNoTracking().Where(j => ids.Values.Contains(j.Id)).ToDictionaryAsync(j => j.Id);
            foreach (var name in new[] { "ended", "id used again" })
            {
                var stopped = jobs[ids[name]];
                Assert.Equal(("stopped", 2000L, (DateTime?)null, (string?)null), (stopped.Status, stopped.Inserted, stopped.FinishedAtUtc, stopped.FailureMessage));
            }

            foreach (var name in new[] { "alive", "another machine", "before runners were kept", "garbled" })
            {
                Assert.Equal("running", jobs[ids[name]].Status);
            }

            // The import that ran names its own process, and ended completed.
            var own = await scope.Db.ImportJobs.AsNoTracking().SingleAsync(j => j.FileName == Path.GetFileName(path));
            Assert.Equal("completed", own.Status);
            Assert.Matches($@"^{System.Text.RegularExpressions.Regex.Escape(machine)}/\d+/\d+$", own.Runner);
        }

        // The import page's row says it stopped and what to do, and no longer polls for progress.
        var admin = await Factory.SignedInClientAsync("admin");
        var row = await admin.GetStringAsync($"/registry/import?handler=Job&id={ids["ended"]}");
        Assert.DoesNotContain("hx-trigger", row, StringComparison.Ordinal);
        Assert.Contains("中断", row, StringComparison.Ordinal);
        Assert.Contains("重新导入同一文件即可补齐", row, StringComparison.Ordinal);
        Assert.Contains("hx-trigger", await admin.GetStringAsync($"/registry/import?handler=Job&id={ids["alive"]}"), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Export_then_import_of_the_whole_registry_changes_nothing()
    {
        SkipIfUnavailable();
        foreach (var extension in new[] { ".csv", ".xlsx" })
        {
            var path = TempFile("registry" + extension);
            var (exit, output, _) = await RunCliAsync("export", "registry", path);
            Assert.Equal(0, exit);
            long count;
            await using (var scope = OpenDb())
            {
                count = await scope.Db.MarketEntities.LongCountAsync();
            }

            Assert.Contains($"exported {count} entities", output, StringComparison.Ordinal);
            var (importExit, importOutput, _) = await RunCliAsync("import", "registry", path);
            Assert.Equal(0, importExit);
            Assert.Contains($"inserted=0 updated=0 unchanged={count} rejected=0", importOutput, StringComparison.Ordinal);
        }
    }

    [SkippableFact]
    public async Task An_xlsx_file_with_english_headers_imports()
    {
        SkipIfUnavailable();
        var code = NewCode("371526");
        var path = TempFile("sheet.xlsx");
        await MiniExcel.SaveAsAsync(path, new[]
        {
            new Dictionary<string, object?> { ["credit_code"] = code, ["name"] = "高唐表格测试有限公司（演示）", ["industry_code"] = "2221", ["established_on"] = new DateTime(2020, 5, 6) },
        });
        var (exit, output, _) = await RunCliAsync("import", "registry", path);
        Assert.Equal(0, exit);
        Assert.Contains("inserted=1", output, StringComparison.Ordinal);
        await using var scope = OpenDb();
        var entity = await scope.Db.MarketEntities.AsNoTracking().SingleAsync(e => e.CreditCode == code);
        Assert.Equal(new DateOnly(2020, 5, 6), entity.EstablishedOn);
        Assert.Equal("371526", entity.CountyCode);
    }

    [SkippableFact]
    public async Task A_file_that_cannot_be_read_exits_2_and_writes_nothing()
    {
        SkipIfUnavailable();
        var missingColumns = WriteCsv("nocode.csv", "名称,地址", "某公司,某地");
        var (exit, _, error) = await RunCliAsync("import", "registry", missingColumns);
        Assert.Equal(2, exit);
        Assert.Contains("credit_code", error, StringComparison.Ordinal);

        var (exitMissing, _, _) = await RunCliAsync("import", "registry", TempFile("absent.csv"));
        Assert.Equal(2, exitMissing);

        var wrongType = TempFile("registry.pdf");
        await File.WriteAllTextAsync(wrongType, "%PDF");
        Assert.Equal(2, (await RunCliAsync("import", "registry", wrongType)).ExitCode);
    }

    [SkippableFact]
    public async Task A_csv_record_with_text_after_a_closing_quote_exits_2_naming_its_row_and_writes_nothing()
    {
        SkipIfUnavailable();
        var (good, bad) = (NewCode(), NewCode());
        var path = WriteCsv("quote.csv", "credit_code,name", $"{good},阳谷引号测试有限公司（演示）", $"{bad},\"阳谷\"引号测试有限公司（演示）");
        var (exit, _, error) = await RunCliAsync("import", "registry", path);
        Assert.Equal(2, exit);
        Assert.Contains("row 3 is not valid CSV", error, StringComparison.Ordinal);
        await using var scope = OpenDb();
        Assert.False(await scope.Db.MarketEntities.AnyAsync(e => e.CreditCode == good || e.CreditCode == bad));
    }

    [SkippableFact]
    public async Task A_workbook_cut_short_after_its_first_rows_exits_2_naming_the_row_from_which_it_cannot_be_read()
    {
        SkipIfUnavailable();
        var path = TempFile("cut.xlsx");
        await MiniExcel.SaveAsAsync(path, new[]
        {
            new Dictionary<string, object?> { ["credit_code"] = NewCode(), ["name"] = "阳谷截断测试一有限公司（演示）" },
            new Dictionary<string, object?> { ["credit_code"] = NewCode(), ["name"] = "阳谷截断测试二有限公司（演示）" },
        });

        // The sheet ends after its header and first data row, inside the archive a valid entry.
        using (var archive = System.IO.Compression.ZipFile.Open(path, System.IO.Compression.ZipArchiveMode.Update))
        {
            var entry = archive.GetEntry("xl/worksheets/sheet1.xml")!;
            string sheet;
            using (var reader = new StreamReader(entry.Open()))
            {
                sheet = await reader.ReadToEndAsync();
            }

            var rowEnds = System.Text.RegularExpressions.Regex.Matches(sheet, "</(?:[a-z]+:)?row>");
            var cut = rowEnds[1].Index + rowEnds[1].Length;
            entry.Delete();
            await using var writer = new StreamWriter(archive.CreateEntry("xl/worksheets/sheet1.xml").Open());
            await writer.WriteAsync(sheet[..cut]);
        }

        var (exit, _, error) = await RunCliAsync("import", "registry", path);
        Assert.Equal(2, exit);
        // MiniExcel hands out a row only once it has read past it, so the row before the damage is not read either.
        Assert.True(error.Contains("not a readable .xlsx workbook from row 2 on: Unexpected end of file", StringComparison.Ordinal), error);
    }

    [SkippableFact]
    public async Task A_gbk_encoded_csv_from_excel_imports_with_its_chinese_intact()
    {
        SkipIfUnavailable();
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var code = NewCode("371522");
        var path = TempFile("gbk.csv");
        await File.WriteAllTextAsync(path, $"统一社会信用代码,名称\r\n{code},莘县编码测试蔬菜有限公司（演示）\r\n", Encoding.GetEncoding("GB18030"));
        Assert.Equal(0, (await RunCliAsync("import", "registry", path)).ExitCode);
        await using var scope = OpenDb();
        Assert.Equal("莘县编码测试蔬菜有限公司（演示）", await scope.Db.MarketEntities.Where(e => e.CreditCode == code).Select(e => e.Name).SingleAsync());
    }

    [SkippableFact]
    public async Task An_upload_through_the_api_runs_in_the_background_and_reports_progress()
    {
        SkipIfUnavailable();
        var code = NewCode("371524");
        var admin = await Factory.SignedInClientAsync("admin");
        var (id, job) = await RegistryUploads.ImportAsync(admin, Encoding.UTF8.GetBytes($"credit_code,name\n{code},东阿上传测试有限公司（演示）\nBAD,坏行\n"), "upload.csv");

        Assert.Equal("completed", job.GetProperty("status").GetString());
        Assert.Equal("inserted=1 updated=0 unchanged=0 rejected=1 warnings=0", job.GetProperty("summary").GetString());
        var report = await admin.GetStringAsync($"/api/registry/imports/{id}/errors.csv");
        Assert.Contains("3,credit_code,BAD,", report, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task An_uploads_error_report_is_written_in_the_uploaders_language()
    {
        SkipIfUnavailable();
        var admin = await Factory.SignedInClientAsync("admin");
        var upload = Encoding.UTF8.GetBytes($"credit_code,name,status,备注\n{NewCode("371525")},冠县语言测试有限公司（演示）,歇业\n");

        // Chinese by default: the header, the reason and the warning about the unknown column.
        var (chineseId, _) = await RegistryUploads.ImportAsync(admin, upload, "zh.csv");
        var chinese = (await admin.GetStringAsync($"/api/registry/imports/{chineseId}/errors.csv")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("行号,列,值,原因", chinese[0].TrimStart('\uFEFF').TrimEnd('\r'));
        Assert.Contains(chinese, l => l.StartsWith("1,备注,备注,警告：未知的列，已忽略", StringComparison.Ordinal));
        Assert.Contains(chinese, l => l.StartsWith("2,status,歇业,登记状态须为 存续、注销 或 吊销", StringComparison.Ordinal));
        Assert.DoesNotContain(chinese.Skip(1), l => l.Any(char.IsAsciiLetterLower) && !l.Contains("status", StringComparison.Ordinal));

        // The same file uploaded in English.
        var (englishId, _) = await RegistryUploads.ImportAsync(admin, upload, "en.csv", culture: "en");
        var english = (await admin.GetStringAsync($"/api/registry/imports/{englishId}/errors.csv")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("row,column,value,reason", english[0].TrimStart('\uFEFF').TrimEnd('\r'));
        Assert.Contains(english, l => l.StartsWith("1,备注,备注,\"warning: unknown column, ignored\"", StringComparison.Ordinal));
        Assert.Contains(english, l => l.StartsWith("2,status,歇业,status must be", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task An_upload_of_the_wrong_type_is_refused_naming_the_field()
    {
        SkipIfUnavailable();
        var admin = await Factory.SignedInClientAsync("admin");
        using var form = new MultipartFormDataContent { { new StringContent("x"), "file", "registry.docx" } };
        var response = await admin.PostAsync("/api/registry/imports", form);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("file", body, StringComparison.Ordinal);
        Assert.Contains(".docx", body, StringComparison.Ordinal);
    }
}

public sealed class SqliteImportTests(SqliteFactory factory) : ImportTests(factory), IClassFixture<SqliteFactory>;

public sealed class PostgresImportTests(PostgresFactory factory) : ImportTests(factory), IClassFixture<PostgresFactory>;
