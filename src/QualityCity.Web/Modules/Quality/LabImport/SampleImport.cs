using System.Globalization;
using QualityCity.Web.Hosting;
using QualityCity.Web.Localization;
using QualityCity.Web.Modules.Jobs.Contracts;
using QualityCity.Web.Modules.Quality.Samples;
using QualityCity.Web.Modules.Registry.Contracts;

namespace QualityCity.Web.Modules.Quality.LabImport;

/// <summary>A refused row of a lab file: its number in the file, the field and the reason.</summary>
public sealed record ImportRowError(long Row, string SampleNo, string Field, string Reason);

/// <summary>What an import did: samples and test items saved, and every refused row.</summary>
public sealed record SampleImportReport(int Samples, int Items, int RowsRead, IReadOnlyList<ImportRowError> Errors);

/// <summary>
/// Imports lab results from CSV or XLSX (QLT-1): one row per test item, the sample's columns repeated
/// on each row. Every row is checked on its own; a refused row is reported with its number, field and
/// reason, and the good rows are kept — a sample is saved with its good rows, so a typo in one item
/// does not throw away a lab's whole batch. Headers may be English or Chinese.
/// </summary>
public sealed class SampleImport(SampleValidator validator, SampleRecorder recorder, Text text, PlatformMetrics metrics)
{
    /// <summary>The columns, each with the headers it may have.</summary>
    public static readonly IReadOnlyList<(string Column, string[] Headers)> Columns =
    [
        ("sample_no", ["抽样单编号", "样品编号"]), ("level", ["抽查层级"]), ("authority", ["组织部门", "抽查部门"]), ("kind", ["抽查类型"]),
        ("product_category", ["产品类别"]), ("specification", ["规格型号"]), ("batch", ["批号", "生产日期/批号"]), ("brand", ["商标"]),
        ("producer_credit_code", ["标称生产者统一社会信用代码", "生产者信用代码"]), ("producer_name", ["标称生产者", "生产者名称"]), ("county", ["区县代码"]),
        ("made_in_county", ["实际产地"]), ("seller_name", ["被抽样单位"]), ("place", ["抽样地点"]), ("sampled_on", ["抽样日期"]), ("lab", ["检验机构"]),
        ("report_no", ["报告编号"]), ("reported_on", ["报告日期"]), ("item", ["检验项目"]), ("measured", ["实测值"]), ("limit", ["标准值", "标准要求"]),
        ("unit", ["单位"]), ("passed", ["判定", "单项判定"]),
    ];

    /// <summary>A column as a Chinese reader knows it (its first Chinese header); several columns joined by commas are each named.</summary>
    public static string ChineseHeaders(string columns) => string.Join("、", columns.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(c => Columns.FirstOrDefault(x => x.Column == c).Headers?[0] ?? c));

    /// <summary>
    /// Imports a lab file, reporting the rows checked (and refused) to <paramref name="progress"/>;
    /// counted in the platform's import metrics (a file without the required columns as failed).
    /// </summary>
    /// <exception cref="RegistryFileException">The file cannot be read at all (nothing is saved).</exception>
    public Task<SampleImportReport> ImportAsync(string path, string actor, IProgress<JobProgress>? progress, CancellationToken ct) =>
        metrics.TrackImportAsync(ImportKind.LabSamples, () => ImportFileAsync(path, actor, progress, ct),
            report => report.RowsRead == 0 && report.Errors.Count > 0 ? null : new ImportRowCounts(report.Items, 0, 0, report.RowsRead - report.Items));

