using QualityCity.Domain.Common;
using QualityCity.Domain.Services.Standards;

namespace QualityCity.Web.Demo;

/// <summary>
/// Standards data for demos and benchmarks: the city's ten standards clusters and a synthetic catalogue
/// that reads like a real one (national, industry, Shandong local and group standards; parts; editions that
/// replace each other) and can be made as large as the platform's 题录 — about a million records — without
/// holding it in memory. Real records ship beside it in <c>Demo/Standards/real-standards.csv</c>.
/// </summary>
/// <remarks>
/// Synthetic numbers never collide with real ones: every number space starts above what the real catalogues
/// use (GB/GB/T/GB/Z and JB/T from 70000, the other industry codes from 30000, FZ/T in the unused upper half of
/// each product family, DB37 and group standards from 9000), so a search over real and synthetic records
/// together never confuses the two.
/// </remarks>
public static class DemoStandards
{
    /// <summary>
    /// The city's ten standards clusters (10大标准体系集群), in the order the platform shows them. Seed 001 gives
    /// the count but not the names; these follow the city's industrial chains and quality maps.
    /// </summary>
    public static readonly IReadOnlyList<string> Clusters =
        ["轴承", "电线电缆", "化工", "有色金属", "钢管及金属制品", "汽车及零部件", "农副产品及食品", "纺织服装", "生物医药", "高端装备"];

    /// <summary>
    /// The day the synthetic statuses are read at. Fixed rather than today so that the same seed gives the same
    /// catalogue on every run; editions implemented after it are 即将实施.
    /// </summary>
    public static readonly DateOnly AsOf = new(2026, 12, 5);

    private const int FirstYear = 1985;
    private const int MaxEditions = 3;
    private const string Current = "现行";
    private const string Upcoming = "即将实施";
    private const string Abolished = "废止";

    /// <summary>
    /// Makes <paramref name="count"/> synthetic records, streamed: the same count and seed give the same records
    /// in the same order, and a shorter count gives a prefix of a longer one except for its last standard. All
    /// editions of one standard come together, oldest first, so their <see cref="StandardRecord.Replaces"/> and
    /// <see cref="StandardRecord.ReplacedBy"/> links always point at records of the same stream.
    /// </summary>
    /// <param name="count">How many records; zero gives none.</param>
    /// <param name="seed">The generator's seed.</param>
    /// <exception cref="ArgumentOutOfRangeException">When <paramref name="count"/> is negative.</exception>
    public static IEnumerable<StandardRecord> Synthetic(int count, ulong seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return Generate(count, seed);
    }

    private static IEnumerable<StandardRecord> Generate(int count, ulong seed)
    {
        var random = new SplitMix64(seed);
        // Fresh counters per enumeration: enumerating twice gives the same numbers twice.
        var spaces = new Dictionary<string, NumberSpace>(StringComparer.Ordinal);
        var chain = new StandardRecord[MaxEditions];
        var emitted = 0;
        while (emitted < count)
        {
            var domain = Domains[random.PickWeighted(DomainWeights)];
            var kind = domain.Kinds[random.PickWeighted(domain.KindWeights)];
            if (!spaces.TryGetValue(kind.Space, out var space))
            {
                space = NumberSpace.For(kind.Space);
                spaces.Add(kind.Space, space);
            }

            var series = Series.Draw(random, domain, kind);
            var sequence = space.Take();
            for (var part = series.FirstPart; part < series.FirstPart + series.Parts && emitted < count; part++)
            {
                // A standard is never cut in the middle of its chain: the last one is just given fewer editions.
                var editions = Math.Min(count - emitted, random.PickWeighted(EditionWeights) + 1);
                var length = BuildChain(random, series, sequence, part, editions, chain);
                for (var i = 0; i < length; i++)
                {
                    yield return chain[i];
                }

                emitted += length;
            }
        }
    }

    /// <summary>Builds one standard's editions into <paramref name="chain"/>, oldest first; returns how many.</summary>
    private static int BuildChain(SplitMix64 random, Series series, int sequence, int part, int editions, StandardRecord[] chain)
    {
        var kind = series.Kind;
        Span<int> years = stackalloc int[MaxEditions];
        years[editions - 1] = DrawYear(random, series.MinYear);
        var length = 1;
        for (var i = editions - 2; i >= 0; i--)
        {
            var year = years[i + 1] - random.Next(3, 13);
            if (year < series.MinYear)
            {
                break;
            }

            years[i] = year;
            length++;
        }

        var first = editions - length;
        var title = series.MakeTitle(part);
        var stem = series.Template.Shape == Shape.Parts ? $"{kind.Prefix}{sequence}.{part}" : $"{kind.Prefix}{sequence}";
        Span<DateOnly> published = stackalloc DateOnly[MaxEditions];
        Span<DateOnly> implemented = stackalloc DateOnly[MaxEditions];
        var numbers = new string[length];
        for (var i = 0; i < length; i++)
        {
            var year = years[first + i];
            // Nothing is published after the reading day.
            var days = year == AsOf.Year ? AsOf.DayOfYear - 1 : 365;
            published[i] = new DateOnly(year, 1, 1).AddDays(random.Next(days));
            // 实施 three to twelve months after 发布, as announcements usually set it.
            implemented[i] = published[i].AddDays(random.Next(91, 366));
            numbers[i] = $"{stem}-{year}";
        }

        var local = kind.Class is KindClass.Local or KindClass.Group;
        for (var i = 0; i < length; i++)
        {
            var newest = i == length - 1;
            string status;
            DateOnly? abolished = null;
            if (!newest)
            {
                // An edition stays in force until its successor is implemented and is abolished that day.
                abolished = implemented[i + 1];
                status = implemented[i + 1] <= AsOf ? Abolished : Current;
            }
            else if (implemented[i] > AsOf)
            {
                status = Upcoming;
            }
            else if (implemented[i].Year <= 2012 && random.Chance(0.08))
            {
                // Withdrawn without a successor, as the 2017 review of recommended standards did to many.
                status = Abolished;
                var from = implemented[i].AddYears(3);
                abolished = from.AddDays(random.Next(Math.Max(1, AsOf.DayNumber - 30 - from.DayNumber)));
            }
            else
            {
                status = Current;
            }

            var english = random.Chance(local ? 0.6 : 0.88) ? title.En : null;
            // Local and group catalogue pages often leave the classifications out.
            var classified = !local || random.Chance(0.7);
            chain[i] = new StandardRecord(
                numbers[i],
                title.Zh,
                english,
                status,
                published[i],
                implemented[i],
                abolished,
                classified ? series.Subject.Ccs : null,
                classified ? series.Subject.Ics : null,
                i > 0 ? [numbers[i - 1]] : null,
                newest ? null : [numbers[i + 1]],
                kind.Issuer?.Invoke(published[i].Year) ?? series.Domain.Body(kind.Class, published[i].Year),
                local ? null : series.Domain.Committees[sequence % series.Domain.Committees.Length],
                series.Domain.Cluster);
        }

        return length;
    }

