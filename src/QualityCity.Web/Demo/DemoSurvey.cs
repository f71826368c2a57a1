using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using QualityCity.Domain.Common;
using QualityCity.Domain.Planning;
using QualityCity.Web.Data;
using QualityCity.Web.Modules.PublicVoice;
using QualityCity.Web.Modules.Registry.Contracts;

namespace QualityCity.Web.Demo;

/// <summary>What the demo's satisfaction survey holds.</summary>
public sealed record DemoSurveyYear(int Questions, int Departments, int Sampled, int Answered);

/// <summary>
/// This year's business-environment satisfaction survey for the demo city (issue 14, items 9 and 11):
/// twelve items about every department, the pool committed five weeks ago, 60 enterprises drawn with
/// QC-DRAW-1 and a fixed demo seed a few days later (so anyone can recompute the sample from the
/// published record), and answers from about three in four of them. The demo's enterprise accounts'
/// own enterprises are left unanswered when drawn, so that signing in as one shows the questionnaire.
/// Written like the rest of the demo, straight into the tables, with the clock standing at the
/// survey's days.
/// </summary>
public static class DemoSurvey
{
    /// <summary>The public seed of the demo draw: 20 decimal digits, as the draw asks for.</summary>
    public const string Seed = "20260104151926535897";

    public const int SampleSize = 60;

    public static readonly IReadOnlyList<string> Questions =
    [
        "政策文件公开透明、容易查到", "办事指南清楚，材料一次说清", "审批办理时限符合承诺", "窗口和工作人员服务态度",
        "“一次办好”“跨省通办”落实情况", "涉企检查频次合理，不重复检查", "执法规范公正，自由裁量一致", "发现问题后给予整改指导",
        "企业诉求响应及时、有回音", "工作人员廉洁自律", "涉企收费规范，无乱收费", "总体满意度",
    ];

    public static async Task<DemoSurveyYear> LoadAsync(QualityCityDbContext db, IReadOnlyCollection<string> keepUnanswered, SplitMix64 random, DateTime nowUtc,
        CancellationToken cancellationToken)
    {
        var departments = await db.Departments.AsNoTracking().OrderBy(d => d.Code).Select(d => d.Code).ToListAsync(cancellationToken);
        var pool = (await db.MarketEntities.AsNoTracking().Where(e => e.Status == EntityStatus.Active).Select(e => e.CreditCode).ToListAsync(cancellationToken))
            .Distinct(StringComparer.Ordinal).ToList();
        var poolFile = DrawTickets.PoolFileText(pool);
        var today = DemoYear.ChinaDay(nowUtc);
        var committedAt = DemoYear.Utc(today.AddDays(-35), 9, 30);
        var drawnAt = DemoYear.Utc(today.AddDays(-30), 10);
        var survey = new VoiceSurvey
        {
            Title = string.Create(CultureInfo.InvariantCulture, $"{today.Year}年度营商环境满意度测评{DemoCity.DemoSuffix}"), Year = today.Year,
            QuestionsJson = JsonSerializer.Serialize(Questions), DepartmentsJson = JsonSerializer.Serialize(departments),
            SampleSize = Math.Min(SampleSize, pool.Count), PoolFile = poolFile, PoolDigest = DrawTickets.H(poolFile), PoolSize = pool.Count,
            CreatedBy = "coordinator", CommittedAtUtc = committedAt,
            Status = VoiceSurveyStatus.Drawn, Seed = Seed, DrawnAtUtc = drawnAt, DrawnBy = "coordinator",
        };
        db.VoiceSurveys.Add(survey);
        await db.SaveChangesAsync(cancellationToken);

        var drawn = DrawTickets.Sample(Seed, DrawTickets.PoolFileIds(System.Text.Encoding.UTF8.GetBytes(poolFile)), survey.SampleSize);
        db.VoiceSurveySamples.AddRange(drawn.Select((d, index) => new VoiceSurveySample { SurveyId = survey.Id, CreditCode = d.Id, Ticket = d.Ticket, Rank = index + 1 }));

        // Each department has its own standing with the enterprises, each item a small shift of its own.
        var departmentLean = departments.ToDictionary(d => d, _ => random.NextDouble() * 0.8 - 0.3, StringComparer.Ordinal);
        var questionLean = Questions.Select(_ => random.NextDouble() * 0.5 - 0.25).ToList();
        var answered = 0;
        foreach (var (enterprise, index) in drawn.Select((d, i) => (d.Id, i)))
        {
            if (keepUnanswered.Contains(enterprise) || !random.Chance(0.75))
            {
                continue;
            }

            answered++;
            var submittedAt = drawnAt.AddDays(1 + random.Next(25)).AddMinutes(random.Next(8 * 60));
            db.VoiceSurveyResponses.Add(new VoiceSurveyResponse
            {
                SurveyId = survey.Id, UserName = string.Create(CultureInfo.InvariantCulture, $"demo.survey.{index + 1:00}"), CreditCode = enterprise,
                SubmittedAtUtc = submittedAt < nowUtc ? submittedAt : nowUtc.AddHours(-1),
            });
            var mood = random.NextDouble() * 0.8 - 0.4;
            foreach (var department in departments)
            {
                for (var question = 0; question < Questions.Count; question++)
                {
                    // Mostly 4 and 5, some 3, a few lower: what such surveys report.
                    var score = 4.2 + departmentLean[department] + questionLean[question] + mood + (random.NextDouble() - 0.5) * 1.6;
                    db.VoiceSurveyScores.Add(new VoiceSurveyScore
                    {
                        SurveyId = survey.Id, Department = department, Question = question, Score = (int)Math.Clamp(Math.Round(score), 1, 5),
                    });
                }
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return new DemoSurveyYear(Questions.Count, departments.Count, drawn.Count, answered);
    }
}
