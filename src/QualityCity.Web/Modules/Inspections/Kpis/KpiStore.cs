using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using QualityCity.Web.Data;

namespace QualityCity.Web.Modules.Inspections.Kpis;

/// <summary>
/// The keys of the kept KPI figures that an operation touched: the days and departments of the
/// inspections it changed, the enterprises whose visits may have changed, the due days of the tasks.
/// Name an inspection before a change that may move it (its old day) and after (its new day).
/// </summary>
public sealed class KpiKeys
{
    internal HashSet<(DateOnly Date, int DepartmentId)> Days { get; } = [];
    internal HashSet<(DateOnly DueDate, int DepartmentId)> TaskDays { get; } = [];
    internal HashSet<string> Enterprises { get; } = new(StringComparer.Ordinal);

    /// <summary>The inspection's day figures (count, problems, publication, rating) and its enterprise's visits.</summary>
    public KpiKeys Inspection(Inspection inspection)
    {
        Enterprises.Add(inspection.CreditCode);
        return Day(inspection);
    }

    /// <summary>Only the inspection's day figures: a change that cannot touch its visit (publication, a rating).</summary>
    public KpiKeys Day(Inspection inspection)
    {
        Days.Add((inspection.Date, inspection.DepartmentId));
        return this;
    }

    public KpiKeys Task(RectificationTask task)
    {
        TaskDays.Add((task.DueDate, task.DepartmentId));
        return this;
    }
}

/// <summary>
/// The KPI figures kept as the records change (EXE-8, ADR 0023), so that the KPI page reads a row per
/// day instead of grouping two years of inspections. Each kept table has one definition, an
/// <c>INSERT … SELECT</c> grouping the records, used two ways: an operation that changes inspections,
/// results, tasks or ratings names the keys it touched (<see cref="KpiKeys"/>), and their rows are
/// deleted and inserted again from the records inside the operation's transaction; the full rebuild
/// (after the demo history, and at start-up when an upgraded database has inspections and no
/// figures) runs the same statements over every key. There is no +1/−1 arithmetic and no snapshot:
/// the figures are always what the records say.
/// </summary>
/// <remarks>
/// Figures that depend on today (results unpublished past their due day) are not kept; the
/// calculator counts them live from the few unpublished inspections.
/// </remarks>
public static class KpiStore
{
    /// <summary>The PostgreSQL advisory lock of KPI changes (the audit log's is 727100).</summary>
    private const long ChangeLock = 727200;

    /// <summary>
    /// Begins an operation that changes KPI records: its transaction, and on PostgreSQL a lock that
    /// serialises such operations until commit, so that each one reads the records it recomputes
    /// from after the previous one committed (two officers of a joint visit recording at once
    /// recompute the same enterprise's visits). SQLite transactions begin IMMEDIATE and are serial
    /// already. Take it before reading what the operation changes, and before any save: the audit
    /// log's lock is taken at the first save, always after this one.
    /// </summary>
    public static async Task<IDbContextTransaction> BeginAsync(QualityCityDbContext db, CancellationToken cancellationToken)
    {
        var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (db.IsPostgres)
        {
            await ExecuteAsync(db, "SELECT pg_advisory_xact_lock({0})", cancellationToken, ChangeLock);
        }

        return transaction;
    }

    /// <summary>Recomputes the kept rows of the keys from the records, in the caller's transaction (see <see cref="BeginAsync"/>).</summary>
    public static async Task RefreshAsync(QualityCityDbContext db, KpiKeys keys, CancellationToken cancellationToken)
    {
        foreach (var (date, department) in keys.Days)
        {
            await ExecuteAsync(db, """DELETE FROM kpi_inspection_days WHERE "Date" = {0} AND "DepartmentId" = {1}""", cancellationToken, date, department);
            await ExecuteAsync(db, InspectionDays(db, """WHERE i."Date" = {0} AND i."DepartmentId" = {1}"""), cancellationToken, date, department);
        }

        foreach (var (dueDate, department) in keys.TaskDays)
        {
            await ExecuteAsync(db, """DELETE FROM kpi_task_days WHERE "DueDate" = {0} AND "DepartmentId" = {1}""", cancellationToken, dueDate, department);
            await ExecuteAsync(db, TaskDays(db, """WHERE "DueDate" = {0} AND "DepartmentId" = {1}"""), cancellationToken, dueDate, department);
        }

        // A visit's first day moves when an inspection moves, and the enterprise's other visits'
        // next days with it; the visit counts of the days it left and reached follow.
        var visitDays = new HashSet<DateOnly>();
        foreach (var creditCode in keys.Enterprises)
        {
            visitDays.UnionWith(await VisitDaysOfAsync(db, creditCode, cancellationToken));
            await ExecuteAsync(db, """DELETE FROM kpi_visits WHERE "CreditCode" = {0}""", cancellationToken, creditCode);
            await ExecuteAsync(db, Visits("""WHERE "CreditCode" = {0}"""), cancellationToken, creditCode);
            visitDays.UnionWith(await VisitDaysOfAsync(db, creditCode, cancellationToken));
        }

        foreach (var date in visitDays)
        {
            await ExecuteAsync(db, """DELETE FROM kpi_visit_days WHERE "Date" = {0}""", cancellationToken, date);
            await ExecuteAsync(db, VisitDays("""WHERE "Date" = {0}"""), cancellationToken, date);
        }
    }

