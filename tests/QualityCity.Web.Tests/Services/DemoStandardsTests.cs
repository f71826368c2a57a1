using System.Globalization;
using System.Text.RegularExpressions;
using QualityCity.Domain.Services.Standards;
using QualityCity.Web.Demo;
using Sylvan.Data.Csv;

namespace QualityCity.Web.Tests.Services;

/// <summary>
/// The standards library's demo data: the synthetic catalogue is deterministic, unique, never borrows a real
/// number and links its editions both ways; the real catalogue parses and its links agree.
/// </summary>
public sealed partial class DemoStandardsTests
{
    private const int Large = 200_000;
    private const string RealCatalogue = "src/QualityCity.Web/Demo/Standards/real-standards.csv";
    private static readonly string[] Statuses = ["现行", "即将实施", "废止"];
    private static readonly string[] CatalogueStatuses = ["", .. Statuses];
    private static readonly string[] TheTenClusters = ["轴承", "电线电缆", "化工", "有色金属", "钢管及金属制品", "汽车及零部件", "农副产品及食品", "纺织服装", "生物医药", "高端装备"];

    // One large stream for the tests that only read it: making it takes a fraction of a second.
    private static readonly Lazy<List<StandardRecord>> Stream = new(() => DemoStandards.Synthetic(Large, 20260001).ToList());

    [GeneratedRegex(@"^(GB/T|GB/Z|GB|JB/T|QB/T|SN/T|HG/T|YB/T|FZ/T|NY/T|NY|SH/T|YS/T|QC/T|YY/T|DB37/T|DB37/|T/[A-Z]+) ?(\d+)(\.\d+)?-(\d{4})$")]
    private static partial Regex NumberShape();

    [GeneratedRegex(@"(?:GB/T|GB/Z|GB|JB/T|QB/T|SN/T|HG/T|YB/T|FZ/T|NY/T|DB37/T|T/[A-Z]+) \d+(?:\.\d+)?-\d{4}")]
    private static partial Regex CitedNumber();

    [Fact]
    public void The_same_seed_gives_the_same_records_in_the_same_order()
    {
        var first = DemoStandards.Synthetic(5_000, 42).Select(Describe).ToList();
        var second = DemoStandards.Synthetic(5_000, 42).Select(Describe).ToList();
        Assert.Equal(first, second);
        Assert.NotEqual(first, DemoStandards.Synthetic(5_000, 43).Select(Describe).ToList());
        // A shorter stream is the longer one's beginning, but for the standard it had to cut short.
        var shorter = DemoStandards.Synthetic(4_000, 42).Select(Describe).ToList();
        Assert.Equal(4_000, shorter.Count);
        Assert.Equal(first.Take(3_990), shorter.Take(3_990));
    }

    [Fact]
    public void Numbers_are_unique_and_shaped_like_real_ones_over_200000_records()
    {
        var records = Stream.Value;
        Assert.Equal(Large, records.Count);
        var duplicates = records.GroupBy(r => r.Number, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).Take(5).ToList();
        Assert.True(duplicates.Count == 0, "duplicate numbers: " + string.Join(", ", duplicates));
        Assert.All(records, r => Assert.Matches(NumberShape(), r.Number));
        Assert.All(records, r => Assert.Equal(r.PublishDate!.Value.Year.ToString(CultureInfo.InvariantCulture), r.Number[^4..]));
    }

    [Fact]
    public void No_synthetic_standard_borrows_a_real_number()
    {
        // Compared without the year: a synthetic GB/T 5023.3-2030 would be a false edition of a real standard too.
        var real = ReadRealCatalogue().Select(r => Stem(r["number"])).ToHashSet(StringComparer.Ordinal);
        var borrowed = Stream.Value.Where(r => real.Contains(Stem(r.Number))).Select(r => r.Number).Take(5).ToList();
        Assert.True(borrowed.Count == 0, "synthetic numbers of real standards: " + string.Join(", ", borrowed));
    }

