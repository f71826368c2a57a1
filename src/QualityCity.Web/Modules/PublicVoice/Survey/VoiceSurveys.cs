using System.Security.Claims;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using QualityCity.Domain.Planning;
using QualityCity.Web.Data;
using QualityCity.Web.Hosting;
using QualityCity.Web.Localization;
using QualityCity.Web.Modules.Accounts.Contracts;
using QualityCity.Web.Modules.Registry.Contracts;

namespace QualityCity.Web.Modules.PublicVoice.Survey;

/// <summary>A new questionnaire: its title and year, the question texts, the departments rated, and how many enterprises to draw.</summary>
public sealed record SurveyRequest(string? Title, int? Year, IReadOnlyList<string>? Questions, IReadOnlyList<string>? Departments, int? SampleSize);

public sealed record SurveyDrawRequest(string? Seed);

/// <summary>One score: a question (its index) about a department, 1 (很不满意) to 5 (很满意).</summary>
public sealed record SurveyAnswer(string? Department, int? Question, int? Score);

public sealed record SurveyResponseRequest(IReadOnlyList<SurveyAnswer>? Answers);

/// <summary>A survey as staff see it in a list or after a step.</summary>
public sealed record SurveyView(int Id, string Title, int Year, string Status, IReadOnlyList<string> Questions, IReadOnlyList<SurveyDepartment> Departments,
    int SampleSize, int PoolSize, string PoolDigest, string? Seed, DateTime CommittedAtUtc, DateTime? DrawnAtUtc, int Sampled, int Responses,
    string RecordUrl, string PoolUrl);

public sealed record SurveyDepartment(string Code, string Name);

/// <summary>
/// The survey's public record (QC-DRAW-1): before the draw it is the commitment (pool digest, size
/// and k, no seed); after it, the seed and every drawn enterprise with its ticket in draw order.
/// Anyone recomputes the sample with <c>DrawTickets.Sample(seed, pool file ids, k)</c>.
/// </summary>
public sealed record SurveyDrawRecord(string Algorithm, int SurveyId, string Title, int Year, string PoolFile, string PoolDigest, int PoolSize, int K,
    string? Seed, DateTime CommittedAtUtc, DateTime? DrawnAtUtc, IReadOnlyList<SurveyDrawnTicket> Selected);

public sealed record SurveyDrawnTicket(string Id, string Ticket);

/// <summary>What a sampled enterprise account answers: the questions and the departments, and whether it already has.</summary>
public sealed record SurveyQuestionnaire(int Id, string Title, int Year, IReadOnlyList<string> Questions, IReadOnlyList<SurveyDepartment> Departments,
    bool Answered);

/// <summary>The aggregate of one question about one department; <see cref="Hidden"/> when fewer than the minimum answers exist (the department's reader sees no figures then).</summary>
public sealed record SurveyCell(int Question, int Count, double? Mean, IReadOnlyList<int>? Distribution, bool Hidden);

public sealed record SurveyDepartmentResult(string Code, string Name, int Count, double? Mean, bool Hidden, IReadOnlyList<SurveyCell> Items);

public sealed record SurveyResults(int Id, string Title, int Year, string Status, int Responses, int MinimumAnswers, IReadOnlyList<string> Questions,
    IReadOnlyList<SurveyDepartmentResult> Departments);

/// <summary>
/// The business-environment satisfaction survey (营商环境满意度测评, VOX-7): the coordinator commits
/// a questionnaire with the pool of active enterprises from the registry, enters a public seed, and
/// the QC-DRAW-1 sample gets it on the enterprises' desks; each account answers once; results per
/// department and question go to the coordinator in full and to a department head only for their
/// own department and only from <see cref="MinimumAnswers"/> answers. Scores are stored without the
/// respondent (ADR 0034).
/// </summary>
public sealed class VoiceSurveys(QualityCityDbContext db, VoiceLabels labels, Text text, PlatformClock clock)
{
    /// <summary>A department sees an aggregate only from this many answers.</summary>
    public const int MinimumAnswers = 5;

    public const int MaxQuestions = 50;
    public const int MaxQuestionLength = 500;

