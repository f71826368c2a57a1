using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using QualityCity.Domain.Common;
using QualityCity.Domain.Registry;
using QualityCity.Web.Data;
using QualityCity.Web.Hosting;
using QualityCity.Web.Modules.Accounts;
using QualityCity.Web.Modules.Accounts.Contracts;
using QualityCity.Web.Modules.Audit.Contracts;
using QualityCity.Web.Modules.Inspections.Kpis;
using QualityCity.Web.Modules.Organisation.Contracts;
using QualityCity.Web.Modules.ReferenceData.Contracts;
using QualityCity.Web.Modules.Registry;
using QualityCity.Web.Modules.Registry.Contracts;

namespace QualityCity.Web.Demo;

/// <summary>A demo account as printed at start-up; the description is Chinese, with its English in en.json.</summary>
public sealed record DemoAccount(string UserName, string Role, string Description);

/// <summary>
/// The demo city: Liaocheng's real counties, townships, industries and chains with synthetic
/// enterprises (every name ends in "（演示）"), 12 departments, about 240 inspectors and one account
/// per role. Deterministic: the same seed and size always give the same city.
/// </summary>
public sealed class DemoCity(QualityCityDbContext db, UserManager<AppUser> users, RoleManager<IdentityRole> roles, IAuditTrail auditLog,
    Modules.Quality.QualityAnalysis quality, PlatformClock clock, IRiskGrading grading, IServiceProvider services,
    IOptions<Modules.Inspections.InspectionOptions> inspectionOptions, IOptions<Modules.Planning.Contracts.PlanningOptions> planning)
{
    public const string DemoPassword = "Demo-2026";
    public const string DemoSuffix = "（演示）";

    /// <summary>The 12 departments of the demo (code, Chinese, English, coordinator?).</summary>
    public static readonly IReadOnlyList<(string Code, string Name, string NameEn, bool Coordinator)> Departments =
    [
        ("samr", "市场监督管理局", "Market Regulation Bureau", false),
        ("emergency", "应急管理局", "Emergency Management Bureau", false),
        ("environment", "生态环境局", "Ecology and Environment Bureau", false),
        ("transport", "交通运输局", "Transport Bureau", false),
        ("urban", "城市管理局", "Urban Management Bureau", false),
        ("culture", "文化和旅游局", "Culture and Tourism Bureau", false),
        ("agriculture", "农业农村局", "Agriculture and Rural Affairs Bureau", false),
        ("housing", "住房和城乡建设局", "Housing and Urban-Rural Development Bureau", false),
        ("industry", "工业和信息化局", "Industry and Information Technology Bureau", false),
        ("health", "卫生健康委员会", "Health Commission", false),
        ("fire", "消防救援支队", "Fire and Rescue Detachment", false),
        ("justice", "司法局", "Justice Bureau (enforcement supervision)", true),
    ];

    /// <summary>The accounts created, one per role (two enterprises and two department heads, for scoping tests).</summary>
    public static readonly IReadOnlyList<DemoAccount> Accounts =
    [
        new("admin", Roles.Admin, "平台管理员（司法局）"),
        new("coordinator", Roles.Coordinator, "执法监督协调人（司法局）"),
        new("samr.head", Roles.DeptHead, "市场监督管理局负责人"),
        new("emergency.head", Roles.DeptHead, "应急管理局负责人"),
        new("samr.inspector", Roles.Inspector, "市场监督管理局执法人员"),
        new("enterprise", Roles.Enterprise, "阳谷县电缆企业联系人"),
        new("enterprise2", Roles.Enterprise, "临清市轴承企业联系人"),
    ];

    /// <summary>
    /// Loads the demo city into an empty registry; returns the number of enterprises created. Each
    /// step reports its counts to <paramref name="console"/> when one is given (the load takes a while).
    /// </summary>
    public async Task<int> LoadAsync(int enterprises, string seed, StartupConsole? console = null, CancellationToken cancellationToken = default)
    {
        if (await db.MarketEntities.AnyAsync(cancellationToken))
        {
            throw new InvalidOperationException("the registry is not empty: the demo city loads only into an empty database");
        }

        console?.Step("正在载入演示城市（{0:N0} 家市场主体），需要一些时间……", enterprises);
        var random = SplitMix64.FromString(seed);
        var departments = await EnsureDepartmentsAsync(cancellationToken);
        var generator = await DemoEntityGenerator.CreateAsync(db, random, cancellationToken);
        List<Inspector> inspectors;

        db.AuditChanges = false;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var batch = new List<MarketEntity>(5000);
            var now = clock.UtcNow;
            for (var i = 0; i < enterprises; i++)
            {
                var entity = generator.Next();
                entity.UpdatedAtUtc = now;
                batch.Add(entity);
                if (batch.Count == 5000)
                {
                    await MarketEntityBulkInsert.InsertAsync(db, batch, cancellationToken);
                    batch.Clear();
                }
            }

            await MarketEntityBulkInsert.InsertAsync(db, batch, cancellationToken);
            inspectors = GenerateInspectors(random, departments, generator.Counties).ToList();
            db.Inspectors.AddRange(inspectors);
            await db.SaveChangesAsync(cancellationToken);
            await auditLog.AppendAsync(db, "system", [new AuditDraft("demo.load", "DemoCity", string.Empty,
                $"{{\"seed\":\"{seed}\",\"enterprises\":{enterprises}}}")], cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        db.AuditChanges = true;
        db.ChangeTracker.Clear();
        console?.Step("登记库：{0:N0} 家市场主体，{1} 个部门，{2} 名执法人员", enterprises, departments.Count, inspectors.Count);
        await Modules.Checklists.ChecklistLoader.LoadDemoAsync(db, cancellationToken);
        var today = clock.Today;
        // Sampling before grading: the last twelve months' failed samples raise their producers' grades.
        var samples = await DemoSampling.LoadAsync(db, random, today, cancellationToken);
        // Its own stream: the rest of the demo city does not depend on how many production figures are drawn.
        var production = await DemoProduction.LoadAsync(db, SplitMix64.FromString(seed + "/production"), today, cancellationToken);
        await quality.ScanFlagsAsync(cancellationToken);
        await grading.RegradeAllAsync("system", cancellationToken);
        await EnsureAccountsAsync(departments, cancellationToken);
        console?.Step("产品质量：{0:N0} 批次监督抽查，{1:N0} 条企业生产数据；风险分级和演示账号已就绪", samples, production);

        // This year's plan was drawn and published in the December before (see DemoYear); the past
        // inspections end where its draw began, so the draw saw every result it was drawn on.
        var calendar = await WorkingCalendar.LoadAsync(db, cancellationToken);
        var timetable = DemoYear.Timetable(today.Year, calendar);
        var history = await DemoHistory.LoadAsync(db, random, DemoYear.ChinaDay(timetable.DrawnAtUtc), today, cancellationToken);
        console?.Step("既往检查：{0:N0} 次（截至 {1:yyyy-MM-dd}）", history, DemoYear.ChinaDay(timetable.DrawnAtUtc));
        var (drawId, visits) = await PublishThisYearsPlanAsync(today.Year, timetable, cancellationToken);
        console?.Step("{0} 年度检查计划：{1:N0} 次检查，{2:yyyy-MM-dd} 发布（发布期限 {3:yyyy-MM-dd}）",
            today.Year, visits, DemoYear.ChinaDay(timetable.PublishedAtUtc), planning.Value.DeadlineFor(today.Year));
        var done = await DemoYear.RecordPastVisitsAsync(db, random, drawId, clock, inspectionOptions.Value, calendar, cancellationToken);
        // Written in bulk, past InspectionWork: the KPI figures are computed once from all of it.
        await KpiStore.RebuildAsync(db, cancellationToken);
        console?.Step("今年已完成检查：{0:N0} 次（发现问题 {1:N0} 项）；逾期未检查 {2:N0} 次；{3:yyyy-MM-dd} 起的检查待进行",
            done.Inspections, done.Problems, done.Missed, today);
        // Its own stream, like the production figures: the year of public voice does not shift the rest of the city.
        var voice = await DemoVoice.LoadAsync(db, ActivatorUtilities.CreateInstance<Modules.PublicVoice.Hotline.HotlineImport>(services),
            SplitMix64.FromString(seed + "/voice"), clock.UtcNow, cancellationToken);
        console?.Step("群众诉求：12345 工单 {0} 件，网上和扫码提交 {1} 件；已办结 {2} 件，办理中 {3} 件（其中逾期 {4} 件），并单 {5} 件",
            voice.Hotline, voice.Web, voice.Closed, voice.Open, voice.Overdue, voice.Merged);
        // Written in bulk like the past inspections; the survey's record and draw stay recomputable from its tables.
        var enterpriseAccounts = await db.Users.AsNoTracking().Where(u => u.CreditCode != null).Select(u => u.CreditCode!).ToListAsync(cancellationToken);
        db.AuditChanges = false;
        var survey = await DemoSurvey.LoadAsync(db, enterpriseAccounts, SplitMix64.FromString(seed + "/survey"), clock.UtcNow, cancellationToken);
        db.AuditChanges = true;
        db.ChangeTracker.Clear();
        console?.Step("营商环境满意度测评：{0} 个项目 × {1} 个部门，按公开种子抽取 {2} 家企业，已答 {3} 家",
            survey.Questions, survey.Departments, survey.Sampled, survey.Answered);
        var librarySize = services.GetRequiredService<IConfiguration>().GetValue("Demo:Standards", DemoLibrary.DefaultSize);
        var library = await DemoLibrary.LoadAsync(services, db, librarySize, seed, cancellationToken);
        console?.Step("标准库：真实题录 {0} 条，合成题录 {1:N0} 条（演示用，页面上标为合成）", library.Real, library.Synthetic);
        var offered = await DemoServices.LoadAsync(db, ActivatorUtilities.CreateInstance<Modules.Services.Catalogue.RecordImport>(services), enterpriseAccounts,
            seed, today, cancellationToken);
        console?.Step("计量检定校准服务清单 {0} 项；专利 {1} 件，商标 {2} 件，知识产权质押贷款 {3} 笔（{4} 季度 {5} 笔，{6:N0} 万元）",
            offered.CatalogueItems, offered.Patents, offered.Trademarks, offered.Pledges, offered.PledgeQuarter, offered.QuarterLoans, offered.QuarterAmountWan);
        // Its own stream too; the demo accounts' enterprises first, in the order of Accounts.
        var demandAccounts = new List<string>();
        foreach (var userName in new[] { "enterprise", "enterprise2" })
        {
            if (await db.Users.AsNoTracking().Where(u => u.UserName == userName && u.CreditCode != null).Select(u => u.CreditCode!).FirstOrDefaultAsync(cancellationToken) is { } code)
            {
                demandAccounts.Add(code);
            }
        }

        await DemoDemands.LoadAsync(db, demandAccounts, services.GetRequiredService<IOptions<Modules.Services.OneWindow.OneWindowOptions>>().Value, calendar,
            SplitMix64.FromString(seed + "/demands"), clock.UtcNow, cancellationToken);
        // Its own stream too, after the accounts: it reads their enterprises and the samr.inspector official.
        var development = await DemoDevelopment.LoadAsync(db, SplitMix64.FromString(seed + "/development"), today, calendar, cancellationToken);
        console?.Step("企业发展：{0} 个年度亩产效益数据 {1:N0} 条；助企远航 {2} 家企业、{3} 名服务专员，走访帮办 {4:N0} 次，企业问题 {5} 个；梯度培育档案 {6} 份，认定记录 {7} 条；产业链 {8} 条，链主和补链企业 {9} 家，重点项目 {10} 个",
            development.Years, development.Figures, development.Programme, development.Commissioners, development.Visits, development.Problems,
            development.Profiles, development.Recognitions, development.Chains, development.Members, development.Projects);
        var capacity = await DemoCapacity.LoadAsync(db, SplitMix64.FromString(seed + "/capacity"), today, cancellationToken);
        console?.Step("落后产能退出：{0} 个一企一策计划（生产线 {1} 条、设备 {2} 台），已核验 {3} 项，监测预警 {4} 条",
            capacity.Plans, capacity.Lines, capacity.Devices, capacity.Verified, capacity.Alerts);
        return enterprises;
    }

    /// <summary>
    /// This year's plan, committed, drawn with a fixed demo seed, approved by every department and
    /// published on the days of <paramref name="timetable"/>: each step runs on a clock standing at
    /// its time, so the records, the commitment and the visit codes all carry the dates they would
    /// have had. Returns the draw and its number of visits.
    /// </summary>
    private async Task<(int DrawId, int Visits)> PublishThisYearsPlanAsync(int year, DemoPlanTimetable timetable, CancellationToken cancellationToken)
    {
        var time = new DemoTime(timetable.CommittedAtUtc);
        var then = new PlatformClock(time);
        var pools = ActivatorUtilities.CreateInstance<Modules.Planning.CommitPlan.PlanPools>(services, then);
        var draws = ActivatorUtilities.CreateInstance<Modules.Planning.DrawPlan.PlanDraw>(services, then);
        var registrar = ActivatorUtilities.CreateInstance<Modules.Inspections.VisitCodes.VisitRegistrar>(services, then);
        var publication = ActivatorUtilities.CreateInstance<Modules.Planning.PublishPlan.PlanPublication>(services, then,
            (Modules.Planning.Contracts.IPlanPublishedHandler)registrar);

        var (_, digest) = await pools.CommitAsync(year, null, "coordinator", cancellationToken);
        var commitmentId = await db.PlanCommitments.Where(c => c.Digest == digest).Select(c => c.Id).FirstAsync(cancellationToken);
        var seed = string.Create(CultureInfo.InvariantCulture, $"{year}0314159265358979323846");
        time.Now = timetable.DrawnAtUtc;
        var (_, plan, record) = await draws.RunStoredAsync(commitmentId, seed, "coordinator", null, cancellationToken);
        var departments = plan.Visits.SelectMany(v => v.Obligations.Select(o => o.Department)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        for (var i = 0; i < departments.Count; i++)
        {
            db.PlanApprovals.Add(new Modules.Planning.PlanApproval
            {
                DrawId = record.Id, Department = departments[i], Actor = departments[i] + ".head", Note = "（演示）",
                ApprovedAtUtc = timetable.Approvals[i % timetable.Approvals.Count],
            });
        }

        await db.SaveChangesAsync(cancellationToken);
        var coordinator = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
            [new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.Name, "coordinator"),
             new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.Role, Roles.Coordinator)], "demo"));
        time.Now = timetable.PublishedAtUtc;
        var published = await publication.PublishAsync(record.Id, coordinator, "（演示）按风险分级监管要求保留超频次和人员不足预警", cancellationToken);
        if (!published.Succeeded)
        {
            throw new InvalidOperationException($"the demo plan could not be published: {published.Message}");
        }

        return (record.Id, plan.Visits.Count);
    }

    private async Task<Dictionary<string, Department>> EnsureDepartmentsAsync(CancellationToken cancellationToken)
    {
        var existing = await db.Departments.ToDictionaryAsync(d => d.Code, cancellationToken);
        foreach (var (code, name, nameEn, coordinator) in Departments)
        {
            if (!existing.ContainsKey(code))
            {
                var department = new Department { Code = code, Name = "聊城市" + name, NameEn = "Liaocheng " + nameEn, IsCoordinator = coordinator };
                db.Departments.Add(department);
                existing[code] = department;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return existing;
    }

    private static IEnumerable<Inspector> GenerateInspectors(SplitMix64 random, Dictionary<string, Department> departments, IReadOnlyList<string> counties)
    {
        // Rosters follow the workload the remits give each department (two officers a visit, about
        // thirty visits a month, with slack for the busy months): market regulation covers every
        // entity, fire every entity but individual businesses, urban management the shops and
        // restaurants (240 officers in all).
        var perDepartment = new Dictionary<string, int>
        {
            ["samr"] = 60, ["emergency"] = 20, ["environment"] = 14, ["transport"] = 8, ["urban"] = 42, ["culture"] = 6,
            ["agriculture"] = 10, ["housing"] = 10, ["industry"] = 10, ["health"] = 8, ["fire"] = 46, ["justice"] = 2,
        };
        var qualifications = new Dictionary<string, string>
        {
            ["samr"] = "登记注册,产品质量,食品安全,特种设备,计量,价格", ["emergency"] = "安全生产,危险化学品",
            ["environment"] = "排污许可,危险废物", ["transport"] = "道路运输,车辆维修", ["urban"] = "市容环卫,户外广告",
            ["culture"] = "文化市场,旅游", ["agriculture"] = "农资,兽药,农产品质量", ["housing"] = "建筑施工,物业",
            ["industry"] = "节能监察,无线电", ["health"] = "公共场所卫生,职业卫生", ["fire"] = "消防安全", ["justice"] = "执法监督",
        };
        foreach (var (code, department) in departments.OrderBy(d => d.Value.Id))
        {
            for (var n = 1; n <= perDepartment.GetValueOrDefault(code, 10); n++)
            {
                yield return new Inspector
                {
                    DepartmentId = department.Id,
                    Name = DemoEntityGenerator.PersonName(random),
                    CredentialNumber = string.Create(CultureInfo.InvariantCulture, $"鲁聊{department.Id:00}{n:0000}"),
                    Qualifications = qualifications.GetValueOrDefault(code, string.Empty),
                    Active = !random.Chance(0.04),
                    // One or two visits a working day.
                    MonthlyCapacity = 20 + random.Next(21),
                    HomeCountyCode = random.Pick(counties),
                };
            }
        }
    }

    private async Task EnsureAccountsAsync(Dictionary<string, Department> departments, CancellationToken cancellationToken)
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }

        var cable = await db.MarketEntities.AsNoTracking()
            .Where(e => e.CountyCode == "371521" && e.IndustryCode == "3831" && e.CreditCodeWarning == null && e.Category == nameof(EntityCategory.Enterprise))
            .OrderBy(e => e.Id).Select(e => e.CreditCode).FirstOrDefaultAsync(cancellationToken)
            ?? await db.MarketEntities.AsNoTracking().OrderBy(e => e.Id).Select(e => e.CreditCode).FirstAsync(cancellationToken);
        var bearing = await db.MarketEntities.AsNoTracking()
            .Where(e => e.CountyCode == "371581" && e.IndustryCode == "3451" && e.CreditCode != cable)
            .OrderBy(e => e.Id).Select(e => e.CreditCode).FirstOrDefaultAsync(cancellationToken)
            ?? await db.MarketEntities.AsNoTracking().Where(e => e.CreditCode != cable).OrderBy(e => e.Id).Select(e => e.CreditCode).FirstAsync(cancellationToken);
        var samrInspector = await db.Inspectors.AsNoTracking()
            .Where(i => i.DepartmentId == departments["samr"].Id).OrderBy(i => i.Id).FirstAsync(cancellationToken);

        foreach (var account in Accounts)
        {
            if (await users.FindByNameAsync(account.UserName) is not null)
            {
                continue;
            }

            var user = new AppUser { UserName = account.UserName, DisplayName = account.Description };
            switch (account.UserName)
            {
                case "admin" or "coordinator":
                    user.DepartmentId = departments["justice"].Id;
                    break;
                case "samr.head":
                    user.DepartmentId = departments["samr"].Id;
                    break;
                case "emergency.head":
                    user.DepartmentId = departments["emergency"].Id;
                    break;
                case "samr.inspector":
                    user.DepartmentId = departments["samr"].Id;
                    user.InspectorId = samrInspector.Id;
                    user.DisplayName = $"{samrInspector.Name}（{samrInspector.CredentialNumber}）";
                    break;
                case "enterprise":
                    user.CreditCode = cable;
                    break;
                case "enterprise2":
                    user.CreditCode = bearing;
                    break;
            }

            var created = await users.CreateAsync(user, DemoPassword);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException($"cannot create demo account {account.UserName}: {string.Join("; ", created.Errors.Select(e => e.Description))}");
            }

            await users.AddToRoleAsync(user, account.Role);
        }
    }
}
