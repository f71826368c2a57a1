using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using QualityCity.Web.Data;
using QualityCity.Web.Modules.Planning.Contracts;

namespace QualityCity.Web.Modules.Planning.DrawPlan;

/// <summary>
/// Writes a drawn plan as rows (<see cref="PlannedVisit"/> and its neighbours) from the same
/// documents that are stored as draw.json and plan.json. A plan of a million-enterprise city has
/// millions of rows, so they bypass EF's change tracker: a prepared statement on SQLite, binary
/// COPY on PostgreSQL, inside the caller's transaction.
/// </summary>
public static class PlanRowWriter
{
    private sealed record Table(string Name, (string Column, NpgsqlDbType Type)[] Columns);

    private static readonly Table Visits = new("plan_visits",
        [("DrawId", NpgsqlDbType.Integer), ("Position", NpgsqlDbType.Integer), ("VisitKey", NpgsqlDbType.Text), ("Enterprise", NpgsqlDbType.Text),
            ("Date", NpgsqlDbType.Date), ("MovedFrom", NpgsqlDbType.Date)]);

    private static readonly Table Obligations = new("plan_visit_obligations",
        [("DrawId", NpgsqlDbType.Integer), ("VisitPosition", NpgsqlDbType.Integer), ("Position", NpgsqlDbType.Integer), ("Department", NpgsqlDbType.Text),
            ("WindowStart", NpgsqlDbType.Date), ("WindowEnd", NpgsqlDbType.Date), ("Reason", NpgsqlDbType.Text), ("Grade", NpgsqlDbType.Text),
            ("ControlSample", NpgsqlDbType.Boolean)]);

    private static readonly Table ObligationItems = new("plan_visit_obligation_items",
        [("DrawId", NpgsqlDbType.Integer), ("VisitPosition", NpgsqlDbType.Integer), ("ObligationPosition", NpgsqlDbType.Integer),
            ("Position", NpgsqlDbType.Integer), ("ItemCode", NpgsqlDbType.Text)]);

    private static readonly Table Inspectors = new("plan_visit_inspectors",
        [("DrawId", NpgsqlDbType.Integer), ("VisitPosition", NpgsqlDbType.Integer), ("Department", NpgsqlDbType.Text), ("Position", NpgsqlDbType.Integer),
            ("InspectorId", NpgsqlDbType.Integer)]);

    private static readonly Table Recognitions = new("plan_recognitions",
        [("DrawId", NpgsqlDbType.Integer), ("Position", NpgsqlDbType.Integer), ("Enterprise", NpgsqlDbType.Text), ("Department", NpgsqlDbType.Text),
            ("Items", NpgsqlDbType.Text), ("WindowStart", NpgsqlDbType.Date), ("WindowEnd", NpgsqlDbType.Date), ("WholeObligation", NpgsqlDbType.Boolean),
            ("Reason", NpgsqlDbType.Text)]);

    private static readonly Table CapViolations = new("plan_cap_violations",
        [("DrawId", NpgsqlDbType.Integer), ("Position", NpgsqlDbType.Integer), ("Enterprise", NpgsqlDbType.Text), ("Kind", NpgsqlDbType.Text),
            ("Department", NpgsqlDbType.Text), ("Item", NpgsqlDbType.Text), ("Visits", NpgsqlDbType.Integer), ("Cap", NpgsqlDbType.Integer)]);

    private static readonly Table Understaffed = new("plan_understaffed",
        [("DrawId", NpgsqlDbType.Integer), ("Position", NpgsqlDbType.Integer), ("VisitKey", NpgsqlDbType.Text), ("Department", NpgsqlDbType.Text),
            ("Inspectors", NpgsqlDbType.Integer), ("Required", NpgsqlDbType.Integer)]);