    private static int DrawYear(SplitMix64 random, int minYear)
    {
        while (true)
        {
            var year = FirstYear + random.PickWeighted(YearWeights);
            if (year >= minYear)
            {
                return year;
            }
        }
    }

    // Editions per standard: most have one, some two, a few three.
    private static readonly double[] EditionWeights = [0.60, 0.28, 0.12];

    // More standards are in the catalogue from recent years; the reading year counts for part of a year.
    private static readonly double[] YearWeights =
    [
        .. Enumerable.Range(FirstYear, AsOf.Year - FirstYear + 1).Select(y => y < 1995 ? 0.4 : y < 2005 ? 1.0 : y < 2015 ? 2.0 : y < AsOf.Year ? 3.0 : 2.0),
    ];

    /// <summary>One standard, or one series of parts: its subject and how its titles are composed.</summary>
    private sealed class Series
    {
        private Series(Domain domain, Kind kind, Subject subject, Template template)
        {
            Domain = domain;
            Kind = kind;
            Subject = subject;
            Template = template;
        }

        public Domain Domain { get; }
        public Kind Kind { get; }
        public Subject Subject { get; }
        public Template Template { get; }
        public int FirstPart { get; private init; } = 1;
        public int Parts { get; private init; } = 1;

        /// <summary>Whether the subject reads 进出口…, as inspection and quarantine (SN/T) standards often do.</summary>
        private bool Export { get; init; }

        /// <summary>Whether the title starts with the domain's head term (滚动轴承 深沟球轴承 …).</summary>
        private bool Head { get; init; }

        private Term? Aspect { get; init; }
        private Term? Analyte { get; init; }
        private Term? Method { get; init; }
        private int PartStart { get; init; }
        private int PartStep { get; init; } = 1;

        /// <summary>Whether the title carries the mandatory series' prefix (食品安全国家标准 …).</summary>
        private bool Safety => Kind.Class == KindClass.Mandatory && Domain.SafetyPrefix is not null;

        /// <summary>The first year this standard can have an edition: its kind's, its phrasing's, and 2010 for 食品安全国家标准 (Food Safety Law, 2009).</summary>
        public int MinYear => Math.Max(Math.Max(Kind.MinYear, Template.Since), Safety ? 2010 : FirstYear);

        public static Series Draw(SplitMix64 random, Domain domain, Kind kind)
        {
            var subject = random.Pick(domain.Subjects);
            var words = domain.Words;
            if (kind.Class == KindClass.Mandatory)
            {
                return DrawMandatory(random, domain, kind, subject);
            }

            var head = domain.Head is not null && random.Chance(0.7);
            var export = kind.Export && random.Chance(0.6);
            // National and industry standards come in parts more often than local and group ones.
            if (random.Chance(kind.Class is KindClass.Local or KindClass.Group ? 0.03 : 0.08))
            {
                return new Series(domain, kind, subject, Template.Parts)
                {
                    Parts = random.Next(2, 6), PartStart = random.Next(words.Parts.Length), PartStep = Coprime(random, words.Parts.Length), Export = export, Head = head,
                };
            }

            if (random.Chance(0.03))
            {
                // A lone part (GB/T 70123.3 with no siblings in the catalogue), as catalogues have once other parts are withdrawn.
                return new Series(domain, kind, subject, Template.Parts) { FirstPart = random.Next(2, 6), PartStart = random.Next(words.Parts.Length), Export = export, Head = head };
            }

            var roll = random.NextDouble();
            if (domain.Analytes.Length > 0 && roll < 0.16)
            {
                var analyte = random.Pick(domain.Analytes);
                return new Series(domain, kind, subject, Template.Determination) { Analyte = analyte.Name, Method = MethodFor(random, analyte, 0.75), Export = export };
            }

            if (roll < 0.30)
            {
                var special = export ? InspectionRules : Specials[random.Next(Specials.Length)];
                for (var tries = 0; tries < 4 && !special.Fits(kind, domain); tries++)
                {
                    special = Specials[random.Next(Specials.Length)];
                }

                if (special.Fits(kind, domain))
                {
                    return new Series(domain, kind, subject, special) { Export = export };
                }
            }

            // A service (检验检测机构) is no product title of its own; a product's standard is often just its name.
            return roll < 0.42 && !export && !ReferenceEquals(words, ServiceWords)
                ? new Series(domain, kind, subject, Template.Product)
                : new Series(domain, kind, subject, Template.Aspect) { Aspect = random.Pick(words.Aspects), Export = export, Head = head };
        }

        /// <summary>Mandatory standards are few and plain: safety, limits, energy quotas, and for food the 食品安全国家标准 series.</summary>
        private static Series DrawMandatory(SplitMix64 random, Domain domain, Kind kind, Subject subject)
        {
            var roll = random.NextDouble();
            if (domain.SafetyPrefix is not null)
            {
                if (roll < 0.5)
                {
                    return new Series(domain, kind, subject, Template.Product);
                }

                if (roll < 0.85 && domain.Analytes.Length > 0)
                {
                    var analyte = random.Pick(domain.Analytes);
                    return new Series(domain, kind, subject, Template.Determination) { Analyte = analyte.Name, Method = MethodFor(random, analyte, 0.5) };
                }
            }
            else if (roll < 0.25)
            {
                return new Series(domain, kind, subject, EnergyQuota);
            }

            return new Series(domain, kind, subject, Template.Aspect) { Aspect = random.Pick(MandatoryAspects) };
        }

        private static Term? MethodFor(SplitMix64 random, Analyte analyte, double share) =>
            analyte.Methods.Length > 0 && random.Chance(share) ? random.Pick(analyte.Methods) : null;

        private static int Coprime(SplitMix64 random, int length)
        {
            // A step coprime with the list length visits distinct aspects for every part of a series.
            int step;
            do
            {
                step = random.Next(1, Math.Max(2, length));
            }
            while (length > 1 && Gcd(step, length) != 1);
            return step;
        }

        public Title MakeTitle(int part)
        {
            var noun = Export ? new Term($"进出口{Subject.Zh}", $"{Subject.En} for import and export") : new Term(Subject.Zh, Subject.En);
            var stemZh = Head ? $"{Domain.Head!.Zh} {noun.Zh}" : noun.Zh;
            var stemEn = Head ? $"{Domain.Head!.En}—{noun.En}" : noun.En;
            var title = Template.Shape switch
            {
                Shape.Parts => PartTitle(part, stemZh, stemEn),
                Shape.Determination => Determination(noun),
                Shape.Product => new Title(noun.Zh, noun.En),
                Shape.Special => new Title(string.Format(Template.Zh, noun.Zh), string.Format(Template.En, Lower(noun.En))),
                _ => new Title($"{stemZh} {Aspect!.Zh}", $"{stemEn}—{Aspect.En}"),
            };
            return Safety ? new Title($"{Domain.SafetyPrefix!.Zh} {title.Zh}", $"{Domain.SafetyPrefix.En}—{title.En}") : title;
        }

