using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Data;
using QualityCity.Web.Modules.ReferenceData.Contracts;

namespace QualityCity.Web.Modules.Inspections.Penalties;

/// <summary>The published exemption lists and discretion bands (EXE-5), loaded at first start.</summary>
internal sealed class PenaltyListData : IReferenceDataSet
{
    public string Name => "penalty lists";

    public async Task<bool> AddIfEmptyAsync(QualityCityDbContext db, CancellationToken cancellationToken)
    {
        if (await db.PenaltyExemptions.AnyAsync(cancellationToken))
        {
            return false;
        }

        await PenaltyEndpoints.LoadListsAsync(db, cancellationToken);
        return true;
    }
}
