using Microsoft.EntityFrameworkCore;
using QualityCity.Domain.Registry;
using QualityCity.Web.Data;
using QualityCity.Web.Modules.Registry.Contracts;

namespace QualityCity.Web.Modules.Registry.SearchEntities;

/// <summary>
/// The columns a registry search reads instead of the ones people write: name and address as
/// character tokens (full-text indexes), the name's pinyin initials and the contact phone's digits
/// (B-tree indexes). Computed in C# whenever an entity is saved (the context's SaveChanges) or
/// bulk-inserted (<see cref="RegistryColumns"/>), so that every way in fills them alike.
/// </summary>
public static class RegistrySearchColumns
{
    /// <summary>Rows filled per transaction by <see cref="BackfillAsync"/>.</summary>
    private const int BackfillBatch = 2_000;

    /// <summary>Sets every search column of <paramref name="entity"/> from what it holds.</summary>
    public static void Fill(MarketEntity entity)
    {
        entity.NameTokens = NameTokens.Of(entity.Name);
        entity.NameInitials = PinyinInitials.Of(entity.Name);
        entity.AddressTokens = NameTokens.Of(entity.Address ?? string.Empty);
        entity.ContactPhoneDigits = PhoneDigits(entity.ContactPhone);
    }

    /// <summary>The digits of a phone number ("0635-821 2345" → "06358212345"), or null when it has none.</summary>
    public static string? PhoneDigits(string? phone)
    {
        if (phone is null)
        {
            return null;
        }

        var digits = new string(phone.Where(char.IsAsciiDigit).ToArray());
        return digits.Length == 0 ? null : digits;
    }

    /// <summary>
    /// Fills the search columns of rows stored before they existed (an upgraded database), in
    /// batches, once: a filled row has non-null initials. Not audited: nothing a person wrote changes.
    /// </summary>
    public static async Task BackfillAsync(QualityCityDbContext db, CancellationToken cancellationToken)
    {
        var audit = db.AuditChanges;
        db.AuditChanges = false;
        try
        {
            while (true)
            {
                var batch = await db.MarketEntities.Where(e => e.NameInitials == null).OrderBy(e => e.Id).Take(BackfillBatch).ToListAsync(cancellationToken);
                if (batch.Count == 0)
                {
                    return;
                }

                // Filled here, not by SaveChanges: it fills only rows whose name, address or phone
                // changed. The initials are never null once filled (an empty string at worst), so
                // every row leaves the loop.
                foreach (var entity in batch)
                {
                    Fill(entity);
                }

                await db.SaveChangesAsync(cancellationToken);
                db.ChangeTracker.Clear();
            }
        }
        finally
        {
            db.AuditChanges = audit;
        }
    }
}
