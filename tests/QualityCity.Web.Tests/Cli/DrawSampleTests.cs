using QualityCity.Web.Cli;

namespace QualityCity.Web.Tests.Cli;

/// <summary>The <c>draw sample</c> verb: QC-DRAW-1 on a pool file, as a citizen would re-run it.</summary>
public sealed class DrawSampleTests : IDisposable
{
    private readonly string _pool = Path.Combine(Path.GetTempPath(), $"pool-{Guid.NewGuid():N}.txt");

    private static async Task<(int Exit, string[] Lines, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await CommandLine.RunAsync(args, output, error);
        return (exit, output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), error.ToString());
    }

    [Fact]
    public async Task Rivests_vector_prints_the_published_order_with_tickets()
    {
        await File.WriteAllTextAsync(_pool, "A-1\nA-2\nA-3\nB-1\nB-2\nB-3\n");
        var (exit, lines, _) = await RunAsync("draw", "sample", "--seed", "31415", "--k", "3", "--pool", _pool);
        Assert.Equal(0, exit);
        Assert.Equal(["B-1", "B-2", "A-2"], lines.Select(l => l.Split(' ')[0]));
        Assert.StartsWith("B-1 209a9f6594", lines[0], StringComparison.Ordinal);
        Assert.All(lines, l => Assert.Matches("^[^ ]+ [0-9a-f]{64}$", l));
    }

    [Fact]
    public async Task Windows_line_ends_give_the_same_draw()
    {
        await File.WriteAllTextAsync(_pool, "A-1\r\nA-2\r\nA-3\r\nB-1\r\nB-2\r\nB-3\r\n");
        var (_, lines, _) = await RunAsync("draw", "sample", "--seed", "31415", "--k", "6", "--pool", _pool);
        Assert.Equal(["B-1", "B-2", "A-2", "B-3", "A-1", "A-3"], lines.Select(l => l.Split(' ')[0]));
    }

    [Fact]
    public async Task A_pool_listing_an_id_twice_is_refused_with_the_reason()
    {
        await File.WriteAllTextAsync(_pool, "X\nY\nX\n");
        var (exit, _, error) = await RunAsync("draw", "sample", "--seed", "1", "--k", "1", "--pool", _pool);
        Assert.Equal(2, exit);
        Assert.Contains("'X' twice", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_options_are_usage_errors()
    {
        Assert.Equal(64, (await RunAsync("draw", "sample", "--k", "1", "--pool", _pool)).Exit);
        Assert.Equal(64, (await RunAsync("draw", "sample", "--seed", "1", "--k", "zero", "--pool", _pool)).Exit);
    }

    public void Dispose() => File.Delete(_pool);
}
