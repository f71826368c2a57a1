using System.Security.Cryptography;
using QualityCity.Web.Cli;

namespace QualityCity.Web.Tests.Cli;

/// <summary>
/// A draw record published by an earlier version of the platform (a 40-enterprise demo city, year
/// 2027, kept byte for byte under Fixtures/draw-record-2027) must verify with every later version:
/// the published files are the public record, and citizens keep old copies.
/// </summary>
public sealed class PublishedRecordTests
{
    private static readonly string Record = Path.Combine(AppContext.BaseDirectory, "Fixtures", "draw-record-2027");

    private static async Task<(int Exit, string Output)> VerifyAsync(string record, string pools)
    {
        var output = new StringWriter();
        var exit = await CommandLine.RunAsync(["draw", "verify", "--record", record, "--pools", pools], output, new StringWriter());
        return (exit, output.ToString().Trim());
    }

    [Fact]
    public async Task A_record_from_an_earlier_version_still_verifies()
    {
        var (exit, verdict) = await VerifyAsync(Path.Combine(Record, "draw.json"), Path.Combine(Record, "pools"));
        Assert.Equal("match", verdict);
        Assert.Equal(0, exit);
    }

    [Fact]
    public async Task The_kept_record_is_the_one_published()
    {
        // The fixture's bytes are pinned, so no reformatting of the files can slip through unnoticed.
        var digest = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(Path.Combine(Record, "draw.json"))));
        Assert.Equal(PinnedDrawDigest, digest);
        var altered = Path.Combine(Path.GetTempPath(), $"draw-{Guid.NewGuid():N}.json");
        var text = await File.ReadAllTextAsync(Path.Combine(Record, "draw.json"));
        await File.WriteAllTextAsync(altered, text.Replace("\"k\": 1,", "\"k\": 2,", StringComparison.Ordinal));
        try
        {
            var (exit, verdict) = await VerifyAsync(altered, Path.Combine(Record, "pools"));
            Assert.StartsWith("mismatch:", verdict, StringComparison.Ordinal);
            Assert.Equal(1, exit);
        }
        finally
        {
            File.Delete(altered);
        }
    }

    private const string PinnedDrawDigest = "d0cd401cc68a33cd43f69028de49fe8f0b8a43f89b086428ef41bdd11919d52e";
}
