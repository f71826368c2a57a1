using System.Security.Cryptography;
using QualityCity.Domain.Audit;
using QualityCity.Web.Hosting;

namespace QualityCity.Web.Modules.Audit;

/// <summary>
/// The secret keys the audit chain's HMACs are computed with. They live outside the database, so
/// that whoever can write the database cannot re-hash what they changed: <c>Audit:ChainKey</c> in
/// configuration, else the file <c>Audit:ChainKeyPath</c> (default <c>{data}/keys/audit-chain.key</c>,
/// created on first use with 256 random bits, mode 0600). Either holds base64 keys, one a line; the
/// last one hashes new entries, the earlier ones are kept to verify what they hashed (rotation).
/// Loaded once per process.
/// </summary>
public sealed class AuditChainKeyRing
{
    public const string DefaultFileName = "audit-chain.key";

    private readonly Dictionary<string, byte[]> _keys;

    /// <summary>A ring of the given keys; the last one hashes new entries.</summary>
    public AuditChainKeyRing(IReadOnlyList<byte[]> keys, string source)
    {
        if (keys.Count == 0)
        {
            throw new InvalidOperationException($"{source} holds no audit chain key.");
        }

        _keys = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            if (key.Length < AuditChain.MinimumKeyBytes)
            {
                throw new InvalidOperationException(
                    $"{source}: an audit chain key must have at least {AuditChain.MinimumKeyBytes} bytes (256 bits); one has {key.Length}.");
            }

            if (!_keys.TryAdd(AuditChain.KeyIdOf(key), key))
            {
                throw new InvalidOperationException($"{source} lists the audit chain key {AuditChain.KeyIdOf(key)} twice.");
            }
        }

        CurrentKey = keys[^1];
        CurrentKeyId = AuditChain.KeyIdOf(CurrentKey);
        Source = source;
    }

    /// <summary>The id new entries are stored with.</summary>
    public string CurrentKeyId { get; }

    /// <summary>Where the keys came from, for messages (a path or the setting's name; never the key).</summary>
    public string Source { get; }

    /// <summary>Every key of the ring by id: what verification may need.</summary>
    internal IReadOnlyDictionary<string, byte[]> Keys => _keys;

    internal byte[] CurrentKey { get; }

    /// <summary>Reads the ring from configuration or the key file, creating the file on first use.</summary>
    public static AuditChainKeyRing Load(IConfiguration configuration, DatabaseSettings database)
    {
        if (configuration["Audit:ChainKey"] is { Length: > 0 } configured)
        {
            return new AuditChainKeyRing(Parse(configured, "Audit:ChainKey"), "the setting Audit:ChainKey");
        }

        var path = FilePath(configuration, database)!;
        var text = KeyFiles.ReadOrCreate(path, () =>
            "# QualityCity audit chain keys: base64, one a line; the last one hashes new entries.\n" +
            "# Secret. Back it up apart from the database; without it the log cannot be verified (docs/audit.md).\n" +
            Convert.ToBase64String(RandomNumberGenerator.GetBytes(AuditChain.MinimumKeyBytes)) + "\n");
        return new AuditChainKeyRing(Parse(text, path), path);
    }

    /// <summary>The key file this installation reads; null when the keys are given in <c>Audit:ChainKey</c> itself.</summary>
    public static string? FilePath(IConfiguration configuration, DatabaseSettings database) =>
        configuration["Audit:ChainKey"] is { Length: > 0 } ? null
        : configuration["Audit:ChainKeyPath"] is { Length: > 0 } configuredPath ? configuredPath
        : Path.Combine(database.DataDirectory, "keys", DefaultFileName);

    private static List<byte[]> Parse(string text, string source)
    {
        var keys = new List<byte[]>();
        foreach (var line in text.Split('\n'))
        {
            var trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed.StartsWith('#'))
            {
                continue;
            }

            // A setting is one line: several keys are separated by commas or spaces there.
            foreach (var word in trimmed.Split([',', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
            {
                try
                {
                    keys.Add(Convert.FromBase64String(word));
                }
                catch (FormatException)
                {
                    throw new InvalidOperationException($"{source}: an audit chain key is not base64.");
                }
            }
        }

        return keys;
    }
}
