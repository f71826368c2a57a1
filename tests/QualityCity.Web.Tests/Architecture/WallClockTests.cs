using System.Text.RegularExpressions;
using QualityCity.Web.Tests.Security;

namespace QualityCity.Web.Tests.Architecture;

/// <summary>
/// One clock (docs/decisions/0019-one-clock.md): the platform reads the time only through the
/// TimeProvider registered in Hosting and the PlatformClock over it, so that tests can freeze it and
/// every "today" agrees. The tests read it only from their frozen clock. Measuring a duration
/// (Stopwatch) is not reading the wall clock and is allowed.
/// </summary>
public sealed class WallClockTests
{
    /// <summary>Where the platform registers the system clock: the one file allowed to name it.</summary>
    public const string Registration = "src/QualityCity.Web/Hosting/QualityCityHosting.cs";

    /// <summary>Where the tests' frozen clock is defined.</summary>
    public const string TestClockDefinition = "tests/QualityCity.Web.Tests/Infrastructure/TestClock.cs";

    [Fact]
    public void Nothing_in_src_or_tests_reads_the_wall_clock_but_the_clocks_registration()
    {
        var root = AuthorizationMatrix.RepositoryRoot;
        var files = WallClockScanner.SourceFiles(root, "src").Concat(WallClockScanner.SourceFiles(root, "tests")).ToList();
        Assert.Contains(Registration, files);
        var reads = files.Where(f => f is not (Registration or TestClockDefinition))
            .SelectMany(f => WallClockScanner.Scan(f, File.ReadAllText(Path.Combine(root, f))))
            .ToList();
        Assert.True(reads.Count == 0,
            "read the time from PlatformClock or the injected TimeProvider (tests: TestClock or the factory's Clock), and pass it to SQL as a parameter:\n"
            + string.Join('\n', reads));
    }

    [Fact]
    public void The_registration_names_the_system_clock_once()
    {
        var text = File.ReadAllText(Path.Combine(AuthorizationMatrix.RepositoryRoot, Registration));
        var read = Assert.Single(WallClockScanner.Scan(Registration, text));
        Assert.Contains("TryAddSingleton(", read, StringComparison.Ordinal);
    }

    [Fact]
    public void The_scanner_reports_each_planted_read_with_its_file_and_line()
    {
        // Built from pieces, so that this file itself holds no read for the scan above to find.
        var dt = "DateTime";
        var source = string.Join('\n',
            "var stamp = clock.UtcNow;",                               // 1: the platform clock
            "var started = Stopwatch.GetTimestamp();",                 // 2: a duration, not the time
            $"var a = {dt}.UtcNow;",                                   // 3
            $"var b = System.{dt}Offset.Now.Year;",                    // 4
            $"if (day > {dt}.Today) {{ }}",                            // 5
            "services.AddSingleton(TimeProvider" + ".System);",        // 6
            "db.Database.ExecuteSqlRaw(\"UPDATE t SET at = now" + "()\");", // 7: the database server's clock
            "const string Sql = \"SELECT datetime('n" + "ow')\";",      // 8
            "var time = provider.GetUtcNow();",                        // 9: an injected provider
            $"var c = {dt}",                                           // 10: split over two lines
            "    .Now;",
            "WHERE created < CURRENT" + "_TIMESTAMP");                 // 12

        var reads = WallClockScanner.Scan("Planted.cs", source);

        Assert.Equal(["Planted.cs:3:", "Planted.cs:4:", "Planted.cs:5:", "Planted.cs:6:", "Planted.cs:7:", "Planted.cs:8:", "Planted.cs:10:", "Planted.cs:12:"],
            reads.Select(r => r[..(r.IndexOf(':', "Planted.cs:".Length) + 1)]));
        Assert.Contains("Planted.cs:3: var a = ", reads[0], StringComparison.Ordinal);
    }
}

/// <summary>Finds the places in source text that read the wall clock, as "path:line: code".</summary>
public static class WallClockScanner
{
    private static readonly string[] Extensions = [".cs", ".cshtml", ".razor", ".sql"];

    // Build output, and migrations: generated snapshots of the model, never run against the clock.
    private static readonly HashSet<string> SkippedFolders = new(StringComparer.Ordinal) { "bin", "obj", "Migrations", "node_modules" };

    // Each pattern is written so that this file does not match it itself.
    private static readonly Regex WallClockRead = new(
        string.Join('|',
            // .NET's clock properties, qualified or not, even split over lines.
            @"\bDateTime(?:Offset)?\s*\.\s*(?:UtcNow|Now|Today)\b",
            @"\bTimeProvider\s*\.\s*System\b",
            // SQL that asks the database server for the time (PostgreSQL, SQLite, SQL Server).
            @"(?<![\w.])(?:now|clock_timestamp|statement_timestamp|transaction_timestamp|timeofday|getdate|getutcdate|sysdatetime|sysutcdatetime)\s*\(\s*\)",
            @"\bcurrent_(?:timestamp|date|time)\b",
            @"\blocal(?:timestamp)\b",
            @"'(?:now)'"),
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <summary>The source files under <paramref name="folder"/> of the repository, as paths relative to <paramref name="root"/> with '/'.</summary>
    public static IEnumerable<string> SourceFiles(string root, string folder) =>
        Directory.EnumerateFiles(Path.Combine(root, folder), "*", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(root, path).Replace('\\', '/'))
            .Where(path => Extensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase)
                           && !path.Split('/').Any(SkippedFolders.Contains))
            .Order(StringComparer.Ordinal);

    public static IReadOnlyList<string> Scan(string path, string text)
    {
        var lines = text.Split('\n');
        var lineStarts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                lineStarts.Add(i + 1);
            }
        }

        int LineOf(int index)
        {
            var found = lineStarts.BinarySearch(index);
            return found >= 0 ? found : ~found - 1;
        }

        return WallClockRead.Matches(text)
            .Select(m => LineOf(m.Index))
            .Distinct()
            .Select(line => $"{path}:{line + 1}: {lines[line].Trim()}")
            .ToList();
    }
}