    private async Task<SampleImportReport> ImportFileAsync(string path, string actor, IProgress<JobProgress>? progress, CancellationToken ct)
    {
        using var reader = RegistryFileReader.Open(path);
        var file = SampleRows.Read(reader, text);
        if (file.Samples.Count == 0 && file.Errors.Count > 0)
        {
            return new SampleImportReport(0, 0, 0, file.Errors); // the header lacks a required column
        }

        var errors = file.Errors;
        var rows = file.Rows;
        var saved = new List<Sample>();
        var checkedRows = 0L;
        foreach (var group in file.Samples)
        {
            progress?.Report(new JobProgress(checkedRows, rows, errors.Count));
            checkedRows += group.RowCount;
            var first = group.First;
            var good = group.Good;

            // Items that are not test items of the category are refused one by one; the rest of the sample stays.
            var request = Request(first.Cells, good.Select(g => g.Item).ToList(), out var dateError);
            var (sample, sampleErrors) = await validator.ValidateAsync(request, ct);
            var itemErrors = sampleErrors.Where(e => e.Key.StartsWith("items:", StringComparison.Ordinal)).ToList();
            if (itemErrors.Count > 0 && sampleErrors.Count == itemErrors.Count)
            {
                foreach (var (key, messages) in itemErrors)
                {
                    var code = key["items:".Length..];
                    var bad = good.First(g => g.Item.Item == code);
                    errors.Add(new ImportRowError(bad.Row, group.SampleNo, "item", string.Join("；", messages)));
                    good.Remove(bad);
                }

                (sample, sampleErrors) = await validator.ValidateAsync(Request(first.Cells, good.Select(g => g.Item).ToList(), out dateError), ct);
            }

            if (sample is null || dateError is not null)
            {
                // A fault in the sample's own columns: each of its rows is refused with the reason.
                var reasons = dateError is not null ? [("sampled_on", dateError)] : sampleErrors.Select(e => (Field: ColumnOf(e.Key), Reason: string.Join("；", e.Value))).ToList();
                foreach (var (row, _) in good)
                {
                    errors.AddRange(reasons.Select(r => new ImportRowError(row, group.SampleNo, r.Item1, r.Item2)));
                }

                continue;
            }

            if (good.Count == 0)
            {
                continue;
            }

            sample.CreatedBy = actor;
            saved.Add(sample);
        }

        if (saved.Count > 0)
        {
            await recorder.SaveAsync(saved, actor, ct);
        }

        progress?.Report(new JobProgress(rows, rows, errors.Count));
        return new SampleImportReport(saved.Count, saved.Sum(s => s.Items.Count), rows, errors.OrderBy(e => e.Row).ToList());
    }

    private SampleRequest Request(Dictionary<string, string> cells, IReadOnlyList<SampleItemRequest> items, out string? dateError)
    {
        dateError = null;
        var sampledOn = ParseDate(cells["sampled_on"]);
        if (sampledOn is null)
        {
            dateError = text.Format("日期格式须为 yyyy-MM-dd，而不是“{0}”", cells["sampled_on"]);
        }

        return new SampleRequest(cells["sample_no"], cells["level"], cells["authority"], Cell(cells, "kind") ?? "routine", cells["product_category"],
            Cell(cells, "specification"), Cell(cells, "batch"), Cell(cells, "brand"), cells["producer_credit_code"], Cell(cells, "producer_name"),
            Cell(cells, "county"), Cell(cells, "made_in_county"), null, Cell(cells, "seller_name"), Cell(cells, "place"), sampledOn, Cell(cells, "lab"),
            Cell(cells, "report_no"), ParseDate(Cell(cells, "reported_on")), null, items);
    }

    private static string? Cell(Dictionary<string, string> cells, string column) =>
        cells.TryGetValue(column, out var value) && value.Length > 0 ? value : null;

    private static string ColumnOf(string field) => field switch
    {
        "sampleNo" => "sample_no",
        "productCategory" => "product_category",
        "producerCreditCode" => "producer_credit_code",
        "sampledOn" => "sampled_on",
        "reportedOn" => "reported_on",
        "items" => "item",
        _ => field,
    };

    public static bool? ParsePassed(string value) => value.Trim().ToLowerInvariant() switch
    {
        "合格" or "pass" or "passed" or "true" or "1" or "符合" => true,
        "不合格" or "fail" or "failed" or "false" or "0" or "不符合" => false,
        _ => null,
    };