    /// <summary>Commits a questionnaire and its pool (every active enterprise of the registry); 201 with the survey.</summary>
    public async Task<WorkResult> CreateAsync(SurveyRequest request, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var title = request.Title?.Trim();
        if (string.IsNullOrEmpty(title) || title.Length > 200)
        {
            errors["title"] = [text["请填写标题（不超过 200 字）"]];
        }

        if (request.Year is not (>= 2000 and <= 2100))
        {
            errors["year"] = [text["年份须在 2000 至 2100 之间"]];
        }

        var questions = request.Questions?.Select(q => q?.Trim() ?? string.Empty).ToList() ?? [];
        if (questions.Count is 0 or > MaxQuestions || questions.Any(q => q.Length is 0 or > MaxQuestionLength))
        {
            errors["questions"] = [text.Format("请填写 1 至 {0} 个测评项目，每项不超过 {1} 字", MaxQuestions, MaxQuestionLength)];
        }

        var known = (await labels.DepartmentsAsync(cancellationToken)).Select(d => d.Code).ToHashSet(StringComparer.Ordinal);
        var departments = request.Departments?.Select(d => d?.Trim() ?? string.Empty).ToList() ?? [];
        if (departments.Count == 0 || departments.Any(d => !known.Contains(d)) || departments.Distinct(StringComparer.Ordinal).Count() != departments.Count)
        {
            errors["departments"] = [text["请选择被测评的部门（部门代码，不重复）"]];
        }

        if (request.SampleSize is not (>= 1 and <= 100000))
        {
            errors["sampleSize"] = [text["样本量须在 1 至 100000 之间"]];
        }

        if (errors.Count > 0)
        {
            return WorkResult.Invalid(errors);
        }

        // The pool is frozen now, before anyone knows the seed: every active enterprise, by credit code.
        var pool = await db.MarketEntities.AsNoTracking().Where(e => e.Status == EntityStatus.Active).Select(e => e.CreditCode).ToListAsync(cancellationToken);
        var poolFile = DrawTickets.PoolFileText(pool.Distinct(StringComparer.Ordinal));
        var survey = new VoiceSurvey
        {
            Title = title!, Year = request.Year!.Value, QuestionsJson = JsonSerializer.Serialize(questions), DepartmentsJson = JsonSerializer.Serialize(departments),
            SampleSize = request.SampleSize!.Value, PoolFile = poolFile, PoolDigest = DrawTickets.H(poolFile), PoolSize = pool.Distinct(StringComparer.Ordinal).Count(),
            CreatedBy = user.ActorName(), CommittedAtUtc = clock.UtcNow,
        };
        db.Actor = user.ActorName();
        db.VoiceSurveys.Add(survey);
        await db.SaveChangesAsync(cancellationToken);
        return WorkResult.Ok(await ViewAsync(survey, cancellationToken));
    }

    /// <summary>Draws the sample with the public seed (at least 20 decimal digits, as for the inspection plan); once per survey.</summary>
    public async Task<WorkResult> DrawAsync(int id, SurveyDrawRequest request, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var survey = await db.VoiceSurveys.FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (survey is null)
        {
            return WorkResult.Refused(StatusCodes.Status404NotFound, text["没有这份问卷"]);
        }

        var seed = request.Seed?.Trim();
        if (string.IsNullOrEmpty(seed) || seed.Count(char.IsAsciiDigit) < 20 || seed.Length > 64)
        {
            return WorkResult.Invalid("seed", text["公开种子至少需要 20 位十进制数字（如抽取会上掷骰所得）"]);
        }

        if (survey.Status != VoiceSurveyStatus.Committed)
        {
            return WorkResult.Refused(StatusCodes.Status409Conflict, text["这份问卷已经抽取过样本"]);
        }

        if (await db.VoiceSurveys.AnyAsync(s => s.Seed == seed, cancellationToken))
        {
            return WorkResult.Invalid("seed", text["这个种子已经用过，请用新的公开种子"]);
        }

        var drawn = DrawTickets.Sample(seed, DrawTickets.PoolFileIds(System.Text.Encoding.UTF8.GetBytes(survey.PoolFile)), survey.SampleSize);
        survey.Seed = seed;
        survey.Status = VoiceSurveyStatus.Drawn;
        survey.DrawnAtUtc = clock.UtcNow;
        survey.DrawnBy = user.ActorName();
        db.VoiceSurveySamples.AddRange(drawn.Select((d, index) => new VoiceSurveySample { SurveyId = survey.Id, CreditCode = d.Id, Ticket = d.Ticket, Rank = index + 1 }));
        db.Actor = user.ActorName();
        await db.SaveChangesAsync(cancellationToken);
        return WorkResult.Ok(await ViewAsync(survey, cancellationToken));
    }

