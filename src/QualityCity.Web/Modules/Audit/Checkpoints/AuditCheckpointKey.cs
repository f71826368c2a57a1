using System.Security.Cryptography;
using QualityCity.Domain.Audit;
using QualityCity.Web.Hosting;

namespace QualityCity.Web.Modules.Audit.Checkpoints;

/// <summary>
/// The ECDSA P-256 key that signs checkpoints of the audit log's head. Read from
/// <c>Audit:CheckpointKeyPath</c> (a PKCS#8 PEM file; every server of a deployment uses the same
/// one), by default <c>{data}/keys/audit-checkpoint-key.pem</c>, created on first use (mode 0600).
/// The public half is served at /.well-known/qualitycity/audit-checkpoint-key.pem so that anyone
/// keeping checkpoints can check them. It is a different key from the chain key on purpose: holding
/// the chain key lets one re-hash the log, but not sign a checkpoint of the re-hashed head.
/// </summary>
public sealed class AuditCheckpointKey : IDisposable
{
    public const string DefaultFileName = "audit-checkpoint-key.pem";

    private readonly ECDsa _key;

    // One key object signs for every caller; the OpenSSL-backed ECDsa is not documented as thread-safe.
    private readonly Lock _gate = new();

    public AuditCheckpointKey(IConfiguration configuration, DatabaseSettings database)
    {
        Path = PathFrom(configuration, database);
        _key = ECDsa.Create();
        var pem = KeyFiles.ReadOrCreate(Path, () =>
        {
            using var generated = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            return generated.ExportPkcs8PrivateKeyPem() + "\n";
        });
        _key.ImportFromPem(pem);
        if (_key.KeySize != 256)
        {
            throw new InvalidOperationException($"{Path} is not a P-256 key: audit checkpoints use ECDSA P-256.");
        }

        PublicKeyPem = _key.ExportSubjectPublicKeyInfoPem() + "\n";
        KeyId = AuditCheckpoints.KeyIdOf(_key);
    }

    /// <summary>Where the private key is.</summary>
    public string Path { get; }

    /// <summary>Where this installation keeps the key, whether or not it exists yet.</summary>
    public static string PathFrom(IConfiguration configuration, DatabaseSettings database) =>
        configuration["Audit:CheckpointKeyPath"] is { Length: > 0 } configured
            ? configured
            : System.IO.Path.Combine(database.DataDirectory, "keys", DefaultFileName);

    /// <summary>The public key as PEM (SubjectPublicKeyInfo), as served to everyone.</summary>
    public string PublicKeyPem { get; }

    /// <summary>The id every checkpoint signed with this key names.</summary>
    public string KeyId { get; }

    public SignedAuditCheckpoint Sign(long sequence, string headHash, DateTimeOffset time)
    {
        lock (_gate)
        {
            return AuditCheckpoints.Sign(sequence, headHash, time, _key);
        }
    }

    /// <summary>A key object holding only the public half, for the caller to verify with and dispose.</summary>
    public ECDsa OpenPublicKey()
    {
        var publicKey = ECDsa.Create();
        publicKey.ImportFromPem(PublicKeyPem);
        return publicKey;
    }

    public void Dispose() => _key.Dispose();
}
