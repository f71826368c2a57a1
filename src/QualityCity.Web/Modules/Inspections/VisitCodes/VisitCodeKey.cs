using System.Security.Cryptography;
using QualityCity.Web.Hosting;

namespace QualityCity.Web.Modules.Inspections.VisitCodes;

/// <summary>
/// The platform's ECDSA P-256 key for visit codes. Read from <c>VisitCodes:PrivateKeyPath</c> (a
/// PKCS#8 PEM file; point every server of a deployment at the same file), by default
/// <c>{data}/keys/visit-code-key.pem</c>, which is created on first use. The public half is served
/// at /.well-known/qualitycity/visit-code-key.pem. Losing or replacing the key invalidates every
/// code issued with it, so back it up with the database.
/// </summary>
public sealed class VisitCodeKey : IDisposable
{
    private readonly ECDsa _key;

    // One key object serves every request; the OpenSSL-backed ECDsa is not documented as thread-safe.
    private readonly Lock _gate = new();

    public VisitCodeKey(IConfiguration configuration, DatabaseSettings database)
    {
        var path = PathFrom(configuration, database);
        _key = ECDsa.Create();
        if (File.Exists(path))
        {
            _key.ImportFromPem(File.ReadAllText(path));
            if (_key.KeySize != 256)
            {
                throw new InvalidOperationException($"{path} is not a P-256 key: visit codes use ECDSA P-256.");
            }
        }
        else
        {
            _key.GenerateKey(ECCurve.NamedCurves.nistP256);
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            File.WriteAllText(path, _key.ExportPkcs8PrivateKeyPem() + "\n");
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }

        PublicKeyPem = Domain.Execution.VisitCode.PublicKeyPem(_key);
    }

    public string PublicKeyPem { get; }

    /// <summary>Where this installation keeps the key, whether or not it exists yet.</summary>
    public static string PathFrom(IConfiguration configuration, DatabaseSettings database) =>
        configuration["VisitCodes:PrivateKeyPath"] is { Length: > 0 } configured
            ? configured
            : Path.Combine(database.DataDirectory, "keys", "visit-code-key.pem");

    public string Issue(ReadOnlySpan<byte> payload)
    {
        lock (_gate)
        {
            return Domain.Execution.VisitCode.Issue(payload, _key);
        }
    }

    public Domain.Execution.VisitCodeCheck Check(string? code)
    {
        lock (_gate)
        {
            return Domain.Execution.VisitCode.Check(code, _key);
        }
    }

    public void Dispose() => _key.Dispose();
}
