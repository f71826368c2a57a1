using Microsoft.EntityFrameworkCore;
using QualityCity.Domain.Audit;
using QualityCity.Web.Data;
using QualityCity.Web.Modules.Audit.Checkpoints;

namespace QualityCity.Web.Modules.Audit.VerifyAuditLog;

/// <summary>
/// Re-reads the whole log in order, a page at a time, and checks every link and keyed hash and
/// every checkpoint of the table, the checkpoint file and an optional exported copy (the
/// <c>audit verify</c> verb, <c>/api/audit/verify</c> and the admin page).
/// </summary>
public sealed class AuditVerifier(QualityCityDbContext db, AuditChainKeyRing keys, AuditCheckpointKey checkpointKey, AuditCheckpointStore checkpoints)
{
    private const int PageSize = 5000;

    /// <exception cref="AuditCheckpointsUnreadableException">A checkpoint source cannot be read.</exception>
    public async Task<AuditLogReport> VerifyAsync(string? exportedCheckpoints = null, CancellationToken cancellationToken = default)
    {
        var known = await checkpoints.ReadAllAsync(db, exportedCheckpoints, cancellationToken);
        using var publicKey = checkpointKey.OpenPublicKey();
        var verifier = new AuditLogVerifier(keys.Keys, known, publicKey);
        long nextSequence = 1;
        while (true)
        {
            var page = await db.AuditEntries.AsNoTracking()
                .Where(e => e.Sequence >= nextSequence)
                .OrderBy(e => e.Sequence)
                .Take(PageSize)
                .ToListAsync(cancellationToken);
            if (page.Count == 0)
            {
                return verifier.Finish();
            }

            foreach (var entry in page)
            {
                if (!verifier.Add(new AuditLink(AuditLog.ToFacts(entry), entry.PreviousHash, entry.Hash, entry.KeyId)))
                {
                    return verifier.Finish();
                }
            }

            nextSequence = page[^1].Sequence + 1;
        }
    }
}
