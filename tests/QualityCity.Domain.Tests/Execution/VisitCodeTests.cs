using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using QualityCity.Domain.Execution;

namespace QualityCity.Domain.Tests.Execution;

/// <summary>Visit codes (EXE-1): signed payloads that anyone can verify with the public key.</summary>
public sealed class VisitCodeTests
{
    private static readonly byte[] Payload = Encoding.UTF8.GetBytes("""{"v":1,"visitKey":"2027/913715000000000001/1","enterprise":"913715000000000001"}""");

    [Fact]
    public void An_issued_code_is_authentic_and_carries_its_exact_payload()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var code = VisitCode.Issue(Payload, key);
        Assert.DoesNotContain('=', code);
        var check = VisitCode.Check(code, key);
        Assert.Equal(VisitCodeStatus.Authentic, check.Status);
        Assert.Equal(Payload, check.Payload);
    }

    [Fact]
    public void One_changed_byte_of_the_payload_or_another_key_makes_it_forged()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var code = VisitCode.Issue(Payload, key);
        var altered = (byte[])Payload.Clone();
        altered[^3] ^= 0x01;
        var forged = Base64Url.Encode(altered) + code[code.IndexOf('.', StringComparison.Ordinal)..];
        Assert.Equal(VisitCodeStatus.Forged, VisitCode.Check(forged, key).Status);
        Assert.Equal(VisitCodeStatus.Forged, VisitCode.Check(VisitCode.Issue(Payload, other), key).Status);
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("a.b.c")]
    [InlineData("!!!.abc")]
    [InlineData("bm90IGpzb24.AAAA")]
    public void Anything_else_is_malformed_with_a_reason(string code)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var check = VisitCode.Check(code, key);
        Assert.Equal(VisitCodeStatus.Malformed, check.Status);
        Assert.False(string.IsNullOrEmpty(check.Reason));
    }

    [SkippableFact]
    public async Task The_code_verifies_offline_with_openssl_and_the_published_key_and_not_after_one_changed_byte()
    {
        Skip.IfNot(File.Exists("/usr/bin/openssl"), "openssl is not installed");
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var code = VisitCode.Issue(Payload, key);
        var folder = Directory.CreateTempSubdirectory("visit-code").FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "key.pem"), VisitCode.PublicKeyPem(key));
        var parts = code.Split('.');
        Assert.True(Base64Url.TryDecode(parts[0], out var payload));
        Assert.True(Base64Url.TryDecode(parts[1], out var signature));
        await File.WriteAllBytesAsync(Path.Combine(folder, "payload.json"), payload);
        await File.WriteAllBytesAsync(Path.Combine(folder, "signature.der"), signature);
        Assert.Equal("Verified OK", (await OpenSslAsync(folder)).Trim());

        payload[5] ^= 0x01;
        await File.WriteAllBytesAsync(Path.Combine(folder, "payload.json"), payload);
        Assert.Contains("Verification failure", await OpenSslAsync(folder), StringComparison.Ordinal);
    }

    private static async Task<string> OpenSslAsync(string folder)
    {
        var start = new ProcessStartInfo("/usr/bin/openssl", ["dgst", "-sha256", "-verify", "key.pem", "-signature", "signature.der", "payload.json"])
        {
            WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return output;
    }
}
