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
        }).RequireAuthorization(Policies.Staff).WithBodyLimit(RequestLimits.UploadBytes).Produces(StatusCodes.Status202Accepted).ProducesValidationProblem()
            .WithSummary("导入检验机构数据 — Import a lab's results")
            .WithDescription("以 multipart/form-data 上传检验机构的结果文件 `file`（.csv 或 .xlsx）；文件在后台读取，返回 202，`Location` 指向 GET /api/quality/jobs/{id}。只有负责产品质量抽检的部门（默认为市场监管局）的工作人员、统筹部门和管理员可以操作，其他工作人员返回 403。 — Upload a lab's result file `file` (.csv or .xlsx) as multipart/form-data; it is read in the background: 202 with `Location` naming GET /api/quality/jobs/{id}. Only the staff of the department responsible for quality sampling (the market regulator by default), the coordinator and the administrator may do this; other staff get 403.");
    }
}