    /// <summary>
    /// Ends the answering: from now on a sampled enterprise's answer is refused (409) and the survey
    /// leaves the enterprises' desks; the results stay. Only a drawn survey is closed, once.
    /// </summary>
    public async Task<WorkResult> CloseAsync(int id, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var survey = await db.VoiceSurveys.FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (survey is null)
        {
            return WorkResult.Refused(StatusCodes.Status404NotFound, text["没有这份问卷"]);
        }

        if (survey.Status != VoiceSurveyStatus.Drawn)
        {
            return WorkResult.Refused(StatusCodes.Status409Conflict,
                survey.Status == VoiceSurveyStatus.Committed ? text["这份问卷还没有抽样，不能结束"] : text["这份问卷已经结束"]);
        }

        survey.Status = VoiceSurveyStatus.Closed;
        db.Actor = user.ActorName();
        await db.SaveChangesAsync(cancellationToken);
        return WorkResult.Ok(await ViewAsync(survey, cancellationToken));
    }

    public async Task<IReadOnlyList<SurveyView>> ListAsync(CancellationToken cancellationToken)
    {
        var surveys = await db.VoiceSurveys.AsNoTracking().OrderByDescending(s => s.Year).ThenByDescending(s => s.Id).ToListAsync(cancellationToken);
        var views = new List<SurveyView>(surveys.Count);
        foreach (var survey in surveys)
        {
            views.Add(await ViewAsync(survey, cancellationToken));
        }

        return views;
    }

