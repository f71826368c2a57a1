using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Data;
using QualityCity.Web.Hosting;

namespace QualityCity.Web.Modules.PublicVoice.Open311;

/// <summary>A key as the administrator sees it: never the key itself, which exists only in the answer that made it.</summary>
public sealed record Open311KeyView(long Id, string Name, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? RevokedAt, string? RevokedBy,
    DateTimeOffset? LastUsedAt, bool Active);

/// <summary>A new key: shown once.</summary>
public sealed record Open311NewKey(long Id, string Name, string Key);

/// <summary>
/// Open311 API keys (ADR 0030): made by the CLI or the administrator, stored as their SHA-256 only,
/// looked up by that hash on every request — so a key made or revoked while the server runs counts
/// at once, with no cache to invalidate.
/// </summary>
public sealed class Open311Keys(QualityCityDbContext db, PlatformClock clock)
{
    public const int MaxName = 100;
    private const string Prefix = "o311_";

    /// <summary>Makes a key for <paramref name="name"/>; null when the name is empty or too long.</summary>
    public async Task<Open311NewKey?> CreateAsync(string? name, string createdBy, CancellationToken cancellationToken)
    {
        var trimmed = name?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > MaxName)
        {
            return null;
        }

        // 192 random bits: a key cannot be guessed, so an unsalted hash is enough to find it.
        var key = Prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        var row = new Open311ApiKey { Name = trimmed, KeyHash = Hash(key), CreatedAtUtc = clock.UtcNow, CreatedBy = createdBy };
        db.Open311ApiKeys.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        return new Open311NewKey(row.Id, row.Name, key);
    }

    /// <summary>The active key's id for a key as sent, noting when it was last used; null for a missing, unknown or revoked key.</summary>
    public async Task<long?> CheckAsync(string? key, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(key) || key.Length > 200)
        {
            return null;
        }

        var hash = Hash(key.Trim());
        var id = await db.Open311ApiKeys.AsNoTracking().Where(k => k.KeyHash == hash && k.RevokedAtUtc == null).Select(k => (long?)k.Id).FirstOrDefaultAsync(cancellationToken);
        if (id is not null)
        {
            // Straight to the row: a use is not a change the audit log needs to record.
            var now = clock.UtcNow;
            await db.Open311ApiKeys.Where(k => k.Id == id).ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAtUtc, now), cancellationToken);
        }

        return id;
    }

    public async Task<IReadOnlyList<Open311KeyView>> ListAsync(CancellationToken cancellationToken) =>
        (await db.Open311ApiKeys.AsNoTracking().OrderBy(k => k.RevokedAtUtc != null).ThenByDescending(k => k.CreatedAtUtc).ThenByDescending(k => k.Id).ToListAsync(cancellationToken))
        .Select(View).ToList();

    /// <summary>Revokes the key; false when there is no such key. Revoking a revoked key changes nothing.</summary>
    public async Task<Open311KeyView?> RevokeAsync(long id, string revokedBy, CancellationToken cancellationToken)
    {
        var row = await db.Open311ApiKeys.FirstOrDefaultAsync(k => k.Id == id, cancellationToken);
        if (row is null)
        {
            return null;
        }

        if (row.RevokedAtUtc is null)
        {
            row.RevokedAtUtc = clock.UtcNow;
            row.RevokedBy = revokedBy;
            await db.SaveChangesAsync(cancellationToken);
        }

        return View(row);
    }

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private static Open311KeyView View(Open311ApiKey k) => new(k.Id, k.Name, Utc(k.CreatedAtUtc), k.CreatedBy, k.RevokedAtUtc is { } r ? Utc(r) : null, k.RevokedBy,
        k.LastUsedAtUtc is { } u ? Utc(u) : null, k.RevokedAtUtc is null);

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
