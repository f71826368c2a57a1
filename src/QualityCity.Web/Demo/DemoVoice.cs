using System.Globalization;
using Microsoft.EntityFrameworkCore;
using QualityCity.Domain.Common;
using QualityCity.Domain.PublicVoice;
using QualityCity.Web.Data;
using QualityCity.Web.Localization;
using QualityCity.Web.Modules.PublicVoice;
using QualityCity.Web.Modules.PublicVoice.Hotline;
using QualityCity.Web.Modules.Registry.Contracts;

namespace QualityCity.Web.Demo;

/// <summary>What the demo's year of public voice holds.</summary>
public sealed record DemoVoiceYear(int Hotline, int Web, int Closed, int Open, int Overdue, int Merged);

/// <summary>
/// A year of citizens' items for the demo city (issue 14, item 11): 12345 orders imported through
/// the hotline import itself (order ids <see cref="HotlineImport.DemoPrefix"/>…, which no real order
/// id starts with), web-form, QR-poster and API reports, suggestions and consultations, spread over
/// the counties, the categories and the twelve months before today. Each item is taken along the
/// 12345 loop by <see cref="VoiceItemWorkflow"/> on the days it would have happened: most closed with
/// an answer, a follow-up call and a rating; some returned and redispatched, extended, or reopened
/// after a dissatisfied rating; the last weeks' still in hand, a few of them overdue; and a handful of
/// duplicates (the same problem at the same place in other words), most merged, the newest not yet.
/// Deterministic from the seed (tracking codes too); every contact is plainly made up
/// (“张先生（演示）”, 138 0000 xxxx).
/// </summary>
public static class DemoVoice
{
    /// <summary>A problem and the ways different callers put it; {0} is the place, {1} the shop.</summary>
    private sealed record Scenario(string Kind, string Category, string Shop, string[] Phrasings);

    private static readonly Scenario[] Scenarios =
    [
        new("complaint", "food-expired", "{0}惠家超市",
        [
            "在{0}的{1}买的纯牛奶已经过期五天了，货架上还有好几箱，希望监管部门查一查。",
            "{1}在卖过了保质期的牛奶，我今天刚买到，回家才发现日期不对。",
            "反映{0}{1}销售过期乳制品，货架上的酸奶和牛奶都超过了保质期。",
        ]),
        new("complaint", "food-catering", "{0}老街烧烤店",
        [
            "昨晚在{0}的{1}吃饭后全家腹泻，怀疑后厨卫生有问题，请相关部门检查。",
            "{1}后厨很脏，生熟不分，我们几个人吃完都拉肚子了。",
            "在{1}就餐后出现呕吐、腹泻症状，要求查处该店的食品卫生问题。",
        ]),
        new("complaint", "price-unmarked", "{0}便民生活超市",
        [
            "{0}的{1}大部分商品没有标价，结账时才知道价格，明显不合理。",
            "{1}货架上不标价，收银时价格比别家贵不少，希望督促他们明码标价。",
        ]),
        new("complaint", "price-fraud", "{0}农贸市场鲜肉摊",
        [
            "在{0}的{1}买了两斤猪肉，回家一称少了将近二两，缺斤短两。",
            "{1}的秤有问题，买的肉到公平秤上复秤明显短秤。",
        ]),
        new("complaint", "prepaid-refund", "{0}美好时光健身会所",
        [
            "在{0}的{1}办了三千元的会员卡，现在想退卡，商家一直推脱不给退。",
            "{1}办卡时承诺随时可退，现在要退剩余的钱却不给办理。",
        ]),
        new("complaint", "prepaid-closed", "{0}童乐游泳馆",
        [
            "{0}的{1}突然关门了，我卡里还有八百多元余额，老板联系不上。",
            "{1}人去楼空，好多家长办的预付卡都退不了，请帮忙处理。",
        ]),
        new("help", "equipment-elevator", "{0}幸福家园小区",
        [
            "{0}{1}三号楼电梯经常突然停在两层之间，物业说修了还是出问题。",
            "{1}的电梯昨天又困人了，老人孩子都不敢坐，请尽快检查。",
        ]),
        new("report", "product-fake", "{0}鞋服折扣店",
        [
            "在{0}的{1}买到的运动鞋是假冒名牌，鞋标做工粗糙，与正品明显不同。",
            "举报{1}销售假冒品牌运动鞋，价格只有正品的三分之一。",
        ]),
        new("report", "advertising-false", "{0}康宁大药房",
        [
            "{0}的{1}门口宣传保健品“包治百病”，属于虚假宣传，很多老人上当。",
            "{1}在店里给老年人讲课推销保健品，夸大功效。",
        ]),
        new("report", "unlicensed-shop", "{0}路口早餐摊点",
        [
            "{0}新开的{1}没有营业执照，也没有健康证，卫生条件差。",
            "{1}一直无证经营，油烟大，卫生也没人管。",
        ]),
        new("complaint", "environment-noise", "{0}建材加工门市",
        [
            "{0}的{1}晚上十一点以后还在切割板材，噪音很大，影响休息。",
            "{1}夜里加工噪声扰民，多次沟通无果。",
        ]),
        new("report", "fire-exit", "{0}家电商场",
        [
            "{0}{1}的安全出口被货物堵死了，存在很大的安全隐患。",
            "{1}把消防通道当仓库用，堆满了纸箱。",
        ]),
        new("complaint", "product-defect", "{0}电动车专卖店",
        [
            "在{0}的{1}买的电动车刚骑一个月电池就鼓包了，商家不给换。",
            "{1}卖的电动车质量差，充电器发烫，要求退货被拒绝。",
        ]),
    ];