    public async Task<SurveyView?> FindAsync(int id, CancellationToken cancellationToken) =>
        await db.VoiceSurveys.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken) is { } survey ? await ViewAsync(survey, cancellationToken) : null;

    /// <summary>The public record of the commitment and, once drawn, of the draw; null for an unknown survey.</summary>
    public async Task<SurveyDrawRecord?> RecordAsync(int id, CancellationToken cancellationToken)
    {
        var survey = await db.VoiceSurveys.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (survey is null)
        {
            return null;
        }

        var selected = await db.VoiceSurveySamples.AsNoTracking().Where(s => s.SurveyId == id).OrderBy(s => s.Rank)
            .Select(s => new SurveyDrawnTicket(s.CreditCode, s.Ticket)).ToListAsync(cancellationToken);
        return new SurveyDrawRecord(DrawTickets.Algorithm, survey.Id, survey.Title, survey.Year, PoolUrl(id), survey.PoolDigest, survey.PoolSize, survey.SampleSize,
            survey.Seed, survey.CommittedAtUtc, survey.DrawnAtUtc, selected);
    }

    /// <summary>The pool file exactly as committed; null for an unknown survey.</summary>
    public async Task<string?> PoolFileAsync(int id, CancellationToken cancellationToken) =>
        await db.VoiceSurveys.AsNoTracking().Where(s => s.Id == id).Select(s => s.PoolFile).FirstOrDefaultAsync(cancellationToken);

    /// <summary>The questionnaire for a sampled enterprise account: 404 for an unknown survey, 403 outside the sample.</summary>
    public async Task<WorkResult> QuestionnaireAsync(int id, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (survey, refusal) = await SampledSurveyAsync(id, user, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var answered = await db.VoiceSurveyResponses.AnyAsync(r => r.SurveyId == id && r.UserName == user.ActorName(), cancellationToken);
        return WorkResult.Ok(new SurveyQuestionnaire(survey!.Id, survey.Title, survey.Year, Questions(survey), await DepartmentsOfAsync(survey, cancellationToken), answered));
    }

    /// <summary>
    /// A sampled enterprise account's answer: every question about every department rated once, 1 to
    /// 5. A second answer of the same account is 409; an account outside the sample 403.
    /// </summary>
    public async Task<WorkResult> AnswerAsync(int id, SurveyResponseRequest request, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (survey, refusal) = await SampledSurveyAsync(id, user, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var userName = user.ActorName();
        if (await db.VoiceSurveyResponses.AnyAsync(r => r.SurveyId == id && r.UserName == userName, cancellationToken))
        {
            return WorkResult.Refused(StatusCodes.Status409Conflict, text["本账号已经提交过这份问卷"]);
        }

        var questions = Questions(survey!);
        var departments = Departments(survey!);
        var answers = request.Answers ?? [];
        var cells = answers.Select(a => (Department: a.Department?.Trim() ?? string.Empty, Question: a.Question ?? -1, Score: a.Score ?? 0)).ToList();
        var expected = departments.Count * questions.Count;
        if (cells.Any(c => !departments.Contains(c.Department) || c.Question < 0 || c.Question >= questions.Count)
            || cells.Select(c => (c.Department, c.Question)).Distinct().Count() != cells.Count || cells.Count != expected)
        {
            return WorkResult.Invalid("answers", text.Format("请对每个部门的每个测评项目各评一次（共 {0} 项）", expected));
        }

        if (cells.Any(c => c.Score is < 1 or > 5))
        {
            return WorkResult.Invalid("answers", text["评分须为 1 至 5"]);
        }

        db.Actor = userName;
        db.VoiceSurveyResponses.Add(new VoiceSurveyResponse { SurveyId = id, UserName = userName, CreditCode = user.CreditCode()!, SubmittedAtUtc = clock.UtcNow });
        // The scores carry neither the account nor the enterprise, and are written in a fixed order
        // (department, question) rather than the order they were given in.
        db.VoiceSurveyScores.AddRange(cells.OrderBy(c => c.Department, StringComparer.Ordinal).ThenBy(c => c.Question)
            .Select(c => new VoiceSurveyScore { SurveyId = id, Department = c.Department, Question = c.Question, Score = c.Score }));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two answers of one account at the same moment: the unique index keeps one.
            return WorkResult.Refused(StatusCodes.Status409Conflict, text["本账号已经提交过这份问卷"]);
        }

        return WorkResult.Ok(new { surveyId = id, answered = true });
    }

    /// <summary>
    /// The results: the coordinator and the administrator every department's; a department head
    /// their own department's, with every figure from fewer than <see cref="MinimumAnswers"/> answers
    /// hidden. 403 for anyone else, 404 for an unknown survey.
    /// </summary>
    public async Task<WorkResult> ResultsAsync(int id, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var survey = await db.VoiceSurveys.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (survey is null)
        {
            return WorkResult.Refused(StatusCodes.Status404NotFound, text["没有这份问卷"]);
        }

        string? only = null;
        if (!user.SeesAllDepartments())
        {
            only = user.IsInRole(Roles.DeptHead) && user.DepartmentId() is { } departmentId
                ? await db.Departments.AsNoTracking().Where(d => d.Id == departmentId).Select(d => d.Code).FirstOrDefaultAsync(cancellationToken)
                : null;
            if (only is null)
            {
                return WorkResult.Refused(StatusCodes.Status403Forbidden, text["只有统筹部门、管理员和部门负责人可以查看测评结果"]);
            }
        }

        var questions = Questions(survey);
        var departments = (await DepartmentsOfAsync(survey, cancellationToken)).Where(d => only is null || d.Code == only).ToList();
        var codes = departments.Select(d => d.Code).ToList();
        var grouped = await db.VoiceSurveyScores.AsNoTracking().Where(s => s.SurveyId == id && codes.Contains(s.Department))
            .GroupBy(s => new { s.Department, s.Question, s.Score }).Select(g => new { g.Key.Department, g.Key.Question, g.Key.Score, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var hide = only is not null;
        var results = departments.Select(d =>
        {
            var items = Enumerable.Range(0, questions.Count).Select(q =>
            {
                var distribution = Enumerable.Range(1, 5).Select(score => grouped.Where(g => g.Department == d.Code && g.Question == q && g.Score == score).Sum(g => g.Count)).ToList();
                var count = distribution.Sum();
                var hidden = hide && count < MinimumAnswers;
                return new SurveyCell(q, count, hidden || count == 0 ? null : Math.Round(distribution.Select((n, i) => (double)n * (i + 1)).Sum() / count, 2),
                    hidden ? null : distribution, hidden);
            }).ToList();
            var total = items.Sum(i => i.Count);
            var answers = items.Count == 0 ? 0 : items.Max(i => i.Count);
            var departmentHidden = hide && answers < MinimumAnswers;
            var sum = grouped.Where(g => g.Department == d.Code).Sum(g => (double)g.Score * g.Count);
            return new SurveyDepartmentResult(d.Code, d.Name, departmentHidden ? 0 : answers, departmentHidden || total == 0 ? null : Math.Round(sum / total, 2), departmentHidden,
                departmentHidden ? [] : items);
        }).ToList();
        var responses = await db.VoiceSurveyResponses.CountAsync(r => r.SurveyId == id, cancellationToken);
        return WorkResult.Ok(new SurveyResults(survey.Id, survey.Title, survey.Year, survey.Status, responses, MinimumAnswers, questions, results));
    }

    /// <summary>The surveys the account's enterprise was drawn for and the account has not answered.</summary>
    public async Task<IReadOnlyList<(int Id, string Title, int Year)>> OpenForAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!user.IsInRole(Roles.Enterprise) || user.CreditCode() is not { } creditCode)
        {
            return [];
        }

        var userName = user.ActorName();
        return (await db.VoiceSurveys.AsNoTracking()
                .Where(s => s.Status == VoiceSurveyStatus.Drawn && db.VoiceSurveySamples.Any(x => x.SurveyId == s.Id && x.CreditCode == creditCode)
                    && !db.VoiceSurveyResponses.Any(r => r.SurveyId == s.Id && r.UserName == userName))
                .OrderByDescending(s => s.Id).Select(s => new { s.Id, s.Title, s.Year }).ToListAsync(cancellationToken))
            .Select(s => (s.Id, s.Title, s.Year)).ToList();
    }

    public static string RecordUrl(int id) => $"/api/voice/surveys/{id}/record.json";

    public static string PoolUrl(int id) => $"/api/voice/surveys/{id}/pool.txt";

    public static IReadOnlyList<string> Questions(VoiceSurvey survey) => JsonSerializer.Deserialize<List<string>>(survey.QuestionsJson) ?? [];

    public static IReadOnlyList<string> Departments(VoiceSurvey survey) => JsonSerializer.Deserialize<List<string>>(survey.DepartmentsJson) ?? [];

    private async Task<(VoiceSurvey? Survey, WorkResult? Refusal)> SampledSurveyAsync(int id, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var survey = await db.VoiceSurveys.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (survey is null || survey.Status == VoiceSurveyStatus.Committed)
        {
            return (null, WorkResult.Refused(StatusCodes.Status404NotFound, text["没有这份问卷"]));
        }

        var creditCode = user.CreditCode();
        if (creditCode is null || !await db.VoiceSurveySamples.AnyAsync(s => s.SurveyId == id && s.CreditCode == creditCode, cancellationToken))
        {
            return (null, WorkResult.Refused(StatusCodes.Status403Forbidden, text["本企业不在这份问卷的抽样名单中"]));
        }

        if (survey.Status != VoiceSurveyStatus.Drawn)
        {
            return (null, WorkResult.Refused(StatusCodes.Status409Conflict, text["这份问卷已经结束"]));
        }

        return (survey, null);
    }

    private async Task<IReadOnlyList<SurveyDepartment>> DepartmentsOfAsync(VoiceSurvey survey, CancellationToken cancellationToken)
    {
        var names = (await labels.DepartmentsAsync(cancellationToken)).ToDictionary(d => d.Code, d => d.Name, StringComparer.Ordinal);
        return Departments(survey).Select(code => new SurveyDepartment(code, names.GetValueOrDefault(code, code))).ToList();
    }

    private async Task<SurveyView> ViewAsync(VoiceSurvey survey, CancellationToken cancellationToken)
    {
        var sampled = await db.VoiceSurveySamples.CountAsync(s => s.SurveyId == survey.Id, cancellationToken);
        var responses = await db.VoiceSurveyResponses.CountAsync(r => r.SurveyId == survey.Id, cancellationToken);
        return new SurveyView(survey.Id, survey.Title, survey.Year, survey.Status, Questions(survey), await DepartmentsOfAsync(survey, cancellationToken),
            survey.SampleSize, survey.PoolSize, survey.PoolDigest, survey.Seed, survey.CommittedAtUtc, survey.DrawnAtUtc, sampled, responses,
            RecordUrl(survey.Id), PoolUrl(survey.Id));
    }
}