        private Title PartTitle(int part, string stemZh, string stemEn)
        {
            // Part 1 sets the scene (通用要求/术语); later parts walk the aspect list without repeating.
            var words = Domain.Words;
            var aspect = part == 1 ? words.FirstPart[PartStart % words.FirstPart.Length] : words.Parts[(PartStart + ((part - 2) * PartStep)) % words.Parts.Length];
            return new Title($"{stemZh} 第{part}部分：{aspect.Zh}", $"{stemEn}—Part {part}: {aspect.En}");
        }

        private Title Determination(Term noun)
        {
            var zh = $"{noun.Zh}中{Analyte!.Zh}的测定";
            var en = $"Determination of {Analyte.En} in {Lower(noun.En)}";
            return Method is null ? new Title(zh, en) : new Title($"{zh} {Method.Zh}", $"{en}—{Method.En}");
        }
    }

    private static int Gcd(int a, int b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a;
    }

    /// <summary>Lower-cases the first letter of an English noun inside a sentence, but not of an acronym (PVC, LED).</summary>
    private static string Lower(string text) =>
        text.Length > 1 && char.IsUpper(text[0]) && char.IsLower(text[1]) ? char.ToLowerInvariant(text[0]) + text[1..] : text;

    private readonly record struct Title(string Zh, string En);

    /// <summary>A Chinese term with its English equivalent.</summary>
    private sealed record Term(string Zh, string En);

    /// <summary>What a determination standard measures, and the methods its titles name.</summary>
    private sealed record Analyte(Term Name, Term[] Methods);

    /// <summary>A product or subject of standards, with the classifications its standards carry.</summary>
    private sealed record Subject(string Zh, string En, string Ccs, string Ics);

    /// <summary>The aspects titles of a kind of subject take: a machine has 安装要求, a flour has 感官评价方法.</summary>
    private sealed record Words(Term[] Aspects, Term[] FirstPart, Term[] Parts);

    private enum KindClass { National, Mandatory, Industry, Local, Group }

    private enum Shape { Aspect, Parts, Determination, Product, Special }

    /// <summary>How a title is composed; specials are fixed phrasings that only some kinds of standard use.</summary>
    private sealed record Template(Shape Shape, string Zh, string En, KindClass[] Classes, bool AgricultureOnly = false, int Since = FirstYear)
    {
        public static readonly Template Aspect = new(Shape.Aspect, "", "", []);
        public static readonly Template Parts = new(Shape.Parts, "", "", []);
        public static readonly Template Determination = new(Shape.Determination, "", "", []);
        public static readonly Template Product = new(Shape.Product, "", "", []);

        // Specials name a product, so services (检验检测机构, 标准化服务) never take them.
        public bool Fits(Kind kind, Domain domain) =>
            Array.IndexOf(Classes, kind.Class) >= 0 && (!AgricultureOnly || domain.Agriculture) && !ReferenceEquals(domain.Words, ServiceWords);
    }

    /// <summary>A kind of number: its prefix, its number space and, when it is not the domain's body, who issues it.</summary>
    private sealed class Kind(string prefix, string space, KindClass kindClass, int minYear, Func<int, string>? issuer = null, bool export = false)
    {
        public string Prefix { get; } = prefix;

        /// <summary>Kinds sharing a space share sequence numbers (GB, GB/T and GB/Z; DB37/ and DB37/T), as real ones do.</summary>
        public string Space { get; } = space;

        public KindClass Class { get; } = kindClass;
        public int MinYear { get; } = minYear;
        public Func<int, string>? Issuer { get; } = issuer;
        public bool Export { get; } = export;
    }

    /// <summary>A subject area: its cluster, vocabulary, committees, bodies and the kinds of standard it has.</summary>
    private sealed class Domain(
        string? cluster, Term? head, Words words, Subject[] subjects, string[] committees, Func<int, string> body, (Kind Kind, double Weight)[] kinds,
        Analyte[]? analytes = null, bool agriculture = false, Term? safetyPrefix = null, Func<int, string>? mandatoryBody = null)
    {
        public string? Cluster { get; } = cluster;
        public Term? Head { get; } = head;
        public Words Words { get; } = words;
        public Subject[] Subjects { get; } = subjects;
        public string[] Committees { get; } = committees;
        public Kind[] Kinds { get; } = [.. kinds.Select(k => k.Kind)];
        public double[] KindWeights { get; } = [.. kinds.Select(k => k.Weight)];
        public Analyte[] Analytes { get; } = analytes ?? [];
        public bool Agriculture { get; } = agriculture;
        public Term? SafetyPrefix { get; } = safetyPrefix;

        public string Body(KindClass kindClass, int year) =>
            kindClass == KindClass.Mandatory && mandatoryBody is not null ? mandatoryBody(year) : body(year);
    }

    /// <summary>
    /// Hands out distinct sequence numbers: interleaved ranges walked with a coprime stride (so a small catalogue
    /// does not read 70000, 70001, 70002…), then plain numbers above every range once the ranges are used up.
    /// </summary>
    private sealed class NumberSpace
    {
        private readonly int[] _starts;
        private readonly int _length;
        private readonly int _stride;
        private readonly int _overflow;
        private int _next;

        private NumberSpace(int[] starts, int length, int overflow)
        {
            _starts = starts;
            _length = length;
            _overflow = overflow;
            _stride = (int)(length * 0.618);
            while (Gcd(_stride, length) != 1)
            {
                _stride++;
            }
        }

        public int Take()
        {
            var k = _next++;
            var round = k / _starts.Length;
            return round < _length
                ? _starts[k % _starts.Length] + (int)((long)round * _stride % _length)
                : _overflow + (k - (_starts.Length * _length));
        }

        public static NumberSpace For(string space) => space switch
        {
            // Real GB/GB/T/GB/Z numbers stay below 50000; JB/T uses up to about 15000 and some 5xxxx.
            "GB" or "JB/T" => new NumberSpace([70000], 30000, 100000),
            // FZ/T numbers are product-family codes (73020 = knitted wear); real ones use the low half of each family.
            "FZ/T" => new NumberSpace([.. FzFamilies.Select(f => (f * 1000) + 500)], 500, 100000),
            // DB37 numbers reach about 5300; group numbers are per association and stay in the hundreds.
            "DB37" => new NumberSpace([9000], 1000, 10000),
            _ when space.StartsWith("T/", StringComparison.Ordinal) => new NumberSpace([9000], 1000, 10000),
            // QB/T, SN/T, HG/T, YB/T, NY/T, SH/T, YS/T, QC/T, YY/T: real numbers stay below 30000 (HG/T 2xxxx, QC/T 29xxx).
            _ => new NumberSpace([30000], 70000, 100000),
        };
    }

