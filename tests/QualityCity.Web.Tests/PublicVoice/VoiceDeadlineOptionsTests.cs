using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using QualityCity.Domain.PublicVoice;
using QualityCity.Web.Modules.PublicVoice;
using QualityCity.Web.Modules.ReferenceData.Contracts;
using QualityCity.Web.Tests.Infrastructure;

namespace QualityCity.Web.Tests.PublicVoice;

/// <summary>
/// The deadlines a bureau sets for itself (VOX-4, section PublicVoice:Deadlines): each period by its
/// own name over the national defaults, and every bad setting refused naming the setting.
/// </summary>
public sealed class VoiceDeadlineOptionsTests
{
    private static VoiceDeadlineRules Read(params (string Key, string Value)[] settings) =>
        VoiceDeadlineOptions.Read(new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>($"{VoiceDeadlineOptions.Section}:{s.Key}", s.Value))).Build());

    [Fact]
    public void Nothing_set_is_the_national_rules()
    {
        Assert.Equal(new VoiceDeadlineRules(), Read());
    }

    [Fact]
    public void Each_period_and_the_working_hours_are_set_by_their_own_names_and_the_rest_keep_their_defaults()
    {
        var rules = Read(("Answer", "3 working-days"), ("Dispatch", "0.5 working-time"), ("PetitionDecision", "45 calendar-days"),
            ("WorkingHoursStart", "09:00"), ("WorkingHoursEnd", "17:00"));
        Assert.Equal(VoicePeriod.OfWorkingDays(3), rules.Answer);
        Assert.Equal(VoicePeriod.OfWorkingTime(0.5m), rules.Dispatch);
        Assert.Equal(VoicePeriod.OfCalendarDays(45), rules.PetitionDecision);
        Assert.Equal((new TimeOnly(9, 0), new TimeOnly(17, 0)), (rules.WorkingHoursStart, rules.WorkingHoursEnd));
        Assert.Equal(new VoiceDeadlineRules().AcceptanceDecision, rules.AcceptanceDecision);
        Assert.Equal(new VoiceDeadlineRules().SuggestionAnswer, rules.SuggestionAnswer);
    }

    [Theory]
    [InlineData("Answer", "five days", "PublicVoice:Deadlines:Answer")]
    [InlineData("Answer", "5 weeks", "PublicVoice:Deadlines:Answer")]
    [InlineData("Answer", "1.5 working-days", "fraction")]
    [InlineData("Answer", "-2 working-days", "PublicVoice:Deadlines:Answer")]
    [InlineData("WorkingHoursStart", "8.30", "PublicVoice:Deadlines:WorkingHoursStart")]
    [InlineData("WorkingHoursEnd", "08:00", "PublicVoice:Deadlines:WorkingHoursEnd")]
    [InlineData("Anser", "3 working-days", "PublicVoice:Deadlines:Anser")]
    public void A_bad_setting_is_refused_naming_it_and_why(string key, string value, string named)
    {
        var refused = Assert.Throws<InvalidOperationException>(() => Read((key, value)));
        Assert.Contains(named, refused.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_bureau_with_a_shorter_acceptance_period_gets_it_on_every_new_complaint()
    {
        await using var factory = new ShortAcceptanceFactory();
        Skip.If(factory.UnavailableReason is not null, factory.UnavailableReason);
        var response = await factory.AnonymousClient().PostAsJsonAsync("/api/voice/items", new
        {
            kind = "complaint", category = "food-catering", county = "371521", description = "饭店后厨卫生很差，餐具不消毒。", anonymous = true,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var deadline = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("deadline").GetDateTimeOffset();

        await using var scope = factory.Services.CreateAsyncScope();
        var calendar = await WorkingCalendar.LoadAsync(scope.ServiceProvider.GetRequiredService<QualityCity.Web.Data.QualityCityDbContext>());
        var configured = new VoiceDeadlines(calendar, new VoiceDeadlineRules { AcceptanceDecision = VoicePeriod.OfWorkingDays(2) }).AcceptanceDecision(TestClock.Now);
        Assert.Equal(configured.DueAt, deadline);
        Assert.True(deadline < new VoiceDeadlines(calendar).AcceptanceDecision(TestClock.Now).DueAt, "the national 7 working days were used");
    }

    [SkippableFact]
    public async Task A_server_with_a_bad_deadline_setting_does_not_start()
    {
        await using var factory = new DeadlinesFactory("five working days");
        Skip.If(factory.UnavailableReason is not null, factory.UnavailableReason);
        var refused = Assert.ThrowsAny<Exception>(() => factory.Services);
        Assert.Contains($"{VoiceDeadlineOptions.Section}:AcceptanceDecision", refused.ToString(), StringComparison.Ordinal);
    }

    private sealed class ShortAcceptanceFactory() : DeadlinesFactory("2 working-days");

    private class DeadlinesFactory(string acceptance) : QualityCityFactory(DatabaseKind.Sqlite)
    {
        protected override bool LoadsDemo => false;

        protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
        {
            [$"{VoiceDeadlineOptions.Section}:AcceptanceDecision"] = acceptance,
        };
    }
}
