using System.Text.Json;
using QualityCity.Domain.Common;
using QualityCity.Domain.Planning;
using QualityCity.Web.Modules.Planning.Contracts;

namespace QualityCity.Web.Modules.Planning.DrawPlan;

/// <summary>
/// Recomputes a published draw record from its seed and the pool files (INS-9 <c>draw verify</c>):
/// each pool's digest and size, each stratum's selection and tickets, and every inspector ticket
/// and its order. Needs nothing but the files: no database.
/// </summary>
public static class DrawVerifier
{
    /// <summary>Null when everything matches; otherwise the first difference found.</summary>
    public static async Task<string?> VerifyAsync(string recordPath, string poolsDirectory, CancellationToken cancellationToken)
    {
        DrawDocument? record;
        try
        {
            await using var file = File.OpenRead(recordPath);
            record = await JsonSerializer.DeserializeAsync<DrawDocument>(file, PlanningJson.Options, cancellationToken);
        }
        catch (Exception ex) when (ex is JsonException or IOException)
        {
            return $"the record cannot be read: {ex.Message}";
        }

        if (record?.Strata is null || record.Seed is null || record.InspectorAssignments is null)
        {
            return "the record is incomplete (seed, strata and inspectorAssignments are required)";
        }

        if (record.Algorithm != DrawTickets.Algorithm)
        {
            return $"algorithm is '{record.Algorithm}', not {DrawTickets.Algorithm}";
        }

        foreach (var stratum in record.Strata)
        {
            var path = Path.Combine(poolsDirectory, Path.GetFileName(stratum.PoolFile));
            if (!File.Exists(path))
            {
                return $"pool file {Path.GetFileName(stratum.PoolFile)} not found in {poolsDirectory}";
            }

            var bytes = await File.ReadAllBytesAsync(path, cancellationToken);
            if (Sha256.Hex(bytes) != stratum.PoolDigest)
            {
                return $"pool {stratum.Department}/{stratum.Stratum}: the file's SHA-256 differs from poolDigest";
            }

            var ids = DrawTickets.PoolFileIds(bytes);
            if (ids.Length != stratum.PoolSize)
            {
                return $"pool {stratum.Department}/{stratum.Stratum}: {ids.Length} ids, the record says {stratum.PoolSize}";
            }

            var expected = DrawTickets.Sample(record.Seed, ids, stratum.K);
            if (expected.Count != stratum.Selected.Count)
            {
                return $"pool {stratum.Department}/{stratum.Stratum}: {expected.Count} selected by recomputation, {stratum.Selected.Count} in the record";
            }

            for (var i = 0; i < expected.Count; i++)
            {
                if (expected[i].Id != stratum.Selected[i].Id || expected[i].Ticket != stratum.Selected[i].Ticket)
                {
                    return $"pool {stratum.Department}/{stratum.Stratum}: selection {i + 1} is {expected[i].Id} by recomputation, {stratum.Selected[i].Id} in the record";
                }
            }
        }

        var seedHash = DrawTickets.H(record.Seed);
        foreach (var assignment in record.InspectorAssignments)
        {
            string? previous = null;
            foreach (var inspector in assignment.Inspectors)
            {
                var ticket = DrawTickets.TicketFromSeedHash(seedHash, assignment.VisitKey + "/" + inspector.Id);
                if (ticket != inspector.Ticket)
                {
                    return $"visit {assignment.VisitKey} ({assignment.Department}): inspector {inspector.Id}'s ticket differs";
                }

                if (previous is not null && string.CompareOrdinal(previous, ticket) > 0)
                {
                    return $"visit {assignment.VisitKey} ({assignment.Department}): inspectors are not in ticket order";
                }

                previous = ticket;
            }
        }

        return null;
    }
}