    private static readonly int[] FzFamilies = [1, 10, 12, 13, 14, 20, 21, 24, 30, 32, 40, 42, 43, 50, 51, 52, 54, 60, 62, 63, 64, 70, 72, 73, 74, 80, 81, 90, 92, 93, 94, 95, 97, 98, 99];

    // Who issues what changed with the 2008 and 2018 reorganisations of the State Council.
    private static string Industry(int year) => year >= 2008 ? "工业和信息化部" : "国家发展和改革委员会";
    private static string Agriculture(int year) => year >= 2018 ? "农业农村部" : "农业部";
    private static string Drugs(int year) => year >= 2018 ? "国家药品监督管理局" : "国家食品药品监督管理局";
    private static string Health(int year) => year >= 2018 ? "国家卫生健康委员会" : year >= 2013 ? "国家卫生和计划生育委员会" : "卫生部";
    private static string Shandong(int year) => year >= 2019 ? "山东省市场监督管理局" : "山东省质量技术监督局";
    private static Func<int, string> Fixed(string body) => _ => body;

    // The /T (recommended) forms date from the 1989 Standardization Law; GB/Z from 1998; group standards from the 2015 reform.
    private static readonly Kind GbT = new("GB/T ", "GB", KindClass.National, 1989);
    private static readonly Kind Gb = new("GB ", "GB", KindClass.Mandatory, FirstYear);
    private static readonly Kind GbZ = new("GB/Z ", "GB", KindClass.National, 2001);
    private static readonly Kind Jb = new("JB/T ", "JB/T", KindClass.Industry, 1989, Industry);
    private static readonly Kind Qb = new("QB/T ", "QB/T", KindClass.Industry, 1989, Industry);
    private static readonly Kind Hg = new("HG/T ", "HG/T", KindClass.Industry, 1989, Industry);
    private static readonly Kind Yb = new("YB/T ", "YB/T", KindClass.Industry, 1989, Industry);
    private static readonly Kind Fz = new("FZ/T ", "FZ/T", KindClass.Industry, 1989, Industry);
    private static readonly Kind Ys = new("YS/T ", "YS/T", KindClass.Industry, 1989, Industry);
    private static readonly Kind Qc = new("QC/T ", "QC/T", KindClass.Industry, 1989, Industry);
    private static readonly Kind Sh = new("SH/T ", "SH/T", KindClass.Industry, 1989, Industry);
    private static readonly Kind Ny = new("NY/T ", "NY/T", KindClass.Industry, 1989, Agriculture);
    private static readonly Kind Yy = new("YY/T ", "YY/T", KindClass.Industry, 1989, Drugs);
    private static readonly Kind Sn = new("SN/T ", "SN/T", KindClass.Industry, 1989, y => y >= 2018 ? "海关总署" : "国家质量监督检验检疫总局", true);
    private static readonly Kind Db37T = new("DB37/T ", "DB37", KindClass.Local, 1995, Shandong);
    private static readonly Kind Db37 = new("DB37/ ", "DB37", KindClass.Local, 1995, Shandong);

    private static Kind Group(string code, string association) => new($"T/{code} ", $"T/{code}", KindClass.Group, 2016, Fixed(association));

    private static readonly Words MachineWords = new(
    [
        new("技术条件", "Technical specifications"), new("通用技术条件", "General technical specifications"), new("技术要求", "Technical requirements"),
        new("试验方法", "Test methods"), new("检验规则", "Inspection rules"), new("术语", "Vocabulary"), new("安全要求", "Safety requirements"),
        new("分类与代号", "Classification and designation"), new("型式与基本参数", "Types and basic parameters"), new("尺寸和公差", "Dimensions and tolerances"),
        new("包装、标志、运输和贮存", "Packaging, marking, transportation and storage"), new("质量分级", "Quality grading"), new("使用导则", "Guide for use"),
        new("性能评价方法", "Performance evaluation method"), new("抽样检验方法", "Sampling inspection method"), new("可靠性试验方法", "Reliability test method"),
        new("寿命试验及评定", "Life test and assessment"), new("验收规范", "Acceptance specification"), new("安装与维护规范", "Specification for installation and maintenance"),
        new("环境适应性要求", "Environmental adaptability requirements"), new("产品质量监督抽查实施规范", "Implementation specification for supervision sampling inspection of product quality"),
    ],
    [new("通用要求", "General requirements"), new("总则", "General"), new("术语和定义", "Terms and definitions")],
    [
        new("试验方法", "Test methods"), new("技术要求", "Technical requirements"), new("检验规则", "Inspection rules"), new("安全要求", "Safety requirements"),
        new("尺寸和公差", "Dimensions and tolerances"), new("性能要求", "Performance requirements"), new("安装要求", "Installation requirements"),
        new("标志和包装", "Marking and packaging"), new("评价方法", "Evaluation methods"), new("使用和维护", "Use and maintenance"), new("型式检验", "Type tests"),
    ]);

    private static readonly Words MaterialWords = new(
    [
        new("技术条件", "Technical specifications"), new("通用规范", "General specification"), new("技术要求", "Technical requirements"), new("试验方法", "Test methods"),
        new("检验规则", "Inspection rules"), new("术语", "Vocabulary"), new("安全技术规范", "Safety technical specification"), new("取样方法", "Sampling methods"),
        new("包装、标志、运输和贮存", "Packaging, marking, transportation and storage"), new("质量分级", "Quality grading"), new("使用导则", "Guide for use"),
        new("化学分析方法", "Methods for chemical analysis"), new("验收规范", "Acceptance specification"), new("产品质量监督抽查实施规范", "Implementation specification for supervision sampling inspection of product quality"),
    ],
    [new("通用要求", "General requirements"), new("术语和定义", "Terms and definitions"), new("牌号", "Designations")],
    [
        new("技术要求", "Technical requirements"), new("试验方法", "Test methods"), new("检验规则", "Inspection rules"), new("取样方法", "Sampling methods"),
        new("标志和包装", "Marking and packaging"), new("安全技术规范", "Safety technical specification"), new("评价方法", "Evaluation methods"), new("分析方法", "Methods of analysis"),
    ]);

    private static readonly Words ConsumerWords = new(
    [
        new("通用要求", "General requirements"), new("技术要求", "Technical requirements"), new("试验方法", "Test methods"), new("检验规则", "Inspection rules"),
        new("术语", "Vocabulary"), new("质量分级", "Quality grading"), new("感官评价方法", "Method for sensory evaluation"), new("储存技术规范", "Technical specification for storage"),
        new("包装、标志、运输和贮存", "Packaging, marking, transportation and storage"), new("抽样检验方法", "Sampling inspection method"),
        new("标签标识要求", "Requirements for labelling"), new("加工技术规范", "Technical specification for processing"),
        new("产品质量监督抽查实施规范", "Implementation specification for supervision sampling inspection of product quality"),
    ],
    [new("通用要求", "General requirements"), new("术语和定义", "Terms and definitions")],
    [
        new("技术要求", "Technical requirements"), new("试验方法", "Test methods"), new("检验规则", "Inspection rules"), new("质量分级", "Quality grading"),
        new("标签标识", "Labelling"), new("评价方法", "Evaluation methods"), new("加工技术规范", "Technical specification for processing"),
    ]);