    /// <summary>Writes the rows of draw <paramref name="drawId"/>; runs inside the caller's transaction.</summary>
    public static async Task WriteAsync(QualityCityDbContext db, int drawId, PlanDocument plan, DrawDocument draw, CancellationToken cancellationToken)
    {
        var positions = new Dictionary<string, int>(plan.Visits.Count, StringComparer.Ordinal);
        for (var i = 0; i < plan.Visits.Count; i++)
        {
            positions.TryAdd(plan.Visits[i].VisitKey, i);
        }

        await InsertAsync(db, Visits, plan.Visits.Select((v, i) => new object?[] { drawId, i, v.VisitKey, v.Enterprise, Day(v.Date), v.MovedFrom is { } m ? Day(m) : null }),
            cancellationToken);
        await InsertAsync(db, Obligations, plan.Visits.SelectMany((v, i) => v.Obligations.Select((o, j) => new object?[]
            {
                drawId, i, j, o.Department, Day(o.WindowStart), Day(o.WindowEnd), o.Reason, o.Grade, o.ControlSample,
            })), cancellationToken);
        await InsertAsync(db, ObligationItems, plan.Visits.SelectMany((v, i) => v.Obligations.SelectMany((o, j) => o.Items.Select((item, k) => new object?[]
            {
                drawId, i, j, k, item,
            }))), cancellationToken);
        // An assignment names its visit by key; one whose key is not a visit of the plan has no row to belong to.
        await InsertAsync(db, Inspectors, draw.InspectorAssignments.Where(a => positions.ContainsKey(a.VisitKey)).SelectMany(a => a.Inspectors
            .Select((t, k) => (t.Id, k)).Where(t => int.TryParse(t.Id, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            .Select(t => new object?[] { drawId, positions[a.VisitKey], a.Department, t.k, int.Parse(t.Id, CultureInfo.InvariantCulture) })), cancellationToken);
        await InsertAsync(db, Recognitions, plan.Recognised.Select((r, i) => new object?[]
            {
                drawId, i, r.Enterprise, r.Department, string.Join(" ", r.Items), Day(r.WindowStart), Day(r.WindowEnd), r.WholeObligation, r.Reason,
            }), cancellationToken);
        await InsertAsync(db, CapViolations, plan.CapViolations.Select((c, i) => new object?[]
            {
                drawId, i, c.Enterprise, c.Kind, c.Department, c.Item, c.Visits, c.Cap,
            }), cancellationToken);
        await InsertAsync(db, Understaffed, plan.Understaffed.Select((u, i) => new object?[]
            {
                drawId, i, u.VisitKey, u.Department, u.Inspectors, u.Required,
            }), cancellationToken);
    }

    /// <summary>
    /// Draws stored by earlier versions, once, at start-up: those stored before their plans were kept
    /// as rows get their rows, and those stored before the public form of draw.json was kept get it,
    /// both from their stored texts.
    /// </summary>
    public static async Task<int> BackfillAsync(QualityCityDbContext db, CancellationToken cancellationToken)
    {
        var withoutRows = await db.PlanDraws.AsNoTracking()
            .Where(d => !db.PlannedVisits.Any(v => v.DrawId == d.Id) && !db.PlannedRecognitions.Any(r => r.DrawId == d.Id))
            .Select(d => d.Id).ToListAsync(cancellationToken);
        var withoutPublicForm = await db.PlanDraws.AsNoTracking()
            .Where(d => !db.PlanRecordParts.Any(p => p.DrawId == d.Id && p.Document == PlanRecords.PublicDraw))
            .Select(d => d.Id).ToListAsync(cancellationToken);
        var written = 0;
        foreach (var id in withoutRows.Union(withoutPublicForm).Order())
        {
            var draw = await PlanRecords.ReadJsonAsync<DrawDocument>(db, id, PlanRecords.Draw, cancellationToken);
            var plan = withoutRows.Contains(id) ? await PlanRecords.ReadJsonAsync<PlanDocument>(db, id, PlanRecords.Plan, cancellationToken) : null;
            if (draw is null)
            {
                continue;
            }

            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (withoutPublicForm.Contains(id))
            {
                await PlanRecords.StoreAsync(db, id, PlanRecords.PublicDraw, PublicDrawRecord.From(draw), cancellationToken);
            }

            if (plan is not null && (plan.Visits.Count > 0 || plan.Recognised.Count > 0))
            {
                await WriteAsync(db, id, plan, draw, cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            written++;
        }

        return written;
    }

    private static DateOnly Day(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static async Task InsertAsync(QualityCityDbContext db, Table table, IEnumerable<object?[]> rows, CancellationToken cancellationToken)
    {
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("The plan's rows are written inside the caller's transaction.");
        var columns = string.Join(", ", table.Columns.Select(c => $"\"{c.Column}\""));
        if (db.IsPostgres)
        {
            var connection = (NpgsqlConnection)transaction.Connection!;
            await using var importer = await connection.BeginBinaryImportAsync($"COPY {table.Name} ({columns}) FROM STDIN (FORMAT BINARY)", cancellationToken);
            foreach (var row in rows)
            {
                await importer.StartRowAsync(cancellationToken);
                for (var i = 0; i < row.Length; i++)
                {
                    if (row[i] is { } value)
                    {
                        await importer.WriteAsync(value, table.Columns[i].Type, cancellationToken);
                    }
                    else
                    {
                        await importer.WriteNullAsync(cancellationToken);
                    }
                }
            }

            await importer.CompleteAsync(cancellationToken);
            return;
        }

        // Synchronous on purpose: Microsoft.Data.Sqlite runs synchronously underneath (as the registry's bulk insert).
        using var command = ((SqliteConnection)transaction.Connection!).CreateCommand();
        command.Transaction = (SqliteTransaction)transaction;
        command.CommandText = $"INSERT INTO {table.Name} ({columns}) VALUES ({string.Join(", ", table.Columns.Select((_, i) => $"$p{i}"))})";
        var parameters = table.Columns.Select((_, i) => command.Parameters.Add(new SqliteParameter($"$p{i}", null))).ToArray();
        command.Prepare();
        foreach (var row in rows)
        {
            for (var i = 0; i < row.Length; i++)
            {
                parameters[i].Value = row[i] switch
                {
                    null => DBNull.Value,
                    DateOnly day => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    var value => value,
                };
            }

            command.ExecuteNonQuery();
        }
    }
}