    private static readonly (string Category, string Text)[] Suggestions =
    [
        ("price", "建议在{0}农贸市场设置公平秤，方便群众复秤，减少缺斤短两。"),
        ("food-sales", "建议对{0}校园周边小卖部加强检查，很多零食没有中文标签。"),
        ("other-business", "建议网上办理营业执照变更时增加办理进度短信提醒。"),
        ("prepaid", "建议出台预付卡资金监管办法，商家收取的预付款由银行存管。"),
        ("equipment-elevator", "建议对使用超过十五年的老旧电梯开展安全评估，并公布检验结果。"),
        ("other-business", "建议个体工商户年报增加手机端填报入口，操作再简化一些。"),
    ];

    private static readonly (string Category, string Text)[] Consultations =
    [
        ("other-service", "咨询个体工商户营业执照年报在哪里填报，截止时间是什么时候。"),
        ("food-catering", "咨询在{0}开一家小餐馆需要办理哪些许可证。"),
        ("other-service", "咨询网购商品七天无理由退货有哪些规定。"),
        ("food-production", "咨询家庭作坊做辣椒酱对外销售需要办理什么手续。"),
    ];

    private static readonly Dictionary<string, string[]> Answers = new(StringComparer.Ordinal)
    {
        ["complaint"] =
        [
            "经执法人员现场核查，反映的问题属实。已责令经营者立即整改，并依法立案调查，处理结果将按规定公示。感谢您的监督。",
            "经调查，反映的问题部分属实。已约谈经营者，责令其限期整改，经营者已同意为消费者办理退款。",
            "执法人员已到现场检查，未发现反映的问题。已提醒经营者规范经营，今后将加强日常巡查。",
        ],
        ["report"] =
        [
            "经核查，举报内容属实，已依法立案查处，涉案商品已扣押。感谢您的举报。",
            "执法人员已对举报的经营场所进行检查，责令其停止违法行为，并纳入重点监管对象。",
        ],
        ["help"] =
        [
            "已联系相关单位到场处置，设备已停用检修，经检验合格后方可恢复使用。",
            "已协调有关部门和经营者，问题已妥善处理。如仍有困难，可再次拨打 12345 反映。",
        ],
        ["suggestion"] =
        [
            "感谢您的建议。我局已将此项建议纳入下一年度工作计划，将分批在全市推行。",
            "您的建议已收悉，相关工作正在研究论证中，我们将适时向社会公开进展。",
        ],
        ["consultation"] =
        [
            "您好，可登录山东省政务服务网或到所在县区政务服务中心市场监管窗口办理，具体材料清单可电话咨询窗口。",
            "您好，相关规定已通过电话向您详细解答，也可登录市场监管局网站“办事指南”栏目查询。",
        ],
    };

