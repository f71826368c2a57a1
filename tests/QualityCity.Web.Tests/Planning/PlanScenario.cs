using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Modules.Planning;
using QualityCity.Web.Tests.Infrastructure;

namespace QualityCity.Web.Tests.Planning;

/// <summary>The steps of a year's plan over HTTP, for tests that need a drawn or published plan.</summary>
internal static class PlanScenario
{
    public static string Seed(string prefix) => prefix + Random.Shared.Next(100_000, 999_999).ToString(CultureInfo.InvariantCulture) + "1234567890123";

    public static async Task<(HttpClient Coordinator, int CommitmentId)> CommitAsync(QualityCityFactory factory, int year)
    {
        var coordinator = await factory.SignedInClientAsync("coordinator");
        var response = await coordinator.PostAsJsonAsync("/api/planning/commitments", new { year });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var digest = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("digest").GetString();
        var commitments = await coordinator.GetFromJsonAsync<JsonElement>("/api/planning/commitments");
        return (coordinator, commitments.EnumerateArray().First(c => c.GetProperty("digest").GetString() == digest).GetProperty("id").GetInt32());
    }

    public static async Task<int> DrawAsync(HttpClient coordinator, int commitmentId, string seed, string? reason = null)
    {
        var response = await coordinator.PostAsJsonAsync("/api/planning/draws", new { commitmentId, seed, reason });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }

    /// <summary>Records every department's approval (the demo has heads for two) and publishes as the coordinator.</summary>
    public static async Task PublishAsync(HttpClient coordinator, AsyncServiceScopeWithDb scope, int drawId)
    {
        var departments = (await coordinator.GetFromJsonAsync<JsonElement>($"/api/planning/draws/{drawId}/plan.json"))
            .GetProperty("visits").EnumerateArray().SelectMany(v => v.GetProperty("obligations").EnumerateArray().Select(o => o.GetProperty("department").GetString()!))
            .Distinct().ToList();
        foreach (var department in departments)
        {
            scope.Db.PlanApprovals.Add(new PlanApproval { DrawId = drawId, Department = department, Actor = department + ".head", ApprovedAtUtc = TestClock.UtcNow });
        }

        await scope.Db.SaveChangesAsync();
        var published = await coordinator.PostAsJsonAsync($"/api/planning/draws/{drawId}/publish", new { note = "test" });
        Assert.True(published.StatusCode == HttpStatusCode.OK, await published.Content.ReadAsStringAsync());
    }
}