    private static readonly Words ServiceWords = new(
    [
        new("术语", "Vocabulary"), new("服务规范", "Service specification"), new("评价规范", "Evaluation specification"), new("管理要求", "Management requirements"),
        new("建设指南", "Guidelines for construction"), new("通用要求", "General requirements"), new("评价指标体系", "Evaluation index system"), new("数据元", "Data elements"),
    ],
    [new("总则", "General"), new("术语和定义", "Terms and definitions")],
    [
        new("服务规范", "Service specification"), new("评价方法", "Evaluation methods"), new("管理要求", "Management requirements"), new("数据要求", "Data requirements"),
        new("建设指南", "Guidelines for construction"), new("评价指标", "Evaluation indicators"),
    ]);

    private static readonly Term[] MandatoryAspects =
    [
        new("安全要求", "Safety requirements"), new("通用规范", "General specification"), new("安全技术规范", "Safety technical specification"),
        new("有害物质限量", "Limits of harmful substances"), new("通用技术要求", "General technical requirements"),
    ];

    private static readonly KindClass[] NationalAndIndustry = [KindClass.National, KindClass.Industry];
    private static readonly KindClass[] LocalAndGroup = [KindClass.Local, KindClass.Group];

    private static readonly Template InspectionRules = new(Shape.Special, "{0}检验规程", "Rules for the inspection of {0}", [KindClass.Industry, KindClass.Local]);
    private static readonly Template EnergyQuota = new(Shape.Special, "{0}单位产品能源消耗限额", "The norm of energy consumption per unit product of {0}", [KindClass.Mandatory, KindClass.Local], Since: 2007);

    // Each phrasing only from the year it came into use: green-design assessment from 2016, 好品山东 from 2021, and so on.
    private static readonly Template[] Specials =
    [
        new(Shape.Special, "绿色设计产品评价技术规范 {0}", "Technical specification for green-design product assessment—{0}", [KindClass.National, KindClass.Industry, KindClass.Group], Since: 2016),
        EnergyQuota,
        new(Shape.Special, "{0}行业清洁生产评价指标体系", "Cleaner production evaluation index system for {0} industry", NationalAndIndustry, Since: 2006),
        new(Shape.Special, "{0}质量安全追溯系统建设要求", "Requirements for building the quality and safety traceability system of {0}", LocalAndGroup, Since: 2010),
        new(Shape.Special, "{0}生产企业质量管理规范", "Quality management specification for {0} manufacturers", [KindClass.Local, KindClass.Group, KindClass.Industry]),
        InspectionRules,
        new(Shape.Special, "{0}产品质量分等", "Quality grading of {0}", [KindClass.Industry, KindClass.Group]),
        new(Shape.Special, "{0}企业安全生产标准化评定规范", "Assessment specification for work safety standardization of {0} enterprises", LocalAndGroup, Since: 2011),
        new(Shape.Special, "{0}生产技术规程", "Technical code of practice for {0} production", [KindClass.Local, KindClass.Industry, KindClass.Group], true),
        new(Shape.Special, "地理标志产品 {0}", "Product of geographical indication—{0}", [KindClass.Local, KindClass.National], true, 2000),
        new(Shape.Special, "“好品山东”{0}评价规范", "Evaluation specification of Good Products of Shandong—{0}", LocalAndGroup, Since: 2021),
    ];

    private static Term M(string zh, string en) => new(zh, en);

    private static readonly Term Gravimetric = M("重量法", "Gravimetric method");
    private static readonly Term Titration = M("滴定法", "Titration method");
    private static readonly Term Photometric = M("分光光度法", "Spectrophotometric method");
    private static readonly Term Aas = M("原子吸收光谱法", "Atomic absorption spectrometry");
    private static readonly Term IcpMs = M("电感耦合等离子体质谱法", "Inductively coupled plasma mass spectrometry");
    private static readonly Term IcpAes = M("电感耦合等离子体原子发射光谱法", "Inductively coupled plasma atomic emission spectrometry");
    private static readonly Term Gc = M("气相色谱法", "Gas chromatography");
    private static readonly Term Lc = M("液相色谱法", "Liquid chromatography");
    private static readonly Term LcMsMs = M("液相色谱-质谱/质谱法", "Liquid chromatography-tandem mass spectrometry");
    private static readonly Term GcMs = M("气相色谱-质谱法", "Gas chromatography-mass spectrometry");
    private static readonly Term IonChromatography = M("离子色谱法", "Ion chromatography");

    // Each analyte comes with the methods its real determinations use, so no title measures endotoxin by ICP-MS.
    private static readonly Analyte[] FoodAnalytes =
    [
        new(M("水分", "moisture"), [Gravimetric]), new(M("灰分", "ash"), [Gravimetric]), new(M("蛋白质", "protein"), [M("凯氏定氮法", "Kjeldahl method"), Photometric]),
        new(M("脂肪", "fat"), [M("索氏抽提法", "Soxhlet extraction method")]), new(M("铅", "lead"), [Aas, IcpMs]), new(M("总砷", "total arsenic"), [IcpMs, M("原子荧光光谱法", "Atomic fluorescence spectrometry")]),
        new(M("镉", "cadmium"), [Aas]), new(M("黄曲霉毒素B1", "aflatoxin B1"), [Lc, LcMsMs]), new(M("二氧化硫", "sulfur dioxide"), [Titration]),
        new(M("苯甲酸和山梨酸", "benzoic acid and sorbic acid"), [Lc]), new(M("酸价", "acid value"), [Titration]), new(M("过氧化值", "peroxide value"), [Titration]),
        new(M("多种农药残留量", "multiple pesticide residues"), [GcMs, LcMsMs]), new(M("菌落总数", "aerobic plate count"), []),
    ];

    private static readonly Analyte[] ChemicalAnalytes =
    [
        new(M("水分", "water"), [M("卡尔·费休法", "Karl Fischer method"), Gravimetric]), new(M("铁含量", "iron content"), [Photometric]),
        new(M("氯化物", "chloride"), [Titration, IonChromatography]), new(M("硫酸盐", "sulfate"), [Gravimetric, IonChromatography]),
        new(M("灼烧残渣", "residue on ignition"), [Gravimetric]), new(M("色度", "colour"), [M("目视比色法", "Visual colorimetric method")]),
        new(M("总氮含量", "total nitrogen content"), [M("蒸馏后滴定法", "Titrimetric method after distillation")]),
        new(M("有效磷含量", "available phosphorus content"), [M("磷钼酸喹啉重量法", "Quinoline phosphomolybdate gravimetric method")]),
        new(M("钾含量", "potassium content"), [M("四苯硼酸钾重量法", "Potassium tetraphenylborate gravimetric method")]),
        new(M("缩二脲含量", "biuret content"), [Photometric]), new(M("挥发性有机化合物含量", "volatile organic compound content"), [Gc]),
    ];

