using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using QualityCity.Domain.Common;
using QualityCity.Domain.Planning;
using QualityCity.Web.Data;
using QualityCity.Web.Hosting;
using QualityCity.Web.Modules.Planning.Contracts;
using QualityCity.Web.Modules.Registry.Contracts;

namespace QualityCity.Web.Modules.Inspections.Calibration;

/// <summary>
/// Counts INS-12's figures from exactly the inspections the open data publishes: routine, with a
/// planned grade, published, with at least one item result. A problem found is any item recorded as a
/// problem. The year is the inspection's. Anyone can recompute every figure from
/// /open-data/inspection-results.csv; /open-data/calibration.csv publishes them. The figures are kept
/// in memory under the version stamp of that file, so they change when the results do and are
/// counted once per change, not per visitor.
/// </summary>
public sealed class CalibrationFigures(QualityCityDbContext db, IMemoryCache cache) : IInspectionCalibration
{
    public const string CsvDocument = "calibration.csv";

    /// <summary>The grading rules tested against what inspections find (RiskGrading's rule ids).</summary>
    public static readonly IReadOnlyList<string> Rules =
        ["credit-class", "failed-sampling", "complaints", "penalties", "abnormal-list", "hazardous-industry", "manual-override"];

    public static readonly string[] Columns = ["year", "department", "stratum", "inspected", "found", "rate", "wilson_low", "wilson_high"];

    // One count at a time, however many visitors arrive together after a change.
    private static readonly SemaphoreSlim CountGate = new(1, 1);

    public static void TrackSources()
    {
        PublishedFiles.Track<Inspection>(CsvDocument);
        PublishedFiles.Track<InspectionItemResult>(CsvDocument);
    }

    public async Task<CalibrationReport> ReportAsync(CancellationToken cancellationToken)
    {
        var key = ("calibration", await PublishedFiles.VersionAsync(db, CsvDocument, cancellationToken));
        if (cache.TryGetValue(key, out CalibrationReport? report) && report is not null)
        {
            return report;
        }

        await CountGate.WaitAsync(cancellationToken);
        try
        {
            if (cache.TryGetValue(key, out report) && report is not null)
            {
                return report;
            }

            report = await CountAsync(db, cancellationToken);
            cache.Set(key, report, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromHours(6) });
            return report;
        }
        finally
        {
            CountGate.Release();
        }
    }

    private static async Task<CalibrationReport> CountAsync(QualityCityDbContext db, CancellationToken cancellationToken)
    {
        var rows = from i in db.Inspections.AsNoTracking()
                   where i.PublishedAtUtc != null && i.Kind == InspectionKinds.Routine && i.PlannedGrade != null && i.Results.Any()
                   join d in db.Departments.AsNoTracking() on i.DepartmentId equals d.Id
                   select new { i.Date, d.Code, i.PlannedGrade, i.ControlSample, i.GradeInputs, Problem = i.Results.Any(r => r.Outcome == Outcomes.Problem) };
        // Streamed and counted as it comes: memory grows with the kinds of inspection, not their number.
        var counts = new Dictionary<(int Year, string Department, string Grade, bool Control, string Inputs), (int Inspected, int Found)>();
        await foreach (var row in rows.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            var cell = (row.Date.Year, row.Code, row.PlannedGrade!, row.ControlSample, row.GradeInputs);
            var (inspected, found) = counts.GetValueOrDefault(cell);
            counts[cell] = (inspected + 1, found + (row.Problem ? 1 : 0));
        }

        var tallies = counts.Where(c => RiskGrades.All.Contains(c.Key.Grade))
            .Select(c => new CalibrationTally(c.Key.Year, c.Key.Department, RiskGrades.Parse(c.Key.Grade), c.Key.Control,
                c.Key.Inputs.Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal), c.Value.Inspected, c.Value.Found))
            .ToList();
        var cells = Domain.Planning.Calibration.Cells(tallies);
        return new CalibrationReport(tallies, cells, Domain.Planning.Calibration.ControlSample(tallies), Domain.Planning.Calibration.Misses(cells),
            Domain.Planning.Calibration.Inputs(tallies, Rules));
    }

    /// <summary>
    /// calibration.csv: one row per (year, department, stratum) — the three grades, and <c>control</c>
    /// for the control sample (counted in <c>green</c> too); department <c>all</c> is every department.
    /// </summary>
    public static async Task WriteCsvAsync(QualityCityDbContext db, Stream output, CancellationToken cancellationToken)
    {
        // Counted from the rows, not taken from the cache: the file is its own version's content.
        var report = await CountAsync(db, cancellationToken);
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 1 << 16);
        await writer.WriteAsync(string.Join(',', Columns) + "\n");
        foreach (var cell in report.Cells)
        {
            await writer.WriteAsync(Line(cell.Year, cell.Department, cell.Grade.ToString().ToLowerInvariant(), cell.Rate));
        }

        foreach (var (year, rate) in report.Control)
        {
            await writer.WriteAsync(Line(year, Domain.Planning.Calibration.AllDepartments, "control", rate));
        }
    }

    private static string Line(int year, string department, string stratum, ProblemRate rate) =>
        string.Join(',', new[]
        {
            year.ToString(CultureInfo.InvariantCulture), department == Domain.Planning.Calibration.AllDepartments ? "all" : department, stratum,
            rate.Inspected.ToString(CultureInfo.InvariantCulture), rate.Found.ToString(CultureInfo.InvariantCulture),
            rate.Rate is { } r ? Number(r) : string.Empty, Number(rate.Low), Number(rate.High),
        }.Select(SpreadsheetCell.CsvField)) + "\n";

    private static string Number(double value) => value.ToString("0.000000", CultureInfo.InvariantCulture);
}