    /// <summary>A date as labs write it (yyyy-MM-dd, yyyy/M/d, or what .NET reads invariantly), or null.</summary>
    public static DateOnly? ParseDate(string? value) =>
        DateOnly.TryParseExact(value?.Trim(), ["yyyy-MM-dd", "yyyy/M/d", "yyyy-M-d", "yyyy/MM/dd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var dateTime) ? DateOnly.FromDateTime(dateTime) : null;
}

/// <summary>A sample's rows of a lab file: its number, its first row's cells, how many rows name it and the items of those not refused.</summary>
public sealed record SampleRowGroup(string SampleNo, (long Row, Dictionary<string, string> Cells) First, int RowCount, List<(long Row, SampleItemRequest Item)> Good);

/// <summary>A lab file read and checked row by row: the non-empty rows, the samples they name, and the rows refused so far.</summary>
public sealed record SampleFileRows(int Rows, IReadOnlyList<SampleRowGroup> Samples, List<ImportRowError> Errors);

/// <summary>
/// The checks of a lab file that need no database (QLT-1): the required columns, and per row that the
/// sample's columns agree with its first row, the verdict reads as pass or fail and no item is named twice.
/// </summary>
public static class SampleRows
{
    /// <summary>Columns that describe the sample rather than the item: every row of a sample must repeat them alike.</summary>
    private static readonly string[] SampleColumns = ["level", "authority", "product_category", "producer_credit_code", "sampled_on"];

    private static readonly string[] Required = ["sample_no", "level", "authority", "product_category", "producer_credit_code", "sampled_on", "item", "passed"];

    /// <summary>Reads the file's rows; a file without the required columns gives no rows and one error on row 1.</summary>
    public static SampleFileRows Read(RegistryFileReader reader, Text text)
    {
        var index = reader.LocateColumns(SampleImport.Columns);
        var missing = Required.Where(r => !index.ContainsKey(r)).ToList();
        if (missing.Count > 0)
        {
            return new SampleFileRows(0, [], [new ImportRowError(1, string.Empty, string.Join(",", missing), text["缺少必需的列"])]);
        }

        var errors = new List<ImportRowError>();
        var rows = new List<(long Row, Dictionary<string, string> Cells)>();
        foreach (var raw in reader.Rows)
        {
            var cells = raw.CellsBy(index);
            if (cells.Values.All(string.IsNullOrEmpty))
            {
                continue;
            }

            rows.Add((raw.RowNumber, cells));
        }

        var samples = new List<SampleRowGroup>();
        foreach (var group in rows.GroupBy(r => r.Cells["sample_no"]))
        {
            var first = group.First();
            var good = new List<(long Row, SampleItemRequest Item)>();
            foreach (var (row, cells) in group)
            {
                // The sample's columns must agree with the group's first row.
                var conflict = SampleColumns.FirstOrDefault(c => cells[c] != first.Cells[c]);
                if (conflict is not null)
                {
                    errors.Add(new ImportRowError(row, group.Key, conflict, text.Format("与同一样品第 {0} 行不一致", first.Row)));
                    continue;
                }

                var passed = SampleImport.ParsePassed(cells["passed"]);
                if (passed is null)
                {
                    errors.Add(new ImportRowError(row, group.Key, "passed", text.Format("判定须为 合格/不合格（或 pass/fail），而不是“{0}”", cells["passed"])));
                    continue;
                }

                if (good.Any(g => g.Item.Item == cells["item"]))
                {
                    errors.Add(new ImportRowError(row, group.Key, "item", text.Format("检验项目 {0} 在同一样品中重复", cells["item"])));
                    continue;
                }

                good.Add((row, new SampleItemRequest(cells["item"], Cell(cells, "measured"), Cell(cells, "limit"), Cell(cells, "unit"), passed)));
            }

            samples.Add(new SampleRowGroup(group.Key, first, group.Count(), good));
        }

        return new SampleFileRows(rows.Count, samples, errors);
    }

    private static string? Cell(Dictionary<string, string> cells, string column) =>
        cells.TryGetValue(column, out var value) && value.Length > 0 ? value : null;
}
