using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using QualityCity.Domain.Planning;
using QualityCity.Domain.Registry;
using QualityCity.Web.Data;
using QualityCity.Web.Hosting;
using QualityCity.Web.Modules.Organisation.Contracts;
using QualityCity.Web.Modules.Planning.Contracts;
using QualityCity.Web.Modules.Registry.Contracts;

namespace QualityCity.Web.Modules.Planning.CommitPlan;

/// <summary>One pool of the commitment: a department's enterprises of one grade, or its control stratum.</summary>
public sealed record CommittedPool(string Department, string Stratum, string PoolFile, string PoolDigest, int PoolSize, int K);

/// <summary>The commitment document (commitment.json; schema in docs/schemas/commitment.schema.json).</summary>
public sealed record CommitmentDocument(string Algorithm, int Year, string CreatedAtUtc, IReadOnlyList<CommittedPool> Pools, string InspectorRosterDigest);

/// <summary>
/// Freezes the plan pools of a year (INS-9, step 1): for every inspecting department, the active
/// enterprises in its remit, one pool per grade; red and yellow pools are visited in full by their
/// cadence (k = pool size), green pools are sampled (k = the department's rate, at most 5%). The
/// control stratum of INS-12 is the green pool again under its own name, sampled at the control rate
/// (0.5%): drawn with the same seed it is the head of the green draw order, so anyone re-runs it as
/// any other stratum, and its visits are mostly ones the green draw makes anyway. Writes
/// one pool file per pool (ids sorted ordinally, joined by "\n", no trailing newline) and
/// commitment.json, and stores the commitment with its pool files (the public page offers them).
/// </summary>
public sealed class PlanPools(QualityCityDbContext db, IOptions<PlanningOptions> options, PlatformClock clock)
{
    /// <summary>The stratum of the control sample (INS-12): the department's green pool, drawn at the control rate.</summary>
    public const string ControlStratum = "control";

    /// <summary>The strata committed for each department, in the commitment's order.</summary>
    public static readonly IReadOnlyList<string> Strata = [RiskGrades.Red, RiskGrades.Yellow, RiskGrades.Green, ControlStratum];

