using System.Globalization;
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
        Stream file;
        try
        {
            file = File.OpenRead(recordPath);
        }
        catch (IOException ex)
        {
            return $"the record cannot be read: {ex.Message}";
        }

        await using (file)
        {
            return await VerifyAsync(file, async (name, ct) =>
            {
                var path = Path.Combine(poolsDirectory, name);
                return File.Exists(path) ? await File.ReadAllBytesAsync(path, ct) : null;
            }, poolsDirectory, cancellationToken);
        }
    }

    /// <summary>
    /// Verifies a record read from <paramref name="record"/> against the pool files <paramref name="readPool"/>
    /// gives by file name (null when there is none; <paramref name="poolsPlace"/> says where they were looked for).
    /// Null when everything matches; otherwise the first difference found, or why the record cannot be verified.
    /// </summary>
    public static async Task<string?> VerifyAsync(Stream record, Func<string, CancellationToken, Task<byte[]?>> readPool, string poolsPlace,
        CancellationToken cancellationToken)
    {
        DrawDocument? document;
        try
        {
            document = await JsonSerializer.DeserializeAsync<DrawDocument>(record, PlanningJson.Options, cancellationToken);
        }
        catch (JsonException ex)
        {
            // The serializer's own message names .NET types; the place in the record is what the reader can act on.
            return string.Create(CultureInfo.InvariantCulture,
                $"the record cannot be read: it is not a draw record's JSON at {ex.Path ?? "$"} (line {(ex.LineNumber ?? 0) + 1})");
        }
        catch (IOException ex)
        {
            return $"the record cannot be read: {ex.Message}";
        }

        return await CompareAsync(document, readPool, poolsPlace, cancellationToken);
    }

    private static async Task<string?> CompareAsync(DrawDocument? record, Func<string, CancellationToken, Task<byte[]?>> readPool, string poolsPlace,
        CancellationToken cancellationToken)
    {
        if (record?.Strata is null || record.Seed is null || record.InspectorAssignments is null)
        {
            return "the record is incomplete (seed, strata and inspectorAssignments are required)";
        }

        if (record.Algorithm != DrawTickets.Algorithm)
        {
            return $"algorithm is '{record.Algorithm}', not {DrawTickets.Algorithm}";
        }

        if (Incomplete(record) is { } missing)
        {
            return $"the record is incomplete: {missing}";
        }

        foreach (var stratum in record.Strata)
        {
            var bytes = await readPool(Path.GetFileName(stratum.PoolFile), cancellationToken);
            if (bytes is null)
            {
                return $"pool file {Path.GetFileName(stratum.PoolFile)} not found in {poolsPlace}";
            }

            if (Sha256.Hex(bytes) != stratum.PoolDigest)
            {
                return $"pool {stratum.Department}/{stratum.Stratum}: the file's SHA-256 differs from poolDigest";
            }

            var ids = DrawTickets.PoolFileIds(bytes);
            if (ids.Length != stratum.PoolSize)
            {
                return $"pool {stratum.Department}/{stratum.Stratum}: {ids.Length} ids, the record says {stratum.PoolSize}";
            }

            if (stratum.K < 0)
            {
                return $"pool {stratum.Department}/{stratum.Stratum}: k is {stratum.K}, below 0";
            }

            // A published pool is a set of non-empty ids, which the draw refuses to run on otherwise.
            if (NotAPool(ids) is { } why)
            {
                return $"pool {stratum.Department}/{stratum.Stratum}: {why}";
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

    /// <summary>Why the ids of a pool file are not a pool (a blank line, an id twice), or null.</summary>
    private static string? NotAPool(string[] ids)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < ids.Length; i++)
        {
            if (ids[i].Length == 0)
            {
                return $"line {i + 1} of the pool file is blank";
            }

            if (!seen.Add(ids[i]))
            {
                return $"line {i + 1} of the pool file lists {ids[i]} a second time";
            }
        }

        return null;
    }

    /// <summary>What a record lacks below its top level (a stratum, a selection, an assignment left out or null), or null.</summary>
    private static string? Incomplete(DrawDocument record)
    {
        for (var s = 0; s < record.Strata.Count; s++)
        {
            var stratum = record.Strata[s];
            if (stratum is null || stratum.PoolFile is null || stratum.PoolDigest is null || stratum.Selected is null || stratum.Selected.Any(t => t is null))
            {
                return $"strata[{s}] needs poolFile, poolDigest and selected";
            }
        }

        for (var a = 0; a < record.InspectorAssignments.Count; a++)
        {
            var assignment = record.InspectorAssignments[a];
            if (assignment is null || assignment.Inspectors is null || assignment.Inspectors.Any(i => i is null))
            {
                return $"inspectorAssignments[{a}] needs inspectors";
            }
        }

        return null;
    }
}
