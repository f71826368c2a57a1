using System.Security.Cryptography;
using QualityCity.Domain.Audit;
using QualityCity.Web.Hosting;
using QualityCity.Web.Modules.Audit;
using QualityCity.Web.Modules.Audit.Checkpoints;
using QualityCity.Web.Modules.Inspections.VisitCodes;

namespace QualityCity.Web.Backups;

/// <summary>
/// The keys a backup's data were made with, by id. The keys themselves stay out of the archive, kept
/// apart from the backups (docs/deployment.md): whoever holds the database and the audit chain key
/// together can rewrite the log. A restore therefore needs them in place first, and checks that they
/// are the ones the archive names before it touches anything.
/// </summary>
internal static class BackupKeys
{
    /// <summary>
    /// The keys this installation holds. A key whose file does not exist is not made here (the
    /// platform would make a new one on first use, which is never the one a restore needs).
    /// </summary>
    public static BackupKeyIds Held(IServiceProvider services)
    {
        var configuration = services.GetRequiredService<IConfiguration>();
        var settings = services.GetRequiredService<DatabaseSettings>();
        IReadOnlyList<string> chain = AuditChainKeyRing.FilePath(configuration, settings) is { } chainFile && !File.Exists(chainFile)
            ? []
            : services.GetRequiredService<AuditChainKeyRing>().Keys.Keys.Order(StringComparer.Ordinal).ToList();
        var checkpoint = File.Exists(AuditCheckpointKey.PathFrom(configuration, settings))
            ? services.GetRequiredService<AuditCheckpointKey>().KeyId
            : null;
        string? visitCode = null;
        if (File.Exists(VisitCodeKey.PathFrom(configuration, settings)))
        {
            using var publicKey = ECDsa.Create();
            publicKey.ImportFromPem(services.GetRequiredService<VisitCodeKey>().PublicKeyPem);
            visitCode = AuditCheckpoints.KeyIdOf(publicKey);
        }

        return new BackupKeyIds(chain, checkpoint, visitCode);
    }

    /// <summary>What this installation lacks of the keys <paramref name="needed"/>, one line each; empty when it holds them all.</summary>
    public static List<string> Missing(BackupKeyIds needed, IServiceProvider services)
    {
        var configuration = services.GetRequiredService<IConfiguration>();
        var settings = services.GetRequiredService<DatabaseSettings>();
        var held = Held(services);
        var missing = new List<string>();
        var chainMissing = needed.AuditChain.Except(held.AuditChain, StringComparer.Ordinal).ToList();
        if (chainMissing.Count > 0)
        {
            missing.Add($"the audit chain key{(chainMissing.Count > 1 ? "s" : "")} {string.Join(", ", chainMissing)} "
                + $"({AuditChainKeyRing.FilePath(configuration, settings) ?? "the setting Audit:ChainKey"}"
                + $"{Holds(held.AuditChain.Count == 0 ? null : string.Join(", ", held.AuditChain))})");
        }

        if (needed.AuditCheckpoint is { } checkpoint && checkpoint != held.AuditCheckpoint)
        {
            missing.Add($"the audit checkpoint key {checkpoint} ({AuditCheckpointKey.PathFrom(configuration, settings)}{Holds(held.AuditCheckpoint)})");
        }

        if (needed.VisitCode is { } visitCode && visitCode != held.VisitCode)
        {
            missing.Add($"the visit-code key {visitCode} ({VisitCodeKey.PathFrom(configuration, settings)}{Holds(held.VisitCode)})");
        }

        return missing;

        static string Holds(string? ids) => ids is null ? ", which does not exist" : $", which holds {ids}";
    }
}