    private static readonly string[] Surnames = ["张", "王", "李", "赵", "刘", "陈", "杨", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡"];

    /// <summary>Loads the year; the hotline's part through <paramref name="hotline"/> (made for the demo: demo items, seeded codes).</summary>
    public static async Task<DemoVoiceYear> LoadAsync(QualityCityDbContext db, HotlineImport hotline, SplitMix64 random, DateTime nowUtc,
        CancellationToken cancellationToken)
    {
        var deadlines = await VoiceSchedule.LoadAsync(db, hotline.DeadlineRules, cancellationToken);
        var counties = await db.Regions.AsNoTracking().Where(r => r.Level == "county" && r.ParentCode == VoiceLabels.CityCode).OrderBy(r => r.Code)
            .Select(r => new { r.Code, r.Name }).ToListAsync(cancellationToken);
        var townships = (await db.Regions.AsNoTracking().Where(r => r.Level == "township").Select(r => new { r.ParentCode, r.Name }).ToListAsync(cancellationToken))
            .GroupBy(r => r.ParentCode!).ToDictionary(g => g.Key, g => g.Select(t => t.Name).Order(StringComparer.Ordinal).ToList(), StringComparer.Ordinal);
        var categories = await db.VoiceCategories.AsNoTracking().ToDictionaryAsync(c => c.Code, cancellationToken);
        var departments = (await db.Departments.AsNoTracking().Select(d => new { d.Code, d.Name }).ToListAsync(cancellationToken))
            .ToDictionary(d => d.Code, d => d.Name, StringComparer.Ordinal);
        string DepartmentOf(string category) =>
            categories.GetValueOrDefault(category) is { } c ? c.DefaultDepartment ?? (c.ParentCode is { } p ? categories.GetValueOrDefault(p)?.DefaultDepartment : null) ?? "samr" : "samr";

        var today = DateOnly.FromDateTime(nowUtc.AddHours(8));
        DateTime CallTime(int daysAgo)
        {
            // Calls come in between 08:00 and 21:00 China time, most in working hours.
            var minutes = random.Chance(0.8) ? random.Next(8 * 60 + 30, 17 * 60 + 30) : random.Next(8 * 60, 21 * 60);
            var at = DemoYear.Utc(today.AddDays(-daysAgo), 0).AddMinutes(minutes);
            return at < nowUtc ? at : nowUtc.AddMinutes(-30 - random.Next(120));
        }

        (string County, string Place) Somewhere()
        {
            var county = random.Pick(counties);
            var place = townships.TryGetValue(county.Code, out var list) && list.Count > 0 ? random.Pick(list) : county.Name;
            return (county.Code, county.Name + place);
        }

        string Caller() => random.Pick(Surnames) + (random.Chance(0.5) ? "先生" : "女士") + DemoCity.DemoSuffix;
        string Phone() => "1380000" + random.Next(10_000).ToString("0000", CultureInfo.InvariantCulture);

        // 1. The hotline's orders, as the monthly exports would list them, through the import.
        var rows = new List<RawRow>();
        var orderNo = 0;
        var duplicateGroups = new List<List<string>>();
        void Order(int daysAgo, string kind, string text, string county, string? handler, bool anonymous)
        {
            var at = CallTime(daysAgo);
            var id = string.Create(CultureInfo.InvariantCulture, $"{HotlineImport.DemoPrefix}{DemoYear.ChinaDay(at):yyyyMMdd}-{++orderNo:0000}");
            rows.Add(new RawRow(rows.Count + 2,
            [
                id, ChinaTime.FromUtc(at).ToString(HotlineImport.CalledAtFormat, CultureInfo.InvariantCulture),
                HotlineImport.Kinds.First(k => k.Value == kind).Key, text, county, null, null,
                anonymous ? "匿名" : Caller(), anonymous ? null : Phone(), handler,
            ]));
        }

        string? Handler(string category, int daysAgo)
        {
            // Exports of past orders name the unit that handled them; the last days' are not dispatched yet.
            if (daysAgo < 2)
            {
                return null;
            }

            var department = DepartmentOf(category);
            var name = departments.GetValueOrDefault(department, department);
            return department == "samr" && random.Chance(0.5) ? random.Pick(["市市场监管局", "聊城市市场监督管理局"]) : name;
        }

        for (var n = 0; n < 200; n++)
        {
            var daysAgo = DaysAgo(random);
            var (county, place) = Somewhere();
            if (random.Chance(0.12))
            {
                var (category, text) = random.Pick(Consultations);
                Order(daysAgo, "consultation", string.Format(CultureInfo.InvariantCulture, text, place), county, Handler(category, daysAgo), random.Chance(0.2));
                continue;
            }

            var scenario = random.Pick(Scenarios);
            var shop = string.Format(CultureInfo.InvariantCulture, scenario.Shop, place);
            Order(daysAgo, scenario.Kind, string.Format(CultureInfo.InvariantCulture, random.Pick(scenario.Phrasings), place, shop), county,
                Handler(scenario.Category, daysAgo), random.Chance(0.15));
        }

        // Duplicates: several callers about one problem at one place, in their own words, within days.
        for (var g = 0; g < 6; g++)
        {
            var scenario = Scenarios[(g * 5) % Scenarios.Length];
            var (county, place) = Somewhere();
            var shop = string.Format(CultureInfo.InvariantCulture, scenario.Shop, place);
            var start = g == 0 ? 1 : 20 + random.Next(300);
            var group = new List<string>();
            for (var k = 0; k < Math.Min(scenario.Phrasings.Length, 2 + g % 2); k++)
            {
                Order(Math.Max(0, start - k), scenario.Kind, string.Format(CultureInfo.InvariantCulture, scenario.Phrasings[k], place, shop), county,
                    k == 0 ? Handler(scenario.Category, start) : null, false);
                group.Add((string)rows[^1].Cells[0]!);
            }

            duplicateGroups.Add(group);
        }

        hotline.IsDemo = true;
        hotline.RandomBytes = count => Bytes(random, count);
        var imported = await hotline.ImportAsync(HotlineImport.Columns.Select(c => c.Header).ToList(), rows, "system", cancellationToken);
        if (imported.Rejected > 0)
        {
            throw new InvalidOperationException($"the demo's hotline orders were refused: {string.Join("; ", imported.Issues.Where(i => !i.IsWarning).Take(3))}");
        }

        // 2. The web form, QR posters and the API: suggestions, consultations and reports.
        var items = new List<VoiceItem>();
        VoiceItem Item(int daysAgo, string kind, string category, string channel, string text, string county, bool anonymous) => new()
        {
            TrackingCode = TrackingCode.Generate(count => Bytes(random, count)).Canonical, Kind = kind, Channel = channel, Source = VoiceChannels.Web,
            CategoryCode = category, CountyCode = county, Description = text, Anonymous = anonymous,
            ContactName = anonymous ? null : Caller(), ContactPhone = anonymous ? null : Phone(),
            State = VoiceCodes.StateCode(VoiceItemState.Received), ReceivedAtUtc = CallTime(daysAgo), IsDemo = true,
        };

        for (var n = 0; n < 110; n++)
        {
            var daysAgo = DaysAgo(random);
            var (county, place) = Somewhere();
            var roll = random.NextDouble();
            if (roll < 0.2)
            {
                var (category, text) = random.Pick(Suggestions);
                items.Add(Item(daysAgo, "suggestion", category, VoiceChannels.Web, string.Format(CultureInfo.InvariantCulture, text, place), county, random.Chance(0.3)));
            }
            else if (roll < 0.3)
            {
                var (category, text) = random.Pick(Consultations);
                items.Add(Item(daysAgo, "consultation", category, VoiceChannels.Web, string.Format(CultureInfo.InvariantCulture, text, place), county, random.Chance(0.3)));
            }
            else
            {
                var scenario = random.Pick(Scenarios);
                var shop = string.Format(CultureInfo.InvariantCulture, scenario.Shop, place);
                var channel = roll < 0.55 ? VoiceChannels.Poster : roll < 0.6 ? VoiceChannels.Api : VoiceChannels.Web;
                items.Add(Item(daysAgo, scenario.Kind, scenario.Category, channel,
                    string.Format(CultureInfo.InvariantCulture, random.Pick(scenario.Phrasings), place, shop), county, random.Chance(0.25)));
            }
        }

        foreach (var item in items)
        {
            var (step, deadline) = VoiceSchedule.OnReceipt(deadlines, VoiceCodes.ParseKind(item.Kind)!.Value, new DateTimeOffset(item.ReceivedAtUtc));
            VoiceSchedule.Set(item, step, deadline);
            item.UpdatedAtUtc = item.ReceivedAtUtc;
        }

        db.AuditChanges = false;
        try
        {
            db.VoiceItems.AddRange(items);
            await db.SaveChangesAsync(cancellationToken);
            db.VoiceItemEvents.AddRange(items.Select(i => new VoiceItemEvent
            {
                ItemId = i.Id, CountyCode = i.CountyCode, AtUtc = i.ReceivedAtUtc, Actor = "public", Action = "submit", ToState = i.State, Note = i.Channel,
            }));
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();

            // 3. Along the loop, each item on the days it would have happened.
            var all = await db.VoiceItems.Where(i => i.IsDemo).OrderBy(i => i.ReceivedAtUtc).ThenBy(i => i.Id).ToListAsync(cancellationToken);
            var byOrder = all.Where(i => i.ExternalId is not null).ToDictionary(i => i.ExternalId!, StringComparer.Ordinal);
            var duplicates = new HashSet<string>(duplicateGroups.SelectMany(g => g.Skip(1)), StringComparer.Ordinal);
            var loop = new Loop(deadlines, random, nowUtc, DepartmentOf, db.VoiceItemEvents);
            foreach (var item in all.Where(i => i.ExternalId is null || !duplicates.Contains(i.ExternalId)))
            {
                loop.Run(item);
            }

            // The duplicates: merged into the first report of their problem, except the newest group, still waiting for its merge.
            var merged = 0;
            foreach (var group in duplicateGroups.Skip(1))
            {
                var target = byOrder[group[0]];
                foreach (var id in group.Skip(1))
                {
                    var item = byOrder[id];
                    var at = item.ReceivedAtUtc.AddHours(2);
                    if (at < nowUtc && VoiceCodes.ParseState(target.State) is not (VoiceItemState.Rejected or VoiceItemState.Merged))
                    {
                        loop.Step(item, VoiceItemAction.Merge, new VoiceActor(VoiceActorRole.Coordinator), "coordinator", at,
                            new VoiceActionArgs { MergeTargetId = target.TrackingCode, MergeTargetState = VoiceCodes.ParseState(target.State) });
                        merged++;
                    }
                }
            }

            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            var closed = all.Count(i => i.State == "closed");
            var overdue = all.Count(i => i.DeadlineUtc is { } due && due < nowUtc);
            return new DemoVoiceYear(imported.Inserted, items.Count, closed, all.Count(i => i.State is not ("closed" or "rejected" or "merged")), overdue, merged);
        }
        finally
        {
            db.AuditChanges = true;
        }
    }

    /// <summary>Days before today: spread over the year, a little more in the recent months.</summary>
    private static int DaysAgo(SplitMix64 random) => random.Chance(0.15) ? random.Next(0, 21) : random.Next(1, 365);

    private static byte[] Bytes(SplitMix64 random, int count)
    {
        var bytes = new byte[count];
        for (var i = 0; i < count; i++)
        {
            bytes[i] = (byte)random.Next(256);
        }

        return bytes;
    }

    /// <summary>Takes items along the 12345 loop through the workflow, writing their timeline.</summary>
    private sealed class Loop(VoiceDeadlines deadlines, SplitMix64 random, DateTime nowUtc, Func<string, string> departmentOf, DbSet<VoiceItemEvent> events)
    {
        private static readonly VoiceActor Coordinator = new(VoiceActorRole.Coordinator);

        public void Run(VoiceItem item)
        {
            var at = item.ReceivedAtUtc;
            var age = nowUtc - at;
            // The last day's items wait for the coordinator; in the weeks before, one in five is still in hand (some overdue by now).
            if (age < TimeSpan.FromHours(20))
            {
                return;
            }

            var stuck = age < TimeSpan.FromDays(25) && random.Chance(0.25);
            bool Next(double hours) => (at = at.AddHours(hours)) < nowUtc;

            var state = VoiceCodes.ParseState(item.State);
            if (state == VoiceItemState.Received)
            {
                if (!Next(1 + random.Next(3)))
                {
                    return;
                }

                if (item.Kind == "complaint" && random.Chance(0.04))
                {
                    Step(item, VoiceItemAction.Reject, Coordinator, "coordinator", at,
                        new VoiceActionArgs { Reason = "反映的是劳动报酬纠纷，不属于市场监管部门职责，已告知向人社部门反映。" });
                    return;
                }

                Step(item, VoiceItemAction.Accept, Coordinator, "coordinator", at);
                if (!Next(1))
                {
                    return;
                }

                // A few go first to a department that returns them: the coordinator redispatches.
                var department = departmentOf(item.CategoryCode);
                if (random.Chance(0.08))
                {
                    var wrong = department == "samr" ? "urban" : "samr";
                    Step(item, VoiceItemAction.Dispatch, Coordinator, "coordinator", at, new VoiceActionArgs { DepartmentCode = wrong });
                    if (!Next(4))
                    {
                        return;
                    }

                    Step(item, VoiceItemAction.Return, new VoiceActor(VoiceActorRole.Department, wrong), Staff(wrong), at,
                        new VoiceActionArgs { Reason = "不属于本部门职责范围，请改派。" });
                    if (!Next(3))
                    {
                        return;
                    }

                    Step(item, VoiceItemAction.Redispatch, Coordinator, "coordinator", at, new VoiceActionArgs { DepartmentCode = department });
                }
                else
                {
                    Step(item, VoiceItemAction.Dispatch, Coordinator, "coordinator", at, new VoiceActionArgs { DepartmentCode = department });
                }
            }

            var handler = item.AssignedDepartment!;
            var staff = new VoiceActor(VoiceActorRole.Department, handler);
            if (!Next(20 + random.Next(10)))
            {
                return;
            }

            Step(item, VoiceItemAction.Start, staff, Staff(handler), at);
            if (stuck)
            {
                return;
            }

            if (item.Kind != "consultation" && random.Chance(0.05))
            {
                if (!Next(48))
                {
                    return;
                }

                Step(item, VoiceItemAction.RequestExtension, staff, Staff(handler), at, new VoiceActionArgs { Reason = "需委托检验机构检测，检测周期较长。" });
                if (!Next(3))
                {
                    return;
                }

                Step(item, VoiceItemAction.ApproveExtension, new VoiceActor(VoiceActorRole.Head, handler), handler + ".head", at);
            }

            var answers = Answers[item.Kind];
            if (!Next(item.Kind == "suggestion" ? 24 * (5 + random.Next(10)) : 24 * random.Next(1, 4)))
            {
                return;
            }

            Step(item, VoiceItemAction.Answer, staff, Staff(handler), at, new VoiceActionArgs { PublicAnswer = random.Pick(answers) });
            if (!FollowUpAndRate(item, ref at, item.ReopenCount == 0 && random.Chance(0.05) ? SatisfactionRating.Dissatisfied : null))
            {
                return;
            }

            if (VoiceCodes.ParseState(item.State) == VoiceItemState.InProgress && Next(24 * random.Next(2, 5)))
            {
                // Handled again after the dissatisfied rating, and answered once more.
                Step(item, VoiceItemAction.Answer, staff, Staff(handler), at,
                    new VoiceActionArgs { PublicAnswer = "重新办理：执法人员再次到现场核查，经营者已按要求整改到位并与来电人达成和解。" });
                FollowUpAndRate(item, ref at, SatisfactionRating.BasicallySatisfied);
            }
        }

        private bool FollowUpAndRate(VoiceItem item, ref DateTime at, SatisfactionRating? rating)
        {
            if ((at = at.AddHours(24 + random.Next(24))) >= nowUtc)
            {
                return false;
            }

            Step(item, VoiceItemAction.RecordFollowUp, Coordinator, "coordinator", at, new VoiceActionArgs
            {
                FollowUp = new VoiceFollowUp(FollowUpMethod.Call, "12345 回访员", "已电话回访，来电人知悉办理结果。"),
            });
            if ((at = at.AddHours(2 + random.Next(30))) >= nowUtc)
            {
                return false;
            }

            if (rating is null && random.Chance(0.08))
            {
                Step(item, VoiceItemAction.CloseUnrated, Coordinator, "coordinator", at, new VoiceActionArgs { Reason = "回访时来电人未作评价。" });
                return true;
            }

            var given = rating ?? (random.Chance(0.8) ? SatisfactionRating.Satisfied : SatisfactionRating.BasicallySatisfied);
            Step(item, VoiceItemAction.Rate, new VoiceActor(VoiceActorRole.Submitter), "submitter", at, new VoiceActionArgs { Rating = given });
            return true;
        }

        private static string Staff(string department) => department == "samr" ? "samr.inspector" : department + ".head";

        public void Step(VoiceItem item, VoiceItemAction action, VoiceActor actor, string actorName, DateTime at, VoiceActionArgs? args = null)
        {
            args ??= new VoiceActionArgs();
            var before = VoiceSnapshots.Of(item);
            var outcome = VoiceItemWorkflow.Apply(before, action, actor, args);
            if (!outcome.IsAllowed)
            {
                throw new InvalidOperationException($"demo item {item.TrackingCode}: {action} refused ({outcome.RefusalCode})");
            }

            var after = outcome.Snapshot;
            VoiceSnapshots.Store(after, item);
            if (action == VoiceItemAction.Answer)
            {
                item.AnsweredAtUtc = at;
            }

            if (action == VoiceItemAction.Rate)
            {
                item.RatedAtUtc = at;
            }

            VoiceSchedule.AfterAction(deadlines, item, action, after.State, new DateTimeOffset(at));
            item.UpdatedAtUtc = at;
            events.Add(new VoiceItemEvent
            {
                ItemId = item.Id, CountyCode = item.CountyCode, AtUtc = at, Actor = actorName, Action = VoiceCodes.ActionCode(action), FromState = VoiceCodes.StateCode(before.State),
                ToState = item.State, Department = after.AssignedDepartment ?? before.AssignedDepartment,
                Note = action switch
                {
                    VoiceItemAction.Answer => after.PublicAnswer,
                    VoiceItemAction.RecordFollowUp => after.LastFollowUp?.Result,
                    VoiceItemAction.Rate => item.Rating,
                    VoiceItemAction.Merge => after.MergedInto,
                    _ => args.Reason,
                },
            });
        }
    }
}
