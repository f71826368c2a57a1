using System.Security.Claims;
using Microsoft.Extensions.Options;
using QualityCity.Web.Hosting;
using QualityCity.Web.Localization;
using QualityCity.Web.Modules.Accounts.Contracts;
using QualityCity.Web.Modules.Jobs.Contracts;
using QualityCity.Web.Modules.Registry.Contracts;

namespace QualityCity.Web.Modules.Quality.LabImport;

/// <summary>The lab import's API (QLT-1).</summary>
public static class LabImportEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        // The upload is checked and stored now; the file is read by a background job (202, its location).
        api.MapPost("/samples/import", async (IFormFile? file, ClaimsPrincipal user, SamplingAccess access, JobScheduler jobs, DatabaseSettings settings,
            IOptions<QualityOptions> options, Text text, CancellationToken ct) =>
        {
            if (!await access.MayManageAsync(user, ct))
            {
                return Results.Problem(SamplingAccess.Refusal(text), statusCode: StatusCodes.Status403Forbidden);
            }

            var (path, error) = await UploadedTableFile.SaveAsync(file, settings, options.Value.MaxImportMegabytes, "lab", text, ct);
            return path is null
                ? Results.ValidationProblem(new Dictionary<string, string[]> { ["file"] = [error!] })
                : QualityJobs.Accepted(await LabImportJob.EnqueueAsync(jobs, path, file!.FileName, user.ActorName(), ct), text);
        }).RequireAuthorization(Policies.Staff).WithBodyLimit(RequestLimits.UploadBytes);
    }
}
