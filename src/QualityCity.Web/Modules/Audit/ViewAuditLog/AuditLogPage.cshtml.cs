using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using QualityCity.Domain.Audit;
using QualityCity.Web.Data;
using QualityCity.Web.Modules.Accounts.Contracts;
using QualityCity.Web.Modules.Audit.Checkpoints;
using QualityCity.Web.Modules.Audit.VerifyAuditLog;

namespace QualityCity.Web.Modules.Audit.ViewAuditLog;

[Authorize(Policy = Policies.Admin)]
public sealed class AuditLogPageModel(QualityCityDbContext db, AuditVerifier verifier, AuditCheckpointStore checkpoints) : PageModel
{
    [BindProperty(SupportsGet = true)] public long? Before { get; set; }
    [BindProperty(SupportsGet = true)] public bool Verify { get; set; }

    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];
    public AuditLogReport? Verification { get; private set; }

    /// <summary>Why the checkpoints could not all be read, when they could not.</summary>
    public string? CheckpointProblem { get; private set; }

    /// <summary>The checkpoint just signed by the button.</summary>
    public AuditCheckpoint? JustSigned { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (Verify)
        {
            try
            {
                Verification = await verifier.VerifyAsync(cancellationToken: cancellationToken);
            }
            catch (AuditCheckpointsUnreadableException ex)
            {
                CheckpointProblem = ex.Message;
            }
        }

        await LoadEntriesAsync(cancellationToken);
    }

    public async Task OnPostCheckpointAsync(CancellationToken cancellationToken)
    {
        JustSigned = (await checkpoints.WriteAsync(db, onlyWhenHeadMoved: false, cancellationToken))?.Checkpoint;
        await LoadEntriesAsync(cancellationToken);
    }

    private async Task LoadEntriesAsync(CancellationToken cancellationToken)
    {
        var query = db.AuditEntries.AsNoTracking();
        if (Before is { } before)
        {
            query = query.Where(e => e.Sequence < before);
        }

        Entries = await query.OrderByDescending(e => e.Sequence).Take(100).ToListAsync(cancellationToken);
    }
}