    /// <summary>Recomputes every kept row from the records (after a bulk load; a test compares it with the rows kept by the operations).</summary>
    public static async Task RebuildAsync(QualityCityDbContext db, CancellationToken cancellationToken)
    {
        await using var transaction = await BeginAsync(db, cancellationToken);
        await ExecuteAsync(db, "DELETE FROM kpi_inspection_days", cancellationToken);
        await ExecuteAsync(db, InspectionDays(db, string.Empty), cancellationToken);
        await ExecuteAsync(db, "DELETE FROM kpi_task_days", cancellationToken);
        await ExecuteAsync(db, TaskDays(db, string.Empty), cancellationToken);
        await ExecuteAsync(db, "DELETE FROM kpi_visits", cancellationToken);
        await ExecuteAsync(db, Visits(string.Empty), cancellationToken);
        await ExecuteAsync(db, "DELETE FROM kpi_visit_days", cancellationToken);
        await ExecuteAsync(db, VisitDays(string.Empty), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// A database that has inspections and no kept figures (upgraded from a version that computed
    /// them on every request) gets them once, at start-up. Returns whether it rebuilt.
    /// </summary>
    public static async Task<bool> BackfillAsync(QualityCityDbContext db, CancellationToken cancellationToken)
    {
        if (await db.KpiInspectionDays.AnyAsync(cancellationToken) || !await db.Inspections.AnyAsync(cancellationToken))
        {
            return false;
        }

        await RebuildAsync(db, cancellationToken);
        return true;
    }

    /// <summary>
    /// Whether an instant (UTC) falls on a day (China time, UTC+8 all year) no later than a date:
    /// before 16:00 UTC of that date. SQLite compares the stored texts ("yyyy-MM-dd HH:mm:ss…"),
    /// PostgreSQL the timestamps.
    /// </summary>
    private static string OnChinaDayOrBefore(QualityCityDbContext db, string instant, string day) => db.IsPostgres
        ? $"{instant} < ({day} + TIME '16:00') AT TIME ZONE 'UTC'"
        : $"{instant} < {day} || ' 16:00:00'";

    // The definitions. Each groups the records of the keys its condition selects (all of them when
    // it is empty) into the rows of one kept table.

    /// <summary>
    /// Per day and department: inspections, their problem results (the filtered index holds only
    /// those), published and published on time, ratings and their scores (an inspection has one
    /// rating at most, so the join does not repeat inspections).
    /// </summary>
    private static string InspectionDays(QualityCityDbContext db, string condition) => $$"""
        INSERT INTO kpi_inspection_days ("Date", "DepartmentId", "Inspections", "Problems", "Published", "PublishedOnTime", "Ratings", "RatingScore")
        SELECT i."Date", i."DepartmentId", COUNT(*),
            SUM((SELECT COUNT(*) FROM inspection_item_results r WHERE r."InspectionId" = i."Id" AND r."Outcome" = '{{Outcomes.Problem}}')),
            SUM(CASE WHEN i."PublishedAtUtc" IS NOT NULL THEN 1 ELSE 0 END),
            SUM(CASE WHEN i."PublishedAtUtc" IS NOT NULL AND i."PublicationDue" IS NOT NULL AND {{OnChinaDayOrBefore(db, "i.\"PublishedAtUtc\"", "i.\"PublicationDue\"")}} THEN 1 ELSE 0 END),
            COUNT(g."Id"), COALESCE(SUM(g."Score"), 0)
        FROM inspections i LEFT JOIN inspection_ratings g ON g."InspectionId" = i."Id"
        {{condition}}
        GROUP BY i."Date", i."DepartmentId"
        """;

    /// <summary>Per due day and department: tasks due, and closed on or before the due day.</summary>
    private static string TaskDays(QualityCityDbContext db, string condition) => $$"""
        INSERT INTO kpi_task_days ("DueDate", "DepartmentId", "Due", "OnTime")
        SELECT "DueDate", "DepartmentId", COUNT(*),
            SUM(CASE WHEN "Status" = 'closed' AND "ClosedAtUtc" IS NOT NULL AND {{OnChinaDayOrBefore(db, "\"ClosedAtUtc\"", "\"DueDate\"")}} THEN 1 ELSE 0 END)
        FROM rectification_tasks
        {{condition}}
        GROUP BY "DueDate", "DepartmentId"
        """;

    /// <summary>
    /// Per enterprise and visit key: the first day, the distinct departments, and the enterprise's
    /// next visit's day in (day, key) order. The condition selects whole enterprises, so that the
    /// next days are computed over all of an enterprise's visits.
    /// </summary>
    private static string Visits(string condition) => $$"""
        INSERT INTO kpi_visits ("CreditCode", "VisitKey", "Date", "Departments", "NextDate")
        SELECT "CreditCode", "VisitKey", MIN("Date"), COUNT(DISTINCT "DepartmentId"),
            LEAD(MIN("Date")) OVER (PARTITION BY "CreditCode" ORDER BY MIN("Date"), "VisitKey")
        FROM inspections
        {{condition}}
        GROUP BY "CreditCode", "VisitKey"
        """;

    /// <summary>Per day: the visits that began on it, and the joint ones; grouped from <c>kpi_visits</c>, so refreshed after it.</summary>
    private static string VisitDays(string condition) => $$"""
        INSERT INTO kpi_visit_days ("Date", "Visits", "JointVisits")
        SELECT "Date", COUNT(*), SUM(CASE WHEN "Departments" > 1 THEN 1 ELSE 0 END)
        FROM kpi_visits
        {{condition}}
        GROUP BY "Date"
        """;

    private static Task<List<DateOnly>> VisitDaysOfAsync(QualityCityDbContext db, string creditCode, CancellationToken cancellationToken) =>
        db.KpiVisits.Where(v => v.CreditCode == creditCode).Select(v => v.Date).Distinct().ToListAsync(cancellationToken);

    private static Task<int> ExecuteAsync(QualityCityDbContext db, string sql, CancellationToken cancellationToken, params object[] parameters) =>
        db.Database.ExecuteSqlRawAsync(sql, parameters, cancellationToken);
}
