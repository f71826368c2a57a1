using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace QualityCity.Web.Tests.Infrastructure;

/// <summary>Waiting for the background job a request queued, as a client of the API does: by polling the job's location.</summary>
public static partial class BackgroundJobs
{
    /// <summary>Polls the job's location until it is done or failed, a bounded number of times; returns its last state.</summary>
    public static async Task<JsonElement> WaitAsync(HttpClient client, string location)
    {
        JsonElement job = default;
        for (var i = 0; i < 1000; i++)
        {
            job = await client.GetFromJsonAsync<JsonElement>(location);
            if (job.GetProperty("state").GetString() is "done" or "failed")
            {
                return job;
            }

            await Task.Delay(50);
        }

        Assert.Fail($"the job at {location} has not finished: {job}");
        return job;
    }

    /// <summary>The request was accepted (202) with the job's location: waits for the job and returns its last state.</summary>
    public static async Task<JsonElement> WaitForAcceptedAsync(HttpClient client, HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith("/api/", location, StringComparison.Ordinal);
        Assert.Equal("queued", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state").GetString());
        return await WaitAsync(client, location);
    }

    /// <summary>The location of the re-grading a sample's answer links to (<c>Link: &lt;…&gt;; rel="regrade"</c>), if it queued one.</summary>
    public static string? RegradeLocation(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Link", out var links)
            ? links.Select(l => LinkPattern().Match(l)).Where(m => m.Success && m.Groups["rel"].Value == "regrade").Select(m => m.Groups["url"].Value).FirstOrDefault()
            : null;

    [GeneratedRegex("<(?<url>[^>]+)>;\\s*rel=\"(?<rel>[^\"]+)\"")]
    private static partial Regex LinkPattern();
}