    [Fact]
    public void Replacement_chains_point_both_ways_and_the_old_edition_ends_when_the_new_one_starts()
    {
        var byNumber = Stream.Value.ToDictionary(r => r.Number, StringComparer.Ordinal);
        var chained = 0;
        foreach (var record in Stream.Value)
        {
            foreach (var successor in record.ReplacedBy ?? [])
            {
                chained++;
                var next = byNumber[successor];
                Assert.Contains(record.Number, next.Replaces ?? []);
                Assert.Equal(next.ImplementDate, record.AbolishDate);
                Assert.True(next.PublishDate > record.ImplementDate, $"{next.Number} is published before {record.Number} is implemented");
                Assert.Equal(next.ImplementDate <= DemoStandards.AsOf ? "废止" : "现行", record.Status);
            }

            foreach (var predecessor in record.Replaces ?? [])
            {
                Assert.Contains(record.Number, byNumber[predecessor].ReplacedBy ?? []);
            }
        }

        Assert.True(chained > Large / 10, $"only {chained} replaced editions");
    }

    [Fact]
    public void Every_record_has_a_title_dates_and_a_status_as_published()
    {
        var records = Stream.Value;
        Assert.All(records, r =>
        {
            Assert.False(string.IsNullOrWhiteSpace(r.TitleZh), r.Number);
            Assert.InRange(r.PublishDate!.Value.Year, 1985, DemoStandards.AsOf.Year);
            Assert.True(r.PublishDate <= DemoStandards.AsOf, r.Number);
            Assert.InRange(r.ImplementDate!.Value.DayNumber - r.PublishDate.Value.DayNumber, 91, 365);
            Assert.Contains(r.Status, Statuses);
            Assert.Equal(r.ImplementDate > DemoStandards.AsOf, r.Status == "即将实施");
            Assert.Equal(r.Status == "废止" || r.ReplacedBy is not null, r.AbolishDate is not null);
        });
        Assert.Contains(records, r => r.Status == "即将实施");
        Assert.Contains(records, r => r.Status == "废止" && r.ReplacedBy is null);
        // Most, but not all, have an English title; parts and every kind of number occur.
        Assert.InRange(records.Count(r => r.TitleEn is not null), Large * 6 / 10, Large * 95 / 100);
        Assert.Contains(records, r => r.Number.Contains(".2-", StringComparison.Ordinal));
        var kinds = records.Select(r => NumberShape().Match(r.Number).Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        Assert.Superset(new HashSet<string> { "GB/T", "GB", "GB/Z", "JB/T", "QB/T", "SN/T", "HG/T", "YB/T", "FZ/T", "NY/T", "SH/T", "YS/T", "QC/T", "DB37/T", "DB37/" }, kinds);
        Assert.Contains(kinds, k => k.StartsWith("T/", StringComparison.Ordinal));
        // GB/T is the most common kind, as in a real catalogue.
        Assert.Equal("GB/T", records.GroupBy(r => NumberShape().Match(r.Number).Groups[1].Value).MaxBy(g => g.Count())!.Key);
    }

    [Fact]
    public void There_are_ten_clusters_and_the_catalogue_uses_each_of_them_for_most_records()
    {
        Assert.Equal(10, DemoStandards.Clusters.Distinct().Count());
        Assert.Equal(TheTenClusters, DemoStandards.Clusters);
        var records = Stream.Value;
        Assert.All(records, r => Assert.True(r.Cluster is null || DemoStandards.Clusters.Contains(r.Cluster), r.Cluster));
        Assert.Equal(DemoStandards.Clusters.Order(), records.Select(r => r.Cluster).OfType<string>().Distinct().Order());
        Assert.True(records.Count(r => r.Cluster is not null) > Large * 3 / 4);
    }

    [Fact]
    public void A_negative_count_is_refused_and_zero_gives_nothing()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DemoStandards.Synthetic(-1, 1));
        Assert.Empty(DemoStandards.Synthetic(0, 1));
        Assert.Single(DemoStandards.Synthetic(1, 1));
    }

    [Fact]
    public void The_real_catalogue_parses_and_its_links_agree_both_ways()
    {
        var rows = ReadRealCatalogue();
        Assert.InRange(rows.Count, 60, 200);
        var byNumber = rows.ToDictionary(r => r["number"], StringComparer.Ordinal);
        Assert.Equal(rows.Count, byNumber.Count);
        foreach (var row in rows)
        {
            var number = row["number"];
            Assert.Matches(NumberShape(), number);
            Assert.False(string.IsNullOrWhiteSpace(row["title_zh"]), number);
            Assert.Contains(row["status"], CatalogueStatuses);
            Assert.True(row["cluster"].Length == 0 || DemoStandards.Clusters.Contains(row["cluster"]), number);
            var published = Date(row["publish_date"]);
            var implemented = Date(row["implement_date"]);
            _ = Date(row["abolish_date"]);
            if (published is not null)
            {
                // The number carries the year of approval; release can fall early the next year (GB 18401-2010, released 2011-01-14).
                Assert.InRange(published.Value.Year - int.Parse(number[^4..], CultureInfo.InvariantCulture), 0, 1);
            }

            Assert.False(published > implemented, number);
            foreach (var target in Split(row["replaces"]).Where(byNumber.ContainsKey))
            {
                Assert.Contains(number, Split(byNumber[target]["replaced_by"]));
            }

            foreach (var target in Split(row["replaced_by"]))
            {
                Assert.True(byNumber.ContainsKey(target), $"{number} is replaced by {target}, which the file lacks");
                Assert.Contains(number, Split(byNumber[target]["replaces"]));
            }
        }
    }

    [Fact]
    public void Every_standard_the_product_test_items_cite_is_in_the_real_catalogue()
    {
        var numbers = ReadRealCatalogue().Select(r => r["number"]).ToHashSet(StringComparer.Ordinal);
        using var reader = CsvDataReader.Create(Path.Combine(RepositoryRoot(), "src", "QualityCity.Web", "ReferenceData", "quality", "test_items.csv"));
        var cited = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read())
        {
            cited.UnionWith(CitedNumber().Matches(reader.GetString(reader.GetOrdinal("standard_clause"))).Select(m => m.Value));
        }

        Assert.NotEmpty(cited);
        var missing = cited.Where(c => !numbers.Contains(c)).Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, "cited but not catalogued: " + string.Join(", ", missing));
    }

    [Fact]
    public void The_labelled_queries_point_at_real_records_only()
    {
        var numbers = ReadRealCatalogue().Select(r => r["number"]).ToHashSet(StringComparer.Ordinal);
        var lines = File.ReadAllLines(Path.Combine(RepositoryRoot(), "bench", "standards-queries.tsv"));
        Assert.Equal("query\trelevant_numbers\tkind", lines[0]);
        var kinds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in lines.Skip(1))
        {
            var cells = line.Split('\t');
            Assert.Equal(3, cells.Length);
            kinds.Add(cells[2]);
            var relevant = Split(cells[1]);
            Assert.NotEmpty(relevant);
            Assert.All(relevant, n => Assert.True(numbers.Contains(n), $"{cells[0]}: {n} is not in the real catalogue"));
        }

        Assert.Equal(["en", "filtered", "number", "phrase", "zh1", "zh2"], kinds.Order(StringComparer.Ordinal));
    }

    private static string Describe(StandardRecord r) =>
        string.Join('|', r.Number, r.TitleZh, r.TitleEn, r.Status, r.PublishDate, r.ImplementDate, r.AbolishDate, r.Ccs, r.Ics,
            string.Join(';', r.Replaces ?? []), string.Join(';', r.ReplacedBy ?? []), r.Body, r.Committee, r.Cluster);

    /// <summary>The number without its year: the standard rather than the edition.</summary>
    private static string Stem(string number) => number[..number.LastIndexOf('-')];

    private static string[] Split(string cell) => cell.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static DateOnly? Date(string cell) =>
        cell.Length == 0 ? null : DateOnly.ParseExact(cell, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static List<Dictionary<string, string>> ReadRealCatalogue()
    {
        using var reader = CsvDataReader.Create(Path.Combine(RepositoryRoot(), RealCatalogue));
        string[] header = ["number", "title_zh", "title_en", "status", "publish_date", "implement_date", "ccs", "ics", "replaces", "replaced_by", "abolish_date", "body", "committee", "cluster"];
        Assert.Equal(header, Enumerable.Range(0, reader.FieldCount).Select(reader.GetName));
        var rows = new List<Dictionary<string, string>>();
        while (reader.Read())
        {
            rows.Add(header.ToDictionary(h => h, h => reader.GetString(reader.GetOrdinal(h)), StringComparer.Ordinal));
        }

        return rows;
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "QualityCity.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("the repository root (QualityCity.slnx) was not found");
    }
}