    private static readonly Analyte[] MetalAnalytes =
    [
        new(M("硅含量", "silicon content"), [Photometric, IcpAes]), new(M("铁含量", "iron content"), [Photometric, IcpAes]), new(M("铜含量", "copper content"), [Titration, IcpAes]),
        new(M("锰含量", "manganese content"), [Photometric, IcpAes]),
        new(M("碳、硫含量", "carbon and sulfur content"), [M("高频燃烧红外吸收法", "Infrared absorption method after combustion in an induction furnace")]),
        new(M("铅含量", "lead content"), [Aas, IcpAes]), new(M("锌含量", "zinc content"), [Titration]),
        new(M("多元素含量", "multi-element content"), [M("火花放电原子发射光谱法", "Spark discharge atomic emission spectrometry"), IcpAes]),
    ];

    private static readonly Analyte[] TextileAnalytes =
    [
        new(M("甲醛含量", "formaldehyde content"), [M("水萃取法", "Water extraction method")]), new(M("pH值", "pH value"), []),
        new(M("可分解致癌芳香胺染料", "decomposable carcinogenic aromatic amine dyes"), [GcMs]), new(M("纤维含量", "fibre content"), [M("化学分析法", "Chemical analysis method")]),
        new(M("重金属含量", "heavy metal content"), [Aas]),
    ];

    private static readonly Analyte[] MedicalAnalytes =
    [
        new(M("环氧乙烷残留量", "ethylene oxide residue"), [Gc]), new(M("重金属", "heavy metals"), [IcpMs]), new(M("干燥失重", "loss on drying"), []),
        new(M("细菌内毒素", "bacterial endotoxins"), [M("凝胶法", "Gel-clot method")]), new(M("微生物限度", "microbial limit"), []),
    ];

    private static readonly Analyte[] PetroleumAnalytes =
    [
        new(M("硫含量", "sulfur content"), [M("紫外荧光法", "Ultraviolet fluorescence method")]), new(M("水分", "water"), [M("蒸馏法", "Distillation method")]),
        new(M("密度", "density"), [M("密度计法", "Hydrometer method")]), new(M("运动黏度", "kinematic viscosity"), [M("毛细管黏度计法", "Capillary viscometer method")]),
        new(M("酸值", "acid number"), [M("电位滴定法", "Potentiometric titration method")]),
    ];

