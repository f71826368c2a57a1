using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace QualityCity.Web.Tests.Infrastructure;

/// <summary>A registry file uploaded through the API, as the administrator does on the import page.</summary>
public static class RegistryUploads
{
    /// <summary>Uploads the file and waits for its background job to end; returns the job's id and its last state.</summary>
    public static async Task<(Guid Id, JsonElement Job)> ImportAsync(HttpClient admin, byte[] content, string fileName, string? culture = null)
    {
        using var form = new MultipartFormDataContent { { new ByteArrayContent(content), "file", fileName } };
        var response = await admin.PostAsync("/api/registry/imports" + (culture is null ? string.Empty : "?culture=" + culture), form);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        JsonElement job = default;
        for (var i = 0; i < 400; i++)
        {
            job = await admin.GetFromJsonAsync<JsonElement>($"/api/registry/imports/{id}");
            if (job.GetProperty("status").GetString() is "completed" or "failed")
            {
                break;
            }

            await Task.Delay(50);
        }

        return (id, job);
    }
}
