using System.Diagnostics;
using System.Security.Cryptography;
using QualityCity.Domain.Audit;

namespace QualityCity.Domain.Tests;

/// <summary>Signed checkpoints of the audit log's head and their JSON-lines form.</summary>
public sealed class AuditCheckpointTests : IDisposable
{
    private static readonly string Head = new('a', 64);
    private static readonly DateTimeOffset SignedAt = new(2026, 12, 4, 22, 0, 5, TimeSpan.Zero);

    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public void Dispose() => _key.Dispose();

    [Fact]
    public void The_statement_is_five_lines_in_a_fixed_format()
    {
        var checkpoint = new AuditCheckpoint(1234, Head, SignedAt, "0a1b2c3d");

        Assert.Equal($"qualitycity-audit-checkpoint-v1\nsequence: 1234\nhead: {Head}\ntime: 2026-12-04T22:00:05Z\nkey: 0a1b2c3d\n", checkpoint.Statement);
    }

    [Fact]
    public void Signing_cuts_the_time_to_whole_seconds_and_names_the_key()
    {
        var signed = AuditCheckpoints.Sign(7, Head, SignedAt.AddTicks(9_999_999).ToOffset(TimeSpan.FromHours(8)), _key);

        Assert.Equal(SignedAt, signed.Checkpoint.Time);
        Assert.Equal(TimeSpan.Zero, signed.Checkpoint.Time.Offset);
        Assert.Equal(AuditCheckpoints.KeyIdOf(_key), signed.Checkpoint.KeyId);
        Assert.Matches("^[0-9a-f]{8}$", signed.Checkpoint.KeyId);
    }

    [Fact]
    public void A_signed_checkpoint_verifies_with_the_public_key_alone()
    {
        var signed = AuditCheckpoints.Sign(7, Head, SignedAt, _key);
        using var publicKey = ECDsa.Create();
        publicKey.ImportFromPem(_key.ExportSubjectPublicKeyInfoPem());

        Assert.Null(AuditCheckpoints.SignatureProblem(signed, publicKey));
    }

    public static TheoryData<string> ChangedParts => ["sequence", "head", "time", "signature"];

    [Theory]
    [MemberData(nameof(ChangedParts))]
    public void Changing_any_part_of_a_signed_checkpoint_makes_it_fail(string part)
    {
        var signed = AuditCheckpoints.Sign(7, Head, SignedAt, _key);
        var checkpoint = signed.Checkpoint;
        var changed = part switch
        {
            "sequence" => signed with { Checkpoint = checkpoint with { Sequence = 8 } },
            "head" => signed with { Checkpoint = checkpoint with { HeadHash = new string('b', 64) } },
            "time" => signed with { Checkpoint = checkpoint with { Time = checkpoint.Time.AddSeconds(1) } },
            _ => signed with { Signature = Convert.ToBase64String(_key.SignData("other"u8, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence)) },
        };

        Assert.Contains("does not verify (forged or altered)", AuditCheckpoints.SignatureProblem(changed, _key), StringComparison.Ordinal);
    }

    [Fact]
    public void A_checkpoint_of_another_key_is_refused_naming_both_keys()
    {
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var signed = AuditCheckpoints.Sign(7, Head, SignedAt, other);

        var problem = AuditCheckpoints.SignatureProblem(signed, _key);

        Assert.Contains($"names key {AuditCheckpoints.KeyIdOf(other)}, not the checkpoint key {AuditCheckpoints.KeyIdOf(_key)}", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_signature_that_is_not_base64_fails_instead_of_throwing()
    {
        var signed = AuditCheckpoints.Sign(7, Head, SignedAt, _key) with { Signature = "not base64!" };

        Assert.NotNull(AuditCheckpoints.SignatureProblem(signed, _key));
    }

    [Fact]
    public void The_json_line_has_the_documented_fields_and_reads_back_equal()
    {
        var signed = AuditCheckpoints.Sign(1234, Head, SignedAt, _key);

        var line = AuditCheckpoints.ToJsonLine(signed);

        Assert.Equal($"{{\"sequence\":1234,\"head\":\"{Head}\",\"time\":\"2026-12-04T22:00:05Z\",\"keyId\":\"{signed.Checkpoint.KeyId}\",\"signature\":\"{signed.Signature}\"}}", line);
        Assert.Equal(signed, AuditCheckpoints.FromJsonLine(line, out var problem));
        Assert.Null(problem);
    }

    [Theory]
    [InlineData("not json", "not JSON")]
    [InlineData("[1,2]", "not JSON")]
    [InlineData("null", "not a JSON object")]
    [InlineData("{\"sequence\":1}", "are all needed")]
    [InlineData("{\"sequence\":0,\"head\":\"" + "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" + "\",\"time\":\"2026-12-04T22:00:05Z\",\"keyId\":\"0a1b2c3d\",\"signature\":\"AA==\"}", "sequence must be 1 or more")]
    [InlineData("{\"sequence\":1,\"head\":\"AB\",\"time\":\"2026-12-04T22:00:05Z\",\"keyId\":\"0a1b2c3d\",\"signature\":\"AA==\"}", "head must be 64 lowercase hex")]
    [InlineData("{\"sequence\":1,\"head\":\"" + "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" + "\",\"time\":\"2026-12-04T22:00:05Z\",\"keyId\":\"0A1B2C3D\",\"signature\":\"AA==\"}", "keyId must be 8 lowercase hex")]
    [InlineData("{\"sequence\":1,\"head\":\"" + "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" + "\",\"time\":\"2026-12-04 22:00\",\"keyId\":\"0a1b2c3d\",\"signature\":\"AA==\"}", "time must be")]
    public void A_line_that_is_not_a_checkpoint_is_refused_with_a_reason(string line, string reason)
    {
        Assert.Null(AuditCheckpoints.FromJsonLine(line, out var problem));
        Assert.Contains(reason, problem, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task The_statement_verifies_with_openssl_and_the_public_key_pem()
    {
        Skip.IfNot(File.Exists("/usr/bin/openssl"), "openssl is not installed");
        var signed = AuditCheckpoints.Sign(1234, Head, SignedAt, _key);
        var folder = Directory.CreateTempSubdirectory("audit-checkpoint").FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "key.pem"), _key.ExportSubjectPublicKeyInfoPem());
        await File.WriteAllTextAsync(Path.Combine(folder, "statement.txt"), signed.Checkpoint.Statement);
        await File.WriteAllBytesAsync(Path.Combine(folder, "signature.der"), Convert.FromBase64String(signed.Signature));
        Assert.Equal("Verified OK", (await OpenSslAsync(folder)).Trim());

        await File.WriteAllTextAsync(Path.Combine(folder, "statement.txt"), signed.Checkpoint.Statement.Replace("1234", "1233", StringComparison.Ordinal));
        Assert.Contains("Verification failure", await OpenSslAsync(folder), StringComparison.Ordinal);
    }

    private static async Task<string> OpenSslAsync(string folder)
    {
        var start = new ProcessStartInfo("/usr/bin/openssl", ["dgst", "-sha256", "-verify", "key.pem", "-signature", "signature.der", "statement.txt"])
        {
            WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return output;
    }
}