    private static readonly Domain[] Domains =
    [
        new("轴承", new Term("滚动轴承", "Rolling bearings"), MachineWords,
        [
            new("深沟球轴承", "Deep groove ball bearings", "J11", "21.100.20"), new("圆锥滚子轴承", "Tapered roller bearings", "J11", "21.100.20"),
            new("圆柱滚子轴承", "Cylindrical roller bearings", "J11", "21.100.20"), new("调心滚子轴承", "Spherical roller bearings", "J11", "21.100.20"),
            new("角接触球轴承", "Angular contact ball bearings", "J11", "21.100.20"), new("推力球轴承", "Thrust ball bearings", "J11", "21.100.20"),
            new("滚针轴承", "Needle roller bearings", "J11", "21.100.20"), new("带座外球面球轴承", "Insert bearing units", "J11", "21.100.20"),
            new("轴承钢球", "Steel balls for rolling bearings", "J11", "21.100.20"), new("轴承保持架", "Cages for rolling bearings", "J11", "21.100.20"),
            new("汽车轮毂轴承单元", "Wheel hub bearing units for automobiles", "J11", "21.100.20"), new("风力发电机组主轴轴承", "Main shaft bearings for wind turbines", "J11", "21.100.20"),
            new("精密机床主轴轴承", "Spindle bearings for precision machine tools", "J11", "21.100.20"), new("铁路货车轴承", "Bearings for railway freight cars", "J11", "21.100.20"),
            new("交叉滚子轴承", "Crossed roller bearings", "J11", "21.100.20"),
        ],
        ["SAC/TC 98"], Fixed("中国机械工业联合会"),
        [(GbT, 40), (Jb, 40), (GbZ, 1), (Group("CBIA", "中国轴承工业协会"), 8), (Db37T, 8)]),

        new("电线电缆", null, MachineWords,
        [
            new("聚氯乙烯绝缘电缆", "PVC insulated cables", "K13", "29.060.20"), new("交联聚乙烯绝缘电力电缆", "XLPE insulated power cables", "K13", "29.060.20"),
            new("橡皮绝缘软电缆", "Rubber insulated flexible cables", "K13", "29.060.20"), new("控制电缆", "Control cables", "K13", "29.060.20"),
            new("光伏发电系统用电缆", "Cables for photovoltaic systems", "K13", "29.060.20"), new("矿物绝缘电缆", "Mineral insulated cables", "K13", "29.060.20"),
            new("低烟无卤阻燃电缆", "Low-smoke halogen-free flame retardant cables", "K13", "29.060.20"), new("电动汽车充电用电缆", "Cables for electric vehicle charging", "K13", "29.060.20"),
            new("铜导体", "Copper conductors", "K13", "29.060.10"), new("铝合金导体", "Aluminium alloy conductors", "K13", "29.060.10"),
            new("架空绞线", "Overhead stranded conductors", "K11", "29.240.20"), new("漆包绕组线", "Enamelled winding wires", "K11", "29.060.10"),
            new("电缆附件", "Cable accessories", "K13", "29.060.20"), new("电线电缆用聚氯乙烯混合料", "PVC compounds for wires and cables", "K15", "29.035.20"),
        ],
        ["SAC/TC 213"], Fixed("中国电器工业协会"),
        [(GbT, 45), (Jb, 25), (Gb, 2), (GbZ, 1), (Group("CEEIA", "中国电器工业协会"), 12), (Db37T, 6)]),

        new("化工", null, MaterialWords,
        [
            new("工业用氢氧化钠", "Sodium hydroxide for industrial use", "G12", "71.060.40"), new("工业硫酸", "Sulphuric acid for industrial use", "G11", "71.060.30"),
            new("工业用甲醇", "Methanol for industrial use", "G16", "71.080.60"), new("工业用二氯甲烷", "Dichloromethane for industrial use", "G17", "71.080.20"),
            new("工业用三氯甲烷", "Trichloromethane for industrial use", "G17", "71.080.20"), new("工业用己内酰胺", "Caprolactam for industrial use", "G17", "71.080.30"),
            new("聚氯乙烯树脂", "Polyvinyl chloride resin", "G32", "83.080.20"), new("复合肥料", "Compound fertilizers", "G21", "65.080"),
            new("尿素", "Urea", "G21", "65.080"), new("水处理剂", "Water treatment chemicals", "G77", "71.100.80"),
            new("建筑涂料", "Architectural coatings", "G51", "87.040"), new("工业胶粘剂", "Industrial adhesives", "G38", "83.180"),
        ],
        ["SAC/TC 63", "SAC/TC 105"], Fixed("中国石油和化学工业联合会"),
        [(GbT, 35), (Hg, 35), (Gb, 6), (GbZ, 1), (Group("CPCIF", "中国石油和化学工业联合会"), 8), (Db37T, 6), (Sn, 3)],
        ChemicalAnalytes),

        new("化工", null, MaterialWords,
        [
            new("车用汽油", "Motor gasoline", "E31", "75.160.20"), new("车用柴油", "Automobile diesel fuels", "E31", "75.160.20"),
            new("内燃机油", "Internal combustion engine oils", "E34", "75.100"), new("液压油", "Hydraulic fluids", "E34", "75.120"),
            new("润滑脂", "Lubricating greases", "E36", "75.100"), new("道路石油沥青", "Road petroleum asphalt", "E41", "75.140"),
        ],
        ["SAC/TC 280"], Fixed("中国石油和化学工业联合会"),
        [(GbT, 35), (Sh, 45), (Gb, 8), (Group("CPCIF", "中国石油和化学工业联合会"), 4)],
        PetroleumAnalytes),

        new("有色金属", null, MaterialWords,
        [
            new("铝合金建筑型材", "Aluminium alloy extruded profiles for architecture", "H61", "77.150.10"),
            new("铝及铝合金板带材", "Aluminium and aluminium alloy plates and strips", "H61", "77.150.10"), new("铝箔", "Aluminium foil", "H61", "77.150.10"),
            new("重熔用铝锭", "Aluminium ingots for remelting", "H61", "77.120.10"), new("阴极铜", "Cathode copper", "H62", "77.120.30"),
            new("铜及铜合金带材", "Copper and copper alloy strips", "H62", "77.150.30"), new("铜及铜合金无缝管", "Copper and copper alloy seamless tubes", "H62", "77.150.30"),
            new("锌锭", "Zinc ingots", "H62", "77.120.60"), new("再生铝合金原料", "Recycled aluminium alloy raw materials", "H61", "77.120.10"),
            new("电工用铜线坯", "Copper wire rod for electrical purposes", "H62", "77.150.30"),
        ],
        ["SAC/TC 243"], Fixed("中国有色金属工业协会"),
        [(GbT, 45), (Ys, 40), (GbZ, 1), (Group("CNIA", "中国有色金属工业协会"), 8), (Db37T, 5)],
        MetalAnalytes),

        new("钢管及金属制品", null, MaterialWords,
        [
            new("无缝钢管", "Seamless steel tubes", "H48", "77.140.75"), new("直缝电焊钢管", "Longitudinally welded steel pipes", "H48", "77.140.75"),
            new("流体输送用不锈钢焊接钢管", "Welded stainless steel pipes for fluid transport", "H48", "77.140.75"),
            new("冷拔精密无缝钢管", "Cold drawn precision seamless steel tubes", "H48", "77.140.75"), new("结构用无缝钢管", "Seamless steel tubes for structural purposes", "H48", "77.140.75"),
            new("镀锌钢绞线", "Zinc-coated steel strands", "H49", "77.140.65"), new("钢丝绳", "Steel wire ropes", "H49", "77.140.65"),
            new("热轧带肋钢筋", "Hot-rolled ribbed steel bars", "H44", "77.140.60"), new("预应力混凝土用钢绞线", "Steel strands for prestressed concrete", "H49", "77.140.65"),
            new("六角头螺栓", "Hexagon head bolts", "J13", "21.060.10"), new("钢格栅板", "Steel gratings", "H49", "77.140.99"),
        ],
        ["SAC/TC 183"], Fixed("中国钢铁工业协会"),
        [(GbT, 45), (Yb, 35), (Jb, 5), (Group("CISA", "中国钢铁工业协会"), 6), (Db37T, 6)],
        MetalAnalytes),

        new("汽车及零部件", null, MachineWords,
        [
            new("汽车制动器", "Automotive brakes", "T24", "43.040.40"), new("商用车盘式制动器", "Disc brakes for commercial vehicles", "T24", "43.040.40"),
            new("汽车座椅", "Automotive seats", "T26", "43.040.60"), new("客车空调系统", "Air conditioning systems for buses", "T26", "43.080.20"),
            new("汽车电线束", "Automotive wiring harnesses", "T36", "43.040.10"), new("汽车用LED前照灯", "LED headlamps for motor vehicles", "T36", "43.040.20"),
            new("汽车转向器", "Steering gears for motor vehicles", "T23", "43.040.50"), new("汽车离合器", "Clutches for motor vehicles", "T21", "43.040.50"),
            new("电动汽车用动力蓄电池", "Traction batteries for electric vehicles", "T47", "43.120"), new("汽车车轮", "Wheels for motor vehicles", "T22", "43.040.50"),
            new("商用车驱动桥", "Drive axles for commercial vehicles", "T22", "43.040.50"),
        ],
        ["SAC/TC 114"], Industry,
        [(GbT, 35), (Qc, 35), (Gb, 10), (Group("CSAE", "中国汽车工程学会"), 12), (Db37T, 4)]),

        new("农副产品及食品", null, ConsumerWords,
        [
            new("小麦粉", "Wheat flour", "X11", "67.060"), new("挂面", "Dried noodles", "X11", "67.060"), new("食用植物油", "Edible vegetable oils", "X14", "67.200.10"),
            new("花生油", "Peanut oil", "X14", "67.200.10"), new("大豆", "Soybeans", "B22", "67.060"), new("玉米", "Maize", "B22", "67.060"),
            new("驴肉制品", "Donkey meat products", "X22", "67.120.10"), new("酱卤肉制品", "Sauce-stewed meat products", "X22", "67.120.10"),
            new("乳粉", "Milk powder", "X16", "67.100.10"), new("酱油", "Soy sauce", "X66", "67.220.20"), new("食醋", "Vinegar", "X66", "67.220.20"),
            new("茶叶", "Tea", "X55", "67.140.10"), new("鸭梨", "Ya pears", "B31", "67.080.10"), new("饮料", "Beverages", "X51", "67.160.20"),
            new("速冻调制食品", "Quick-frozen prepared foods", "X29", "67.040"),
        ],
        ["SAC/TC 270", "SAC/TC 64"], Fixed("国家标准化管理委员会"),
        [(GbT, 35), (Gb, 12), (GbZ, 1), (Ny, 15), (Sn, 15), (Db37T, 10), (Db37, 2), (Group("CNFIA", "中国食品工业协会"), 8)],
        FoodAnalytes, true, new Term("食品安全国家标准", "National food safety standard"), Health),

        new("农副产品及食品", null, ConsumerWords,
        [
            new("冬小麦", "Winter wheat", "B22", "65.020.20"), new("夏玉米", "Summer maize", "B22", "65.020.20"), new("设施黄瓜", "Greenhouse cucumbers", "B31", "65.020.20"),
            new("大葱", "Welsh onions", "B31", "65.020.20"), new("设施番茄", "Greenhouse tomatoes", "B31", "65.020.20"), new("肉鸡", "Broilers", "B43", "65.020.30"),
            new("奶牛", "Dairy cattle", "B43", "65.020.30"), new("肉驴", "Meat donkeys", "B43", "65.020.30"),
        ],
        ["SAC/TC 37"], Agriculture,
        [(Ny, 45), (GbT, 15), (Db37T, 30), (Group("SDAS", "山东标准化协会"), 5)],
        null, true),

        new("纺织服装", null, ConsumerWords,
        [
            new("棉本色纱线", "Cotton grey yarns", "W11", "59.080.20"), new("精梳棉本色布", "Combed cotton grey fabrics", "W12", "59.080.30"),
            new("针织T恤衫", "Knitted T-shirts", "W63", "61.020"), new("机织西服", "Woven suits", "W61", "61.020"), new("羽绒服装", "Down garments", "W61", "61.020"),
            new("婴幼儿服装", "Garments for infants", "W63", "61.020"), new("床上用品", "Bedding articles", "W64", "97.160"), new("毛巾", "Towels", "W61", "59.080.30"),
            new("涤纶短纤维", "Polyester staple fibres", "W52", "59.060.20"), new("粘胶长丝", "Viscose filament yarns", "W52", "59.060.20"),
            new("水刺非织造布", "Spunlaced nonwovens", "W59", "59.080.30"), new("工作服", "Work clothing", "W61", "13.340.10"),
        ],
        ["SAC/TC 209"], Fixed("中国纺织工业联合会"),
        [(GbT, 40), (Fz, 40), (Gb, 4), (Group("CNTAC", "中国纺织工业联合会"), 8), (Db37T, 4), (Sn, 3)],
        TextileAnalytes),

        new("生物医药", null, ConsumerWords,
        [
            new("医用外科口罩", "Surgical masks", "C48", "11.140"), new("医用防护服", "Protective clothing for medical use", "C48", "11.140"),
            new("一次性使用输液器", "Single-use infusion sets", "C31", "11.040.20"), new("一次性使用无菌注射器", "Sterile hypodermic syringes for single use", "C31", "11.040.20"),
            new("医用检查手套", "Medical examination gloves", "C46", "11.140"), new("阿胶", "Ejiao (donkey-hide gelatin)", "C10", "11.120.10"),
            new("中药饮片", "Prepared slices of Chinese crude drugs", "C23", "11.120.10"), new("药用辅料", "Pharmaceutical excipients", "C10", "11.120.10"),
            new("体外诊断试剂", "In vitro diagnostic reagents", "C44", "11.100.10"), new("医用消毒剂", "Disinfectants for medical use", "C50", "11.080.20"),
        ],
        ["SAC/TC 106"], Drugs,
        [(GbT, 25), (Yy, 35), (Gb, 10), (GbZ, 2), (Group("CAMDI", "中国医疗器械行业协会"), 8), (Db37T, 4)],
        MedicalAnalytes),

        new("高端装备", null, MachineWords,
        [
            new("数控车床", "CNC lathes", "J51", "25.080.10"), new("立式加工中心", "Vertical machining centres", "J54", "25.040.10"),
            new("工业机器人", "Industrial robots", "J28", "25.040.30"), new("旋挖钻机", "Rotary drilling rigs", "P97", "91.220"),
            new("旋挖钻机截齿", "Picks for rotary drilling rigs", "P97", "91.220"), new("液压缸", "Hydraulic cylinders", "J20", "23.100.20"),
            new("风力发电机组齿轮箱", "Gearboxes for wind turbine generator systems", "J17", "21.200"), new("轮式拖拉机", "Wheeled tractors", "B91", "65.060.10"),
            new("联合收割机", "Combine harvesters", "B93", "65.060.50"), new("桥式起重机", "Overhead travelling cranes", "J80", "53.020.20"),
            new("压力容器", "Pressure vessels", "J74", "23.020.30"), new("激光切割机", "Laser cutting machines", "J61", "25.120"),
        ],
        ["SAC/TC 22", "SAC/TC 159", "SAC/TC 201"], Fixed("中国机械工业联合会"),
        [(GbT, 40), (Jb, 40), (Gb, 3), (GbZ, 2), (Group("CMIF", "中国机械工业联合会"), 8), (Db37T, 6)]),

        new(null, null, ServiceWords,
        [
            new("企业标准化工作", "Enterprise standardization", "A00", "03.120.10"), new("检验检测机构", "Inspection and testing bodies", "A00", "03.120.20"),
            new("计量器具管理", "Management of measuring instruments", "A50", "17.020"), new("质量信用", "Quality credit", "A00", "03.120.10"),
            new("产品质量监督抽查", "Supervision sampling inspection of product quality", "A00", "03.120.30"), new("标准化服务", "Standardization services", "A00", "01.120"),
            new("质量基础设施一站式服务", "One-stop services of quality infrastructure", "A00", "03.120.10"), new("市场主体登记信息", "Registration information of market entities", "A24", "35.240.01"),
        ],
        ["SAC/TC 286", "SAC/TC 151"], Fixed("国家标准化管理委员会"),
        [(GbT, 55), (GbZ, 5), (Db37T, 15), (Db37, 2), (Group("SDAQI", "山东省质量检验协会"), 10)]),

        new(null, null, ConsumerWords,
        [
            new("皮鞋", "Leather shoes", "Y78", "61.060"), new("背提包", "Handbags and knapsacks", "Y48", "59.140.35"), new("旅行箱包", "Luggage", "Y48", "59.140.35"),
            new("日用陶瓷器", "Domestic ceramic ware", "Y22", "81.060.20"), new("纸巾纸", "Tissue paper", "Y39", "85.080.20"), new("实木家具", "Solid wood furniture", "Y80", "97.140"),
            new("自行车", "Bicycles", "Y13", "43.150"), new("塑料餐饮具", "Plastic tableware", "Y28", "97.040.60"),
        ],
        ["SAC/TC 252", "SAC/TC 480"], Fixed("中国轻工业联合会"),
        [(GbT, 35), (Qb, 45), (Gb, 6), (Group("CNLIC", "中国轻工业联合会"), 6), (Db37T, 5), (Sn, 3)]),
    ];

    // How often each domain is drawn, in the order above: the ten clusters' domains carry most of the catalogue.
    private static readonly double[] DomainWeights = [10, 10, 6, 3, 6, 7, 8, 10, 5, 7, 6, 9, 5, 5];
}
