using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using QualityCity.Domain.Calendar;
using QualityCity.Domain.Common;
using QualityCity.Domain.Development;
using QualityCity.Web.Data;
using QualityCity.Web.Modules.Development;
using QualityCity.Web.Modules.Development.Chains;
using QualityCity.Web.Modules.Development.Commissioners;
using QualityCity.Web.Modules.Development.Efficiency;
using QualityCity.Web.Modules.Development.Tiers;
using QualityCity.Web.Modules.Registry.Contracts;

namespace QualityCity.Web.Demo;

/// <summary>What the demo's enterprise development holds.</summary>
public sealed record DemoDevelopmentCounts(int Years, int Figures, int Programme, int Commissioners, int Visits, int Problems, int Profiles, int Recognitions,
    int Chains, int Members, int Projects);

/// <summary>
/// The demo city's enterprise development (DEV-1 to DEV-4), made up from a seed: three years of
/// per-mu figures of up to 2,400 manufacturers, evaluated by the shipped Huai'an formula; the
/// programme (助企远航) of up to 400 of them, each with its commissioner, visits and problems; their
/// tier profiles spread over the ladder, and recorded titles; each chain's leader, leading firms,
/// firms placed by hand and projects. The demo enterprise accounts' own firms are always in, with
/// what their pages are meant to show: the cable firm in class B and one condition short of
/// 专精特新, its commissioner the <c>samr.inspector</c> account, and one open, one overdue and one
/// solved problem.
/// </summary>
public static class DemoDevelopment
{
    /// <summary>The shipped formula the demo city evaluates by from its second year on.</summary>
    public const string FormulaId = "huaian-2024";

    /// <summary>
    /// The formula of the demo's first year: Huai'an's benchmarks are the previous year's means, and
    /// the demo has no year before its first, so that year is evaluated by Huangyan's fixed benchmarks.
    /// </summary>
    public const string FirstYearFormulaId = "huangyan-2022-above-scale";

    public const int MaxFigureFirms = 2_400;

    public const int MaxProgramme = 400;

    /// <summary>The commissioner account of the demo's enterprise account.</summary>
    public const string CommissionerAccount = "samr.inspector";

    private const string Actor = "demo";

    public static async Task<DemoDevelopmentCounts> LoadAsync(QualityCityDbContext db, SplitMix64 random, DateOnly today, WorkingDayCalendar calendar,
        CancellationToken cancellationToken)
    {
        var now = db.Clock.UtcNow;
        var lastYear = today.Year - 1;
        var years = Enumerable.Range(lastYear - 2, 3).Where(y => y >= 2020).ToList();
        var accounts = await AccountCodesAsync(db, cancellationToken);
        var cable = accounts.GetValueOrDefault("enterprise");
        var bearing = accounts.GetValueOrDefault("enterprise2");

        var firms = await ManufacturersAsync(db, accounts.Values, cancellationToken);
        var figures = DemoEfficiency.Generate(random, firms, years, accounts.Values.ToHashSet(StringComparer.Ordinal), now);
        var formulaJson = ShippedFormulaJson();
        if (cable is not null && figures.ContainsKey(cable) && years.Count > 1)
        {
            DemoEfficiency.PlaceInClassB(PerMuFormula.Parse(formulaJson), figures, cable, lastYear);
        }

        var firmByCode = firms.Where(f => figures.ContainsKey(f.CreditCode)).ToDictionary(f => f.CreditCode, StringComparer.Ordinal);
        var latest = figures.Where(f => f.Value.ContainsKey(lastYear)).ToDictionary(f => f.Key, f => f.Value[lastYear], StringComparer.Ordinal);
        var links = await db.IndustryChainLinks.AsNoTracking().OrderBy(l => l.Id).ToListAsync(cancellationToken);
        var leading = LeadingFirms(random, links, firmByCode.Values, latest);
        // The demo accounts' firms and the chains' leading firms are always in the programme.
        var programme = Programme(random, firmByCode, latest, new[] { cable, bearing }.OfType<string>().Concat(leading.Select(l => l.CreditCode)));

        var criteria = TierCriteria.Parse(await File.ReadAllTextAsync(DevelopmentFiles.Shipped("tier_criteria.json"), cancellationToken), "2022");
        var profiles = new DemoTierProfiles(criteria, random, today).Make(programme, figures, lastYear, cable, bearing);

        db.AuditChanges = false;
        try
        {
            db.EfficiencyFormulaChoices.AddRange(years.Select(year => new EfficiencyFormulaChoice
            {
                Year = year, FormulaId = year == years.Min() ? FirstYearFormulaId : FormulaId,
                Json = year == years.Min() ? ShippedFormulaJson(FirstYearFormulaId) : formulaJson, Uploaded = false, ChosenBy = "admin",
                ChosenAtUtc = Min(DemoYear.Utc(new DateOnly(year + 1, 1, 8), 10), now.AddHours(-1)),
            }));
            await db.SaveChangesAsync(cancellationToken);
            var rows = figures.Values.SelectMany(f => f.Values).ToList();
            db.EfficiencyFigures.AddRange(rows);
            await db.SaveChangesAsync(cancellationToken);

            var (commissioners, visits, problems) = await LoadProgrammeAsync(db, random, programme, today, calendar, now, cable, bearing, cancellationToken);

            db.TierProfiles.AddRange(profiles.Select(p => new TierProfile
            {
                CreditCode = p.CreditCode, Version = criteria.Version, ValuesJson = p.ValuesJson, UpdatedAtUtc = now,
            }));
            await db.SaveChangesAsync(cancellationToken);
            var recognitions = Recognitions(random, profiles, leading, latest, today);
            db.TierRecognitions.AddRange(recognitions);
            await db.SaveChangesAsync(cancellationToken);

            var (chains, members, projects) = await LoadChainsAsync(db, random, links, leading, today, now, cancellationToken);
            db.ChangeTracker.Clear();
            return new DemoDevelopmentCounts(years.Count, rows.Count, programme.Count, commissioners, visits, problems, profiles.Count, recognitions.Count,
                chains, members, projects);
        }
        finally
        {
            db.AuditChanges = true;
        }
    }

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;

