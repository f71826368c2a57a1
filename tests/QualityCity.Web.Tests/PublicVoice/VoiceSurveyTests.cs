using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using QualityCity.Domain.Planning;
using QualityCity.Web.Modules.Accounts;
using QualityCity.Web.Modules.Accounts.Contracts;
using QualityCity.Web.Tests.Infrastructure;

namespace QualityCity.Web.Tests.PublicVoice;

/// <summary>
/// The business-environment satisfaction survey over HTTP (VOX-7): the pool committed before the
/// seed, the sample drawn with QC-DRAW-1 and recomputed by anyone from the public record and pool
/// file, one answer per enterprise account, an enterprise outside the sample refused, and a
/// department head seeing only the own department's aggregates and only from 5 answers.
/// </summary>
public abstract class VoiceSurveyTests(QualityCityFactory factory) : PlatformTest(factory)
{
    private const string Password = "Survey-2026-test";
    private const string Seed = "31415926535897932384626433";
    private static readonly string[] Fields = ["title", "year", "questions", "departments", "sampleSize"];
    private static readonly string[] Nowhere = ["nowhere"];
    private static readonly string[] OneQuestion = ["问题"];
    private static readonly string[] Samr = ["samr"];
    private static readonly string[] TwoQuestions = ["政策宣传解读是否及时清楚", "办事流程是否简便高效"];
    private static readonly string[] TwoDepartments = ["samr", "emergency"];

