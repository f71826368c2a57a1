using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Modules.Planning.Contracts;
using QualityCity.Web.Modules.Planning.DrawPlan;
using QualityCity.Web.Tests.Infrastructure;

namespace QualityCity.Web.Tests.Planning;

/// <summary>
/// A draw's texts are stored in pieces of 1 MiB: a document of several pieces, with multi-byte
/// characters cut at piece boundaries, comes back byte for byte what the serializer wrote, as a
/// whole stream and as the record it describes.
/// </summary>
public abstract class PlanRecordPartsTests(QualityCityFactory factory) : PlatformTest(factory)
{
    [SkippableFact]
    public async Task A_document_of_several_pieces_reads_back_byte_for_byte()
    {
        SkipIfUnavailable();
        await using var scope = OpenDb();
        var db = scope.Db;
        var drawId = await db.PlanDraws.Select(d => d.Id).FirstAsync();
        // About 3.4 MB of assignments whose reasons are Chinese (three bytes a character), so that
        // piece boundaries fall inside characters as well as between them.
        var assignments = Enumerable.Range(0, 12_000).Select(i => new InspectorAssignment($"2026/{i:D18}/1", "samr",
            [new DrawnTicket(i.ToString(System.Globalization.CultureInfo.InvariantCulture), new string('a', 64))],
            [new ExcludedInspector("7", "申报利益冲突" + new string('查', i % 31)), new ExcludedInspector("9", "capacity")])).ToList();
        var record = new DrawDocument("QC-DRAW-1", 2026, "test-pieces", "digest", [], assignments);
        const string document = "test.pieces";

        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            await PlanRecords.StoreAsync(db, drawId, document, record, CancellationToken.None);
            await transaction.CommitAsync();
        }

        var expected = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(record, new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = true,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }) + "\n");
        var pieces = await db.PlanRecordParts.Where(p => p.DrawId == drawId && p.Document == document).OrderBy(p => p.Part)
            .Select(p => p.Bytes.Length).ToListAsync();
        Assert.True(pieces.Count >= 3, $"{expected.Length} bytes in {pieces.Count} pieces");
        Assert.All(pieces.SkipLast(1), length => Assert.Equal(1 << 20, length));

        using var copy = new MemoryStream();
        await PlanRecords.CopyToAsync(db, drawId, document, copy, CancellationToken.None);
        Assert.Equal(expected, copy.ToArray());
        var read = await PlanRecords.ReadJsonAsync<DrawDocument>(db, drawId, document, CancellationToken.None);
        Assert.Equal(assignments.Count, read!.InspectorAssignments.Count);
        Assert.Equal(assignments[^1].Excluded[0].Reason, read.InspectorAssignments[^1].Excluded[0].Reason);

        await db.PlanRecordParts.Where(p => p.DrawId == drawId && p.Document == document).ExecuteDeleteAsync();
    }
}

public sealed class SqlitePlanRecordPartsTests(SqliteFactory factory) : PlanRecordPartsTests(factory), IClassFixture<SqliteFactory>;

public sealed class PostgresPlanRecordPartsTests(PostgresFactory factory) : PlanRecordPartsTests(factory), IClassFixture<PostgresFactory>;
