using System.Security.Claims;
using Microsoft.Extensions.Options;
using QualityCity.Web.Hosting;
using QualityCity.Web.Localization;
using QualityCity.Web.Modules.Accounts;
using QualityCity.Web.Modules.Registry.ImportRegistry;

namespace QualityCity.Web.Modules.Quality.LabImport;

/// <summary>The lab import's API (QLT-1).</summary>
public static class LabImportEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapPost("/samples/import", async (IFormFile? file, ClaimsPrincipal user, SamplingAccess access, SampleImport import, DatabaseSettings settings,
            IOptions<QualityOptions> options, Text text, CancellationToken ct) =>
        {
            if (!await access.MayManageAsync(user, ct))
            {
                return Results.Problem(SamplingAccess.Refusal(text), statusCode: StatusCodes.Status403Forbidden);
            }

            var (report, error) = await ImportUploadAsync(file, import, settings, options.Value, user.ActorName(), text, ct);
            return report is null ? Results.ValidationProblem(new Dictionary<string, string[]> { ["file"] = [error!] }) : Results.Ok(report);
        }).RequireAuthorization(Policies.Staff).WithBodyLimit(RequestLimits.UploadBytes);
    }

    /// <summary>Stores an uploaded lab file and imports it; the page and the API share it.</summary>
    public static Task<(SampleImportReport? Report, string? Error)> ImportUploadAsync(IFormFile? file, SampleImport import, DatabaseSettings settings,
        QualityOptions options, string actor, Text text, CancellationToken ct) =>
        UploadedTableFile.ImportAsync(file, settings, options.MaxImportMegabytes, "lab", text, path => import.ImportAsync(path, actor, ct), ct);
}