    /// <summary>Freezes the pools; writes the files when <paramref name="outputDirectory"/> is given.</summary>
    public async Task<(CommitmentDocument Document, string Digest)> CommitAsync(int year, string? outputDirectory, string actor, CancellationToken cancellationToken)
    {
        var departments = await db.Departments.AsNoTracking().Where(d => !d.IsCoordinator).OrderBy(d => d.Code).ToListAsync(cancellationToken);
        var remits = (await db.DepartmentRemits.AsNoTracking().ToListAsync(cancellationToken))
            .GroupBy(r => r.DepartmentId).ToDictionary(g => g.Key, g => g.Select(r => new RemitRule(r.Scope, r.Value, KindsOf(r.Kinds))).ToList());
        var sections = await db.Industries.AsNoTracking().ToDictionaryAsync(i => i.Code, i => i.Section, cancellationToken);
        var pools = departments.ToDictionary(d => d.Code, _ => new Dictionary<string, List<string>>
        {
            [RiskGrades.Red] = [], [RiskGrades.Yellow] = [], [RiskGrades.Green] = [],
        });

        // One pass over the registry, in key order, whatever its size.
        long after = 0;
        while (true)
        {
            var page = await db.MarketEntities.AsNoTracking()
                .Where(e => e.Id > after && e.Status == EntityStatus.Active)
                .OrderBy(e => e.Id)
                .Select(e => new { e.Id, e.CreditCode, e.IndustryCode, e.RiskGrade, e.Category })
                .Take(10_000).ToListAsync(cancellationToken);
            if (page.Count == 0)
            {
                break;
            }

            foreach (var entity in page)
            {
                var section = entity.IndustryCode is null ? null : sections.GetValueOrDefault(entity.IndustryCode);
                var grade = entity.RiskGrade ?? RiskGrades.Green;
                var category = Enum.TryParse<EntityCategory>(entity.Category, out var parsed) ? parsed : EntityCategory.Other;
                foreach (var department in departments)
                {
                    if (remits.TryGetValue(department.Id, out var rules) && Remit.Covers(rules, entity.IndustryCode, section, category))
                    {
                        pools[department.Code][grade].Add(entity.CreditCode);
                    }
                }
            }

            after = page[^1].Id;
        }

        if (outputDirectory is not null)
        {
            Directory.CreateDirectory(Path.Combine(outputDirectory, "pools"));
        }

        var committed = new List<CommittedPool>();
        var files = new List<PlanPoolFile>();
        foreach (var department in departments)
        {
            var cadence = options.Value.CadenceFor(department.Code);
            foreach (var stratum in Strata)
            {
                var ids = pools[department.Code][stratum == ControlStratum ? RiskGrades.Green : stratum];
                var text = DrawTickets.PoolFileText(ids);
                var relative = $"pools/{department.Code}-{stratum}.txt";
                if (outputDirectory is not null)
                {
                    await File.WriteAllBytesAsync(Path.Combine(outputDirectory, relative), Encoding.UTF8.GetBytes(text), cancellationToken);
                }

                // Red and yellow are visited in full by their cadence; green (and any grade whose
                // cadence is "none") is sampled at the department's rate, the control stratum at its own.
                var k = stratum == ControlStratum ? cadence.ControlSampleSize(ids.Count)
                    : cadence.For(RiskGrades.Parse(stratum)) == CadencePeriod.None ? cadence.GreenSampleSize(ids.Count) : ids.Count;
                var digest = DrawTickets.H(text);
                committed.Add(new CommittedPool(department.Code, stratum, relative, digest, ids.Count, k));
                files.Add(new PlanPoolFile { Department = department.Code, Stratum = stratum, PoolFile = relative, Digest = digest, Content = text });
            }
        }

        var roster = await db.Inspectors.AsNoTracking().Include(i => i.Department).ToListAsync(cancellationToken);
        var rosterText = string.Join("\n", roster
            .Select(i => string.Join("\t", i.Id.ToString(CultureInfo.InvariantCulture), i.Department!.Code, i.CredentialNumber, i.Active ? "active" : "inactive"))
            .Order(StringComparer.Ordinal));
        var document = new CommitmentDocument(DrawTickets.Algorithm, year, clock.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            committed, DrawTickets.H(rosterText));
        var json = JsonSerializer.Serialize(document, PlanningJson.Options) + "\n";
        var bytes = Encoding.UTF8.GetBytes(json);
        if (outputDirectory is not null)
        {
            await File.WriteAllBytesAsync(Path.Combine(outputDirectory, "commitment.json"), bytes, cancellationToken);
        }

        var commitmentDigest = QualityCity.Domain.Common.Sha256.Hex(bytes);
        // The same content committed twice (within one second) is the same commitment.
        if (!await db.PlanCommitments.AnyAsync(c => c.Year == year && c.Digest == commitmentDigest, cancellationToken))
        {
            var commitment = new PlanCommitment { Year = year, Digest = commitmentDigest, Json = json, Actor = actor, CreatedAtUtc = clock.UtcNow };
            db.PlanCommitments.Add(commitment);
            await db.SaveChangesAsync(cancellationToken);
            foreach (var file in files)
            {
                file.CommitmentId = commitment.Id;
            }

            // Pool files are public data, not changes worth an audit entry each: the commitment is audited.
            db.AuditChanges = false;
            db.PlanPoolFiles.AddRange(files);
            await db.SaveChangesAsync(cancellationToken);
            db.AuditChanges = true;
        }

        return (document, commitmentDigest);
    }

    private static HashSet<EntityCategory>? KindsOf(string kinds) =>
        string.IsNullOrWhiteSpace(kinds) ? null : kinds.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(k => Enum.Parse<EntityCategory>(k)).ToHashSet();
}