    private async Task<HttpClient> EnterpriseAsync(string userName, string creditCode)
    {
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = new AppUser { UserName = userName, DisplayName = "测评企业联系人", CreditCode = creditCode };
            Assert.True((await users.CreateAsync(user, Password)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, Roles.Enterprise)).Succeeded);
        }

        return await Factory.SignedInClientAsync(userName, Password);
    }

    private static object Answers(int samrFirst, int samrSecond = 5, int emergency = 3) => new
    {
        answers = new object[]
        {
            new { department = "samr", question = 0, score = samrFirst }, new { department = "samr", question = 1, score = samrSecond },
            new { department = "emergency", question = 0, score = emergency }, new { department = "emergency", question = 1, score = emergency },
        },
    };

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    [SkippableFact]
    public async Task A_survey_is_drawn_verifiably_answered_once_per_account_and_shown_to_departments_only_from_five_answers()
    {
        SkipIfUnavailable();
        var coordinator = await Factory.SignedInClientAsync("coordinator");
        var samrHead = await Factory.SignedInClientAsync("samr.head");
        var anonymous = Factory.AnonymousClient();

        // Every bad field named.
        var refused = await JsonAsync(await coordinator.PostAsJsonAsync("/api/voice/surveys",
            new { title = "", year = 1900, questions = Array.Empty<string>(), departments = Nowhere, sampleSize = 0 }), HttpStatusCode.BadRequest);
        foreach (var field in Fields)
        {
            Assert.True(refused.GetProperty("errors").TryGetProperty(field, out _), $"{field} not named in {refused}");
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await samrHead.PostAsJsonAsync("/api/voice/surveys",
            new { title = "测评", year = 2026, questions = OneQuestion, departments = Samr, sampleSize = 5 })).StatusCode);

        // Committed: the pool is public with its digest before any seed.
        var created = await coordinator.PostAsJsonAsync("/api/voice/surveys", new
        {
            title = "2026 年营商环境满意度测评", year = 2026, questions = TwoQuestions,
            departments = TwoDepartments, sampleSize = 7,
        });
        var survey = await JsonAsync(created, HttpStatusCode.Created);
        var id = survey.GetProperty("id").GetInt32();
        Assert.Equal("committed", survey.GetProperty("status").GetString());
        var pool = await anonymous.GetByteArrayAsync($"/api/voice/surveys/{id}/pool.txt");
        var poolIds = DrawTickets.PoolFileIds(pool);
        var commitment = await anonymous.GetFromJsonAsync<JsonElement>($"/api/voice/surveys/{id}/record.json");
        Assert.Equal(DrawTickets.H(Encoding.UTF8.GetString(pool)), commitment.GetProperty("poolDigest").GetString());
        Assert.Equal(poolIds.Length, commitment.GetProperty("poolSize").GetInt32());
        Assert.Equal(JsonValueKind.Null, commitment.GetProperty("seed").ValueKind);
        Assert.Empty(commitment.GetProperty("selected").EnumerateArray());
        Assert.True(poolIds.Length > 20);
        Assert.Equal(HttpStatusCode.NotFound, (await (await Factory.SignedInClientAsync("enterprise")).GetAsync($"/api/voice/surveys/{id}/questionnaire")).StatusCode);

        // The draw: a weak seed is refused by field, a head may not draw, and a survey is drawn once.
        var weak = await JsonAsync(await coordinator.PostAsJsonAsync($"/api/voice/surveys/{id}/draw", new { seed = "12345" }), HttpStatusCode.BadRequest);
        Assert.True(weak.GetProperty("errors").TryGetProperty("seed", out _));
        Assert.Equal(HttpStatusCode.Forbidden, (await samrHead.PostAsJsonAsync($"/api/voice/surveys/{id}/draw", new { seed = Seed })).StatusCode);
        var drawn = await JsonAsync(await coordinator.PostAsJsonAsync($"/api/voice/surveys/{id}/draw", new { seed = Seed }), HttpStatusCode.OK);
        Assert.Equal("drawn", drawn.GetProperty("status").GetString());
        Assert.Equal(7, drawn.GetProperty("sampled").GetInt32());
        Assert.Equal(HttpStatusCode.Conflict, (await coordinator.PostAsJsonAsync($"/api/voice/surveys/{id}/draw", new { seed = Seed + "1" })).StatusCode);

        // Anyone recomputes the sample from the published record and pool file.
        var record = await anonymous.GetFromJsonAsync<JsonElement>($"/api/voice/surveys/{id}/record.json");
        Assert.Equal("QC-DRAW-1", record.GetProperty("algorithm").GetString());
        Assert.Equal(Seed, record.GetProperty("seed").GetString());
        var recomputed = DrawTickets.Sample(record.GetProperty("seed").GetString()!, poolIds, record.GetProperty("k").GetInt32());
        var published = record.GetProperty("selected").EnumerateArray().Select(s => new DrawnItem(s.GetProperty("id").GetString()!, s.GetProperty("ticket").GetString()!)).ToList();
        Assert.Equal(recomputed, published);
        Assert.Equal(DrawTickets.H(Encoding.UTF8.GetString(await anonymous.GetByteArrayAsync($"/api/voice/surveys/{id}/pool.txt"))), record.GetProperty("poolDigest").GetString());
        var sampled = published.Select(p => p.Id).ToList();

        // An enterprise outside the sample may neither read nor answer.
        var outsider = await EnterpriseAsync("survey.outsider", poolIds.First(p => !sampled.Contains(p)));
        Assert.Equal(HttpStatusCode.Forbidden, (await outsider.GetAsync($"/api/voice/surveys/{id}/questionnaire")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await outsider.PostAsJsonAsync($"/api/voice/surveys/{id}/responses", Answers(4))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await outsider.GetAsync($"/voice/surveys/{id}/answer")).StatusCode);
        Assert.DoesNotContain("home-surveys", await outsider.GetStringAsync("/"), StringComparison.Ordinal);

        // Sampled accounts find it on their desk and answer once; a bad answer is refused by field.
        var respondents = new List<HttpClient>();
        for (var i = 0; i < 6; i++)
        {
            respondents.Add(await EnterpriseAsync($"survey.e{i}", sampled[i]));
        }

        Assert.Contains($"/voice/surveys/{id}/answer", await respondents[0].GetStringAsync("/"), StringComparison.Ordinal);
        var questionnaire = await respondents[0].GetFromJsonAsync<JsonElement>($"/api/voice/surveys/{id}/questionnaire");
        Assert.False(questionnaire.GetProperty("answered").GetBoolean());
        Assert.Equal(2, questionnaire.GetProperty("questions").GetArrayLength());
        var incomplete = await JsonAsync(await respondents[0].PostAsJsonAsync($"/api/voice/surveys/{id}/responses",
            new { answers = new[] { new { department = "samr", question = 0, score = 5 } } }), HttpStatusCode.BadRequest);
        Assert.True(incomplete.GetProperty("errors").TryGetProperty("answers", out _));
        Assert.Equal(HttpStatusCode.BadRequest, (await respondents[0].PostAsJsonAsync($"/api/voice/surveys/{id}/responses", Answers(6))).StatusCode);
        for (var i = 0; i < 4; i++)
        {
            await JsonAsync(await respondents[i].PostAsJsonAsync($"/api/voice/surveys/{id}/responses", Answers(i + 1)), HttpStatusCode.OK);
        }

        Assert.Equal(HttpStatusCode.Conflict, (await respondents[0].PostAsJsonAsync($"/api/voice/surveys/{id}/responses", Answers(5))).StatusCode);
        Assert.DoesNotContain($"/voice/surveys/{id}/answer", await respondents[0].GetStringAsync("/"), StringComparison.Ordinal);
        Assert.True((await respondents[0].GetFromJsonAsync<JsonElement>($"/api/voice/surveys/{id}/questionnaire")).GetProperty("answered").GetBoolean());

        // Four answers: the coordinator sees them, the head of the department sees nothing yet.
        var full = await coordinator.GetFromJsonAsync<JsonElement>($"/api/voice/surveys/{id}/results");
        Assert.Equal(4, full.GetProperty("responses").GetInt32());
        Assert.Equal(["samr", "emergency"], full.GetProperty("departments").EnumerateArray().Select(d => d.GetProperty("code").GetString()));
        Assert.Equal(4, full.GetProperty("departments")[0].GetProperty("count").GetInt32());
        var early = await samrHead.GetFromJsonAsync<JsonElement>($"/api/voice/surveys/{id}/results");
        var earlySamr = Assert.Single(early.GetProperty("departments").EnumerateArray());
        Assert.True(earlySamr.GetProperty("hidden").GetBoolean());
        Assert.Equal(JsonValueKind.Null, earlySamr.GetProperty("mean").ValueKind);
        Assert.Empty(earlySamr.GetProperty("items").EnumerateArray());
        Assert.Contains("不足 5 份，不显示", await samrHead.GetStringAsync($"/voice/surveys/{id}"), StringComparison.Ordinal);

        // The fifth answer: the head sees the own department's aggregates, never the other's, never who answered.
        await JsonAsync(await respondents[4].PostAsJsonAsync($"/api/voice/surveys/{id}/responses", Answers(5)), HttpStatusCode.OK);
        var resultsText = await samrHead.GetStringAsync($"/api/voice/surveys/{id}/results");
        var results = JsonDocument.Parse(resultsText).RootElement;
        var samr = Assert.Single(results.GetProperty("departments").EnumerateArray());
        Assert.Equal("samr", samr.GetProperty("code").GetString());
        Assert.False(samr.GetProperty("hidden").GetBoolean());
        Assert.Equal(5, samr.GetProperty("count").GetInt32());
        Assert.Equal(4.0, samr.GetProperty("mean").GetDouble());
        Assert.Equal(3.0, samr.GetProperty("items")[0].GetProperty("mean").GetDouble());
        Assert.Equal([1, 1, 1, 1, 1], samr.GetProperty("items")[0].GetProperty("distribution").EnumerateArray().Select(x => x.GetInt32()));
        Assert.Equal([0, 0, 0, 0, 5], samr.GetProperty("items")[1].GetProperty("distribution").EnumerateArray().Select(x => x.GetInt32()));
        var coordinatorText = await coordinator.GetStringAsync($"/api/voice/surveys/{id}/results");
        foreach (var text in new[] { resultsText, coordinatorText, await coordinator.GetStringAsync("/api/voice/surveys") })
        {
            Assert.All(sampled, code => Assert.DoesNotContain(code, text, StringComparison.Ordinal));
            Assert.DoesNotContain("survey.e", text, StringComparison.Ordinal);
        }

        var page = await samrHead.GetStringAsync($"/voice/surveys/{id}");
        Assert.Contains("chart-survey-departments", page, StringComparison.Ordinal);
        Assert.DoesNotContain("data-department=\"emergency\"", page, StringComparison.Ordinal);
        var workbook = await samrHead.GetAsync($"/api/voice/surveys/{id}/results.xlsx");
        Assert.Equal(HttpStatusCode.OK, workbook.StatusCode);

        // Others: the inspector and enterprises are refused the results; the answer page works for the one still to answer.
        Assert.Equal(HttpStatusCode.Forbidden, (await respondents[5].GetAsync($"/api/voice/surveys/{id}/results")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await Factory.SignedInClientAsync("samr.inspector")).GetAsync($"/api/voice/surveys/{id}/results")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.GetAsync("/api/voice/surveys/999999/results")).StatusCode);
        Assert.Contains("survey-form", await respondents[5].GetStringAsync($"/voice/surveys/{id}/answer"), StringComparison.Ordinal);

        // Closing ends the answering: a head may not close it; once closed, the last respondent's answer is refused and
        // the survey leaves the desk; the results stay; it is closed once.
        Assert.Equal(HttpStatusCode.Forbidden, (await samrHead.PostAsync($"/api/voice/surveys/{id}/close", null)).StatusCode);
        var closed = await JsonAsync(await coordinator.PostAsync($"/api/voice/surveys/{id}/close", null), HttpStatusCode.OK);
        Assert.Equal("closed", closed.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await respondents[5].PostAsJsonAsync($"/api/voice/surveys/{id}/responses", Answers(5))).StatusCode);
        Assert.DoesNotContain($"/voice/surveys/{id}/answer", await respondents[5].GetStringAsync("/"), StringComparison.Ordinal);
        Assert.Equal(5, (await coordinator.GetFromJsonAsync<JsonElement>($"/api/voice/surveys/{id}/results")).GetProperty("responses").GetInt32());
        Assert.Equal(HttpStatusCode.Conflict, (await coordinator.PostAsync($"/api/voice/surveys/{id}/close", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.PostAsync("/api/voice/surveys/999999/close", null)).StatusCode);
    }

    [SkippableFact]
    public async Task A_survey_not_yet_drawn_cannot_be_closed()
    {
        SkipIfUnavailable();
        var coordinator = await Factory.SignedInClientAsync("coordinator");
        var survey = await JsonAsync(await coordinator.PostAsJsonAsync("/api/voice/surveys",
            new { title = "未抽样的问卷", year = 2026, questions = OneQuestion, departments = Samr, sampleSize = 3 }), HttpStatusCode.Created);
        var refused = await coordinator.PostAsync($"/api/voice/surveys/{survey.GetProperty("id").GetInt32()}/close", null);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("还没有抽样", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

public sealed class SqliteVoiceSurveyTests(SqliteFactory factory) : VoiceSurveyTests(factory), IClassFixture<SqliteFactory>;

public sealed class PostgresVoiceSurveyTests(PostgresFactory factory) : VoiceSurveyTests(factory), IClassFixture<PostgresFactory>;