    /// <summary>The raw JSON of the shipped formula's entry, kept as chosen.</summary>
    private static string ShippedFormulaJson(string id = FormulaId)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(DevelopmentFiles.Shipped("per_mu_formulas.json")));
        return document.RootElement.GetProperty("formulas").EnumerateArray()
            .Single(f => f.GetProperty("id").GetString() == id).GetRawText();
    }

    private static async Task<Dictionary<string, string>> AccountCodesAsync(QualityCityDbContext db, CancellationToken cancellationToken) =>
        (await db.Users.AsNoTracking().Where(u => (u.UserName == "enterprise" || u.UserName == "enterprise2") && u.CreditCode != null)
            .Select(u => new { u.UserName, u.CreditCode }).ToListAsync(cancellationToken))
        .ToDictionary(u => u.UserName!, u => u.CreditCode!, StringComparer.Ordinal);

    /// <summary>
    /// The first <see cref="MaxFigureFirms"/> active manufacturing enterprises by id (the shell
    /// companies left out), and the demo accounts' firms whenever they are manufacturers.
    /// </summary>
    private static async Task<List<DemoFirm>> ManufacturersAsync(QualityCityDbContext db, IEnumerable<string> accountCodes, CancellationToken cancellationToken)
    {
        var enterprise = nameof(QualityCity.Domain.Registry.EntityCategory.Enterprise);
        var manufacturing = db.MarketEntities.AsNoTracking()
            .Join(db.Industries.AsNoTracking().Where(i => i.Section == "C"), e => e.IndustryCode, i => i.Code, (e, i) => new { Entity = e, i.Division });
        var codes = accountCodes.ToList();
        var found = await manufacturing
            .Where(x => x.Entity.Category == enterprise && x.Entity.Status == EntityStatus.Active && x.Entity.Address != DemoSampling.ShellAddress
                        && !codes.Contains(x.Entity.CreditCode))
            .OrderBy(x => x.Entity.Id).Take(MaxFigureFirms)
            .Select(x => new DemoFirm(x.Entity.Id, x.Entity.CreditCode, x.Entity.IndustryCode!, x.Division, x.Entity.ChainCode, x.Entity.AboveScale, x.Entity.EstablishedOn,
                x.Entity.Category == enterprise))
            .ToListAsync(cancellationToken);
        var own = await manufacturing.Where(x => codes.Contains(x.Entity.CreditCode))
            .Select(x => new DemoFirm(x.Entity.Id, x.Entity.CreditCode, x.Entity.IndustryCode!, x.Division, x.Entity.ChainCode, x.Entity.AboveScale, x.Entity.EstablishedOn,
                x.Entity.Category == enterprise))
            .ToListAsync(cancellationToken);
        return [.. found.Take(MaxFigureFirms - own.Count).Concat(own).OrderBy(f => f.Id)];
    }

    /// <summary>Each chain's one to three biggest firms by last year's revenue, in the link of their industry.</summary>
    private static List<ChainMember> LeadingFirms(SplitMix64 random, List<Modules.ReferenceData.Contracts.IndustryChainLink> links, IEnumerable<DemoFirm> firms,
        Dictionary<string, EfficiencyFigures> latest)
    {
        var byChain = firms.Where(f => f.ChainCode is not null && latest.ContainsKey(f.CreditCode)).GroupBy(f => f.ChainCode!)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(f => latest[f.CreditCode].Revenue).ThenBy(f => f.Id).ToList(), StringComparer.Ordinal);
        var leading = new List<ChainMember>();
        foreach (var chain in links.Select(l => l.ChainCode).Distinct(StringComparer.Ordinal))
        {
            var count = 1 + random.Next(3);
            foreach (var firm in byChain.GetValueOrDefault(chain, []))
            {
                var link = links.FirstOrDefault(l => l.ChainCode == chain && l.IndustryCode == firm.IndustryCode);
                if (link is null)
                {
                    continue;
                }

                leading.Add(new ChainMember { ChainCode = chain, LinkCode = link.Link, CreditCode = firm.CreditCode, LeadingFirm = true, AddedBy = Actor });
                if (--count == 0)
                {
                    break;
                }
            }
        }

        return leading;
    }

    /// <summary>
    /// The programme: the demo accounts' firms and the chains' leading firms, then the 规上 firms and
    /// the others in a shuffled order, up to <see cref="MaxProgramme"/>.
    /// </summary>
    private static List<DemoFirm> Programme(SplitMix64 random, Dictionary<string, DemoFirm> firms, Dictionary<string, EfficiencyFigures> latest, IEnumerable<string> first)
    {
        var chosen = new List<DemoFirm>();
        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var code in first.Where(c => latest.ContainsKey(c)))
        {
            if (taken.Add(code))
            {
                chosen.Add(firms[code]);
            }
        }

        var rest = Shuffled(random, [.. firms.Values.Where(f => latest.ContainsKey(f.CreditCode) && !taken.Contains(f.CreditCode)).OrderBy(f => f.Id)]);
        chosen.AddRange(rest.OrderByDescending(f => latest[f.CreditCode].AboveScale).Take(Math.Max(0, MaxProgramme - chosen.Count)));
        return chosen;
    }

    internal static List<T> Shuffled<T>(SplitMix64 random, List<T> items)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }

        return items;
    }

    // ---- the programme: commissioners, visits, problems ----

    private static readonly (string Code, double Weight)[] CommissionerDepartments = [("industry", 0.70), ("samr", 0.15), ("housing", 0.08), ("environment", 0.07)];

    private static readonly IReadOnlyList<double> CommissionerWeights = [.. CommissionerDepartments.Select(d => d.Weight)];

    private static readonly string[] VisitNotes =
    [
        "走访了解用工需求", "走访了解生产经营情况和订单变化", "现场查看新生产线建设进度", "走访宣讲惠企政策和技改补贴申报", "走访了解原材料价格上涨的影响",
        "座谈了解企业融资需求", "走访了解企业梯度培育申报打算", "走访通报亩均效益评价结果，了解提升打算",
    ];

    private static readonly string[] HelpNotes =
    [
        "帮办电力增容申请", "协助对接银行办理续贷", "帮助企业准备专精特新中小企业申报材料", "协助办理施工许可并联审批", "帮助对接高校开展技术合作",
        "协助企业参加专场招聘会", "帮办计量器具集中上门检定", "协助申报技术改造专项资金",
    ];

    /// <summary>A problem enterprises raise, the department it is handed to, and how it was solved.</summary>
    private sealed record ProblemText(string Title, string Detail, string Owner, string Resolution);

    private static readonly ProblemText[] Problems =
    [
        new("新建厂房用地指标不足", "企业扩产需新增工业用地约30亩，园区暂无可供地块，请协调用地指标和供地时间。", "housing",
            "已协调园区调整用地规划，纳入下一批次供地计划，企业已完成意向登记。"),
        new("流动资金贷款到期续贷困难", "两笔流动资金贷款下月到期，银行要求先还后贷，企业资金周转压力大，希望协调无还本续贷。", "industry",
            "已对接合作银行办理无还本续贷，贷款期限延长一年。"),
        new("熟练技术工人招聘难", "新上生产线缺少焊工、数控操作工等熟练工人约40人，希望协助对接职业院校和招聘会。", "industry",
            "已推荐参加市人力资源市场专场招聘会，并与本地技师学院签订订单式培养协议。"),
        new("电力增容申请办理慢", "新增设备需要将变压器容量由1250千伏安增至2500千伏安，增容申请已提交一个多月仍未批复。", "industry",
            "已协调供电公司现场勘察，增容工程纳入本月施工计划并已送电。"),
        new("技改项目环评审批进度", "技改项目环境影响报告表已报送，企业希望了解审批进度，争取尽快开工。", "environment",
            "已完成技术评估并批复，比承诺时限提前5个工作日办结。"),
        new("出口产品认证和标准咨询", "出口产品需要取得欧盟认证，企业不清楚适用标准和认证机构，希望提供指导。", "samr",
            "已组织标准化专家上门辅导，推荐有资质的认证机构，企业已提交认证申请。"),
        new("特种设备定期检验排期", "厂内叉车、桥式起重机定期检验即将到期，希望尽快安排检验，避免停用影响生产。", "samr",
            "已协调特种设备检验机构上门检验，设备检验合格继续使用。"),
        new("新建仓库消防验收指导", "新建仓库即将竣工，企业对消防验收的材料和流程不熟悉，希望提前指导。", "fire",
            "消防救援部门已上门指导，指出3处需整改的问题，整改后通过验收。"),
        new("厂区出入口道路破损", "厂区出入口道路破损严重，重载货车通行困难，希望协调修复。", "transport",
            "已纳入今年道路养护计划并完成修复。"),
        new("厂房扩建施工许可办理", "厂房扩建项目办理施工许可，对需要的材料和并联审批流程不清楚。", "housing",
            "住建部门提供帮办代办服务，施工许可证在承诺时限内办结。"),
        new("安全生产标准化评审", "企业申请安全生产标准化三级评审，希望对照标准提前指导自查。", "emergency",
            "已安排专家开展预评审，企业按清单整改后通过评审。"),
        new("计量器具检定周期和费用", "企业计量器具较多，希望了解检定周期和费用，能否集中上门检定。", "samr",
            "已协调市计量测试所集中上门检定，费用按标准收取。"),
        new("高新技术企业申报辅导", "企业计划申报高新技术企业，对研发费用归集和知识产权要求把握不准。", "industry",
            "已组织申报辅导培训，企业完成研发费用辅助账整理并提交申报。"),
        new("职业病危害因素检测", "新车间投产后需要开展职业病危害因素检测，希望推荐有资质的机构。", "health",
            "已提供有资质机构名单，并指导企业完成检测和申报。"),
        new("天然气用气价格偏高", "企业热处理工序用气量大，希望协调供气企业按大用户价格供气。", "industry",
            "已协调燃气公司按大用户直供政策签订供气协议。"),
        new("排污许可证变更办理", "新增生产线需要变更排污许可证，希望了解办理流程和时限。", "environment",
            "已指导企业在线提交变更申请，排污许可证已完成变更。"),
        new("专利产品被仿冒维权", "发现外地企业仿冒本企业专利产品，希望获得维权指导。", "samr",
            "已提供知识产权维权援助，指导企业固定证据并提起维权。"),
    ];

    private static async Task<(int Commissioners, int Visits, int Problems)> LoadProgrammeAsync(QualityCityDbContext db, SplitMix64 random, List<DemoFirm> programme,
        DateOnly today, WorkingDayCalendar calendar, DateTime now, string? cable, string? bearing, CancellationToken cancellationToken)
    {
        // The enterprise account's commissioner is the samr.inspector account's own official.
        var inspectorId = await db.Users.AsNoTracking().Where(u => u.UserName == CommissionerAccount).Select(u => u.InspectorId).FirstOrDefaultAsync(cancellationToken);
        var inspectorName = await db.Inspectors.AsNoTracking().Where(i => i.Id == inspectorId).Select(i => i.Name).FirstOrDefaultAsync(cancellationToken);
        var commissioners = new List<(DemoFirm Firm, Commissioner Commissioner)>();
        foreach (var firm in programme)
        {
            var own = firm.CreditCode == cable;
            commissioners.Add((firm, new Commissioner
            {
                Name = (own && inspectorName is not null ? inspectorName : DemoEntityGenerator.PersonName(random)) + DemoCity.DemoSuffix,
                DepartmentCode = own ? "samr" : CommissionerDepartments[random.PickWeighted(CommissionerWeights)].Code,
                Phone = string.Create(CultureInfo.InvariantCulture, $"0635-8{random.Next(100_000, 1_000_000)}"),
                UserName = own ? CommissionerAccount : null,
            }));
        }

        db.Commissioners.AddRange(commissioners.Select(c => c.Commissioner));
        await db.SaveChangesAsync(cancellationToken);

        var visits = new List<CommissionerVisit>();
        var problems = new List<EnterpriseProblem>();
        foreach (var (firm, commissioner) in commissioners)
        {
            var since = today.AddDays(-random.Next(60, 730));
            db.CommissionedEnterprises.Add(new CommissionedEnterprise { CreditCode = firm.CreditCode, CommissionerId = commissioner.Id, Since = since });
            var from = since > today.AddDays(-365) ? since : today.AddDays(-365);
            var span = today.DayNumber - from.DayNumber;
            var days = new SortedSet<DateOnly>();
            for (var n = 1 + random.Next(6); n > 0; n--)
            {
                var day = calendar.NextWorkingDayOnOrAfter(from.AddDays(random.Next(span + 1)));
                days.Add(day <= today ? day : today);
            }

            foreach (var day in days)
            {
                var help = random.Chance(0.4);
                visits.Add(new CommissionerVisit
                {
                    CreditCode = firm.CreditCode, CommissionerId = commissioner.Id, VisitedOn = day, Kind = help ? "help" : "visit",
                    Notes = random.Pick(help ? HelpNotes : VisitNotes) + DemoCity.DemoSuffix, RecordedBy = Actor,
                    RecordedAtUtc = Min(DemoYear.Utc(day, 17, random.Next(60)), now),
                });
            }

            problems.AddRange(ProblemsOf(random, firm.CreditCode, cable, bearing, since, today, calendar, now));
        }

        db.CommissionerVisits.AddRange(visits);
        db.EnterpriseProblems.AddRange(problems);
        await db.SaveChangesAsync(cancellationToken);
        return (commissioners.Count, visits.Count, problems.Count);
    }

    /// <summary>
    /// Nought to three problems a firm (0.8 on average): about a third still open, a third with a
    /// department (half of those past their ten working days), a third solved. The enterprise account's
    /// firm has exactly one of each, its assigned one overdue; enterprise2's at least one. None before
    /// the firm joined the programme (at least 60 days ago).
    /// </summary>
    private static IEnumerable<EnterpriseProblem> ProblemsOf(SplitMix64 random, string creditCode, string? cable, string? bearing, DateOnly since, DateOnly today,
        WorkingDayCalendar calendar, DateTime now)
    {
        string[] statuses;
        if (creditCode == cable)
        {
            statuses = ["open", "overdue", "solved"];
        }
        else
        {
            var roll = random.NextDouble();
            var count = roll < 0.45 ? 0 : roll < 0.80 ? 1 : roll < 0.95 ? 2 : 3;
            if (creditCode == bearing)
            {
                count = Math.Max(1, count);
            }

            statuses = [.. Enumerable.Range(0, count).Select(_ => random.NextDouble() switch { < 0.35 => "open", < 0.70 => "assigned", _ => "solved" })];
        }

        var texts = Shuffled(random, [.. Problems]);
        for (var i = 0; i < statuses.Length; i++)
        {
            var text = texts[i];
            var problem = new EnterpriseProblem
            {
                CreditCode = creditCode, Title = text.Title + DemoCity.DemoSuffix, Detail = text.Detail, RaisedBy = Actor, Status = "open",
            };
            DateOnly raised, assigned;
            switch (statuses[i])
            {
                case "open":
                    raised = today.AddDays(-random.Next(0, 15));
                    problem.RaisedAtUtc = Min(DemoYear.Utc(raised, 10, random.Next(60)), now);
                    problem.UpdatedAtUtc = problem.RaisedAtUtc;
                    break;
                case "assigned" or "overdue":
                    // An overdue one was handed on more than ten working days ago.
                    assigned = statuses[i] == "overdue" ? today.AddDays(-random.Next(20, 45)) : today.AddDays(-random.Next(1, 30));
                    raised = assigned.AddDays(-random.Next(0, 4));
                    problem.Status = "assigned";
                    problem.OwnerDepartment = text.Owner;
                    problem.DueOn = calendar.AddWorkingDays(assigned, 10).Date;
                    problem.RaisedAtUtc = DemoYear.Utc(raised, 10, random.Next(60));
                    problem.UpdatedAtUtc = Min(DemoYear.Utc(assigned, 15), now);
                    break;
                default:
                    assigned = today.AddDays(-random.Next(10, Math.Clamp(today.DayNumber - since.DayNumber - 3, 11, 330)));
                    raised = assigned.AddDays(-random.Next(0, 4));
                    var solved = calendar.AddWorkingDays(assigned, 1 + random.Next(12)).Date;
                    problem.Status = "solved";
                    problem.OwnerDepartment = text.Owner;
                    problem.DueOn = calendar.AddWorkingDays(assigned, 10).Date;
                    problem.Resolution = text.Resolution;
                    problem.SolvedOn = solved < today ? solved : today.AddDays(-1);
                    problem.RaisedAtUtc = DemoYear.Utc(raised, 10, random.Next(60));
                    problem.UpdatedAtUtc = Min(DemoYear.Utc(problem.SolvedOn.Value, 16), now);
                    break;
            }

            yield return problem;
        }
    }

    // ---- recognitions ----

    /// <summary>
    /// Titles for about a third of the programme, mostly as their profiles stand (a firm recognised
    /// 专精特新 usually was 创新型 first) but not always: a title may be older than the data. Two
    /// 单项冠军 among the biggest firms recognised 小巨人, and one 链主 among the chains' leading firms.
    /// </summary>
    private static List<TierRecognition> Recognitions(SplitMix64 random, List<DemoTierProfile> profiles, List<ChainMember> leading,
        Dictionary<string, EfficiencyFigures> latest, DateOnly today)
    {
        var first = new DateOnly(2022, 1, 1);
        var span = today.DayNumber - first.DayNumber;
        var recognitions = new List<TierRecognition>();
        var numbers = new Dictionary<string, int>(StringComparer.Ordinal);

        TierRecognition Title(string creditCode, string tier, DateOnly on)
        {
            var (authority, prefix) = tier switch
            {
                "innovative" => ("山东省工业和信息化厅", "鲁工信创"),
                "specialised" => ("山东省工业和信息化厅", "鲁工信企"),
                "little_giant" => ("工业和信息化部", "工信厅企业函"),
                "champion" => ("工业和信息化部", "工信部产业函"),
                _ => ("聊城市人民政府", "聊政字"),
            };
            var key = prefix + on.Year.ToString(CultureInfo.InvariantCulture);
            var number = numbers[key] = numbers.TryGetValue(key, out var n) ? n : 8 + random.Next(200);
            return new TierRecognition
            {
                CreditCode = creditCode, Tier = tier, RecognisedOn = on, Authority = authority,
                ValidUntil = tier is "innovative" or "specialised" or "little_giant" ? on.AddYears(3) : null,
                Document = string.Create(CultureInfo.InvariantCulture, $"{prefix}〔{on.Year}〕{number}号{DemoCity.DemoSuffix}"), IsDemo = true,
            };
        }

        // The ladder a firm climbed, in order: each title some months after the one below.
        foreach (var profile in profiles)
        {
            var (chance, top) = profile.Tier switch
            {
                "little_giant" => (0.85, random.Chance(0.85) ? 3 : 2),
                "specialised" => (0.60, random.Chance(0.08) ? 3 : 2),
                "innovative" => (0.40, 1),
                _ => (0.08, 1),
            };
            if (!random.Chance(chance))
            {
                continue;
            }

            var on = first.AddDays(random.Next(Math.Max(1, span / 2)));
            for (var level = Math.Max(1, top - random.Next(3)); level <= top && on < today; level++)
            {
                recognitions.Add(Title(profile.CreditCode, DemoTierProfiles.TierIds[level - 1], on));
                on = on.AddDays(150 + random.Next(250));
            }
        }

        var giants = recognitions.Where(r => r.Tier == "little_giant").GroupBy(r => r.CreditCode).Select(g => g.First())
            .OrderByDescending(r => latest.TryGetValue(r.CreditCode, out var f) ? f.Revenue : 0).ThenBy(r => r.CreditCode, StringComparer.Ordinal).Take(2).ToList();
        foreach (var giant in giants)
        {
            // Some time after the 小巨人 title, by today.
            recognitions.Add(Title(giant.CreditCode, "champion", giant.RecognisedOn.AddDays(1 + random.Next(Math.Max(1, today.DayNumber - giant.RecognisedOn.DayNumber - 1)))));
        }

        if (leading.Where(l => latest.ContainsKey(l.CreditCode)).OrderByDescending(l => latest[l.CreditCode].Revenue).FirstOrDefault() is { } master)
        {
            recognitions.Add(Title(master.CreditCode, "chain_master", today.AddDays(-random.Next(30, 400))));
        }

        return recognitions;
    }

    // ---- chains ----

    private static readonly string[] LeaderTitles = ["副市长", "副市长", "副市长（常务）", "市人大常委会副主任", "市政协副主席", "市委常委、副市长"];

    /// <summary>
    /// Projects a chain would have, by the industry class of their link (unique within a chain), the
    /// name without the demo mark.
    /// </summary>
    private static readonly Dictionary<string, (string Industry, string Name)[]> ChainProjects = new(StringComparer.Ordinal)
    {
        ["nonferrous"] = [("3252", "年产20万吨高端铝板带箔项目"), ("3251", "年产10万吨高精度铜板带项目"), ("3392", "年产300万只铝合金轮毂毛坯项目"),
            ("3240", "年产15万吨再生铝合金棒项目"), ("3211", "铜冶炼烟气余热综合利用项目")],
        ["agri-food"] = [("1371", "年产5万吨脱水蔬菜及净菜加工项目"), ("1352", "肉鸡屠宰分割生产线智能化改造项目"), ("1353", "年产3万吨调理肉制品项目"),
            ("1321", "年产2万吨高端宠物食品项目"), ("5123", "农产品冷链物流园项目")],
        ["ferrous"] = [("3130", "年产60万吨冷轧镀锌板项目"), ("3360", "热镀锌及表面涂层生产线项目"), ("3391", "年产10万吨球墨铸铁件项目"),
            ("3393", "精密锻件智能化生产线项目"), ("3311", "装配式钢结构及铁塔生产基地项目"), ("4210", "年加工30万吨废钢回收项目")],
        ["green-chem"] = [("2614", "有机原料装置节能降碳改造项目"), ("2651", "年产10万吨聚碳酸酯扩能项目"), ("2661", "年产3万吨橡胶助剂项目"),
            ("2624", "年产30万吨新型复合肥项目"), ("2631", "绿色农药制剂生产线项目")],
        ["green-building"] = [("3022", "装配式混凝土预制构件生产基地项目"), ("3031", "年产30万立方米蒸压加气混凝土砌块项目"), ("3034", "新型保温隔热材料生产线项目"),
            ("3042", "年产2万吨高硼硅玻璃项目"), ("4220", "建筑垃圾资源化利用项目")],
        ["agri-machinery"] = [("3572", "年产5000台智能玉米收获机项目"), ("3571", "大马力拖拉机生产线项目"), ("3412", "农用柴油机缸体缸盖加工项目"),
            ("3576", "农机关键零部件产业园项目"), ("3514", "旋挖钻机截齿生产线项目")],
        ["auto-parts"] = [("3670", "年产200万只铝合金轮毂项目"), ("3670", "汽车热交换器扩能项目"), ("3660", "专用车车身及挂车生产线项目"),
            ("3252", "车用轻量化铝型材项目"), ("5172", "汽车零部件商贸物流中心项目")],
        ["textile-apparel"] = [("1711", "年产5万锭紧密纺纱线项目"), ("1712", "高档面料织造项目"), ("1713", "印染废水深度处理及中水回用项目"),
            ("1772", "高端毛巾家纺产业园项目"), ("1819", "智能化服装生产线项目")],
        ["nev"] = [("3841", "年产2GWh动力电池模组项目"), ("3812", "新能源汽车驱动电机项目"), ("3612", "新能源客车扩能项目"),
            ("3630", "新能源环卫车生产线项目"), ("5267", "城区公共充电站建设项目")],
        ["paper-printing"] = [("2221", "年产30万吨高档包装纸板项目"), ("2212", "秸秆清洁制浆项目"), ("2239", "年产5万吨生活用纸项目"),
            ("2231", "绿色包装纸箱智能工厂项目"), ("2319", "包装印刷数字化改造项目")],
        ["biomedicine"] = [("2740", "阿胶系列产品扩能项目"), ("2710", "化学原料药绿色合成项目"), ("2720", "固体制剂车间改造项目"),
            ("2770", "医用敷料及防护用品项目"), ("2730", "中药饮片标准化生产项目")],
        ["new-it"] = [("3982", "年产50万平方米高密度电路板项目"), ("3983", "智能传感器研发生产项目"), ("3974", "LED显示模组项目"),
            ("3981", "片式电子元件项目"), ("6532", "工业互联网平台建设项目")],
        ["bearing"] = [("3130", "年产5万吨高端轴承钢项目"), ("3393", "轴承套圈精密锻造项目"), ("3360", "轴承零件可控气氛热处理中心项目"),
            ("3451", "高精度圆锥滚子轴承智能化生产线项目"), ("3452", "自润滑滑动轴承项目"), ("5174", "轴承商贸物流城二期项目")],
        ["cable"] = [("3216", "年产10万吨电工圆铝杆项目"), ("3251", "年产8万吨低氧铜杆项目"), ("2651", "年产3万吨交联聚乙烯绝缘料项目"),
            ("3834", "绝缘带及绝缘制品项目"), ("3831", "超高压交联电力电缆生产线项目"), ("3831", "特种电缆扩能项目")],
    };

    private static readonly string[] BuiltStatuses = ["signed", "building", "building", "done"];

    /// <summary>
    /// A leader per chain; the leading firms; firms placed by hand in some links the registry leaves
    /// empty (a firm of the link's industry that the registry counts in another chain), always
    /// leaving at least two links empty where a chain has them (its investment-attraction gaps);
    /// and two to five projects, those in an empty link sought.
    /// </summary>
    private static async Task<(int Chains, int Members, int Projects)> LoadChainsAsync(QualityCityDbContext db, SplitMix64 random,
        List<Modules.ReferenceData.Contracts.IndustryChainLink> links, List<ChainMember> leading, DateOnly today, DateTime now, CancellationToken cancellationToken)
    {
        var chains = await db.IndustryChains.AsNoTracking().OrderBy(c => c.Sort).ThenBy(c => c.Code).Select(c => c.Code).ToListAsync(cancellationToken);
        var placed = (await db.MarketEntities.AsNoTracking().Where(e => e.ChainCode != null && e.IndustryCode != null && e.Status == EntityStatus.Active)
                .Select(e => new { e.ChainCode, e.IndustryCode }).Distinct().ToListAsync(cancellationToken))
            .Select(p => (p.ChainCode!, p.IndustryCode!)).ToHashSet();
        var gapIndustries = links.Where(l => !placed.Contains((l.ChainCode, l.IndustryCode))).Select(l => l.IndustryCode).Distinct(StringComparer.Ordinal).ToList();
        var enterprise = nameof(QualityCity.Domain.Registry.EntityCategory.Enterprise);
        var candidates = (await db.MarketEntities.AsNoTracking()
                .Where(e => e.Status == EntityStatus.Active && e.Category == enterprise && e.IndustryCode != null && gapIndustries.Contains(e.IndustryCode))
                .OrderBy(e => e.Id).Select(e => new { e.CreditCode, e.IndustryCode }).ToListAsync(cancellationToken))
            .GroupBy(e => e.IndustryCode!).ToDictionary(g => g.Key, g => g.Select(e => e.CreditCode).Take(20).ToList(), StringComparer.Ordinal);

        var members = new List<ChainMember>(leading);
        var projects = new List<ChainProject>();
        foreach (var chain in chains)
        {
            db.ChainLeaderships.Add(new ChainLeadership
            {
                ChainCode = chain, LeaderName = DemoEntityGenerator.PersonName(random) + DemoCity.DemoSuffix, LeaderTitle = random.Pick(LeaderTitles), UpdatedAtUtc = now,
            });
            var chainLinks = links.Where(l => l.ChainCode == chain).ToList();
            var empty = chainLinks.Where(l => !placed.Contains((chain, l.IndustryCode)) && !members.Any(m => m.ChainCode == chain && m.LinkCode == l.Link)).ToList();
            var fillable = Shuffled(random, empty.Where(l => candidates.ContainsKey(l.IndustryCode)).ToList());
            foreach (var link in fillable.Take(Math.Min(1 + random.Next(3), empty.Count - 2)))
            {
                members.Add(new ChainMember
                {
                    ChainCode = chain, LinkCode = link.Link, CreditCode = random.Pick(candidates[link.IndustryCode]), LeadingFirm = false, AddedBy = Actor,
                });
                empty.Remove(link);
            }

            var ideas = Shuffled(random, (ChainProjects.GetValueOrDefault(chain) ?? [])
                .Select(p => (Link: chainLinks.FirstOrDefault(l => l.IndustryCode == p.Industry), p.Name)).Where(p => p.Link is not null).ToList());
            foreach (var (link, name) in ideas.Take(2 + random.Next(4)))
            {
                var gap = empty.Contains(link!);
                var skew = random.NextDouble();
                var status = gap ? (random.Chance(0.75) ? "sought" : "signed") : random.Chance(0.15) ? "sought" : random.Pick(BuiltStatuses);
                projects.Add(new ChainProject
                {
                    ChainCode = chain, LinkCode = link!.Link, Name = name + DemoCity.DemoSuffix, Status = status,
                    InvestmentWan = Math.Round((decimal)(3_000 + (197_000 * skew * skew * skew)) / 100) * 100,
                    Year = status == "done" || random.Chance(0.3) ? today.Year - 1 : today.Year, IsDemo = true,
                });
            }
        }

        foreach (var member in members)
        {
            member.AddedAtUtc = now;
        }

        db.ChainMembers.AddRange(members);
        db.ChainProjects.AddRange(projects);
        await db.SaveChangesAsync(cancellationToken);
        return (chains.Count, members.Count, projects.Count);
    }
}

/// <summary>
/// A manufacturer of the demo city as the development data need it; not a <paramref name="LegalPerson"/>
/// when it is an individual business (a demo account's firm may be one).
/// </summary>
internal sealed record DemoFirm(long Id, string CreditCode, string IndustryCode, string Division, string? ChainCode, bool AboveScale, DateOnly? EstablishedOn,
    bool LegalPerson);
