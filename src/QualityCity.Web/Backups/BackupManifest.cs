using System.Text.Json;
using System.Text.Json.Serialization;

namespace QualityCity.Web.Backups;

/// <summary>
/// What a backup archive holds, kept in it as <c>manifest.json</c>: enough for a restore to check
/// the archive before it touches anything, and the restored database after (docs/operations.md).
/// </summary>
/// <param name="Format">Always <see cref="FormatName"/>: what tells a QualityCity backup from any other archive.</param>
/// <param name="Version">The layout of the archive and this manifest, <see cref="CurrentVersion"/>.</param>
/// <param name="Database"><c>sqlite</c> or <c>postgres</c>: a copy restores only into the same kind.</param>
/// <param name="Migration">The last migration applied to the database copied.</param>
/// <param name="CreatedAtUtc">When the copy was made.</param>
/// <param name="Keys">The keys the data were made with, by id; the keys themselves are not in the archive.</param>
/// <param name="Tables">Every table's rows and content hash (<see cref="TableContents"/>).</param>
/// <param name="Files">Every other entry of the archive, with its size and SHA-256.</param>
public sealed record BackupManifest(string Format, int Version, string Database, string Migration, DateTimeOffset CreatedAtUtc,
    BackupKeyIds Keys, IReadOnlyList<TableContent> Tables, IReadOnlyList<BackupFile> Files)
{
    public const string FormatName = "qualitycity-backup";
    public const int CurrentVersion = 1;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    /// <summary>The manifest in <paramref name="json"/>; a <see cref="BackupException"/> when it is not one of a QualityCity backup this version reads.</summary>
    public static BackupManifest Parse(byte[] json)
    {
        BackupManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<BackupManifest>(json, Json);
        }
        catch (JsonException ex)
        {
            throw new BackupException($"not a QualityCity backup: its manifest cannot be read ({ex.Message})");
        }

        if (manifest?.Format != FormatName || manifest.Keys is null || manifest.Tables is null || manifest.Files is null)
        {
            throw new BackupException("not a QualityCity backup: its manifest is not one");
        }

        return manifest.Version == CurrentVersion
            ? manifest
            : throw new BackupException($"the archive is of backup format {manifest.Version}; this version of QualityCity reads format {CurrentVersion}");
    }
}

/// <summary>An entry of the archive: its name there, its size in bytes and its SHA-256 (lowercase hex).</summary>
public sealed record BackupFile(string Path, long Bytes, string Sha256);

/// <summary>
/// The ids of the keys the backed-up data need (never the keys): the audit chain keys, the audit
/// checkpoint key and the visit-code key, each null or empty when the installation had none yet.
/// </summary>
public sealed record BackupKeyIds(IReadOnlyList<string> AuditChain, string? AuditCheckpoint, string? VisitCode);
