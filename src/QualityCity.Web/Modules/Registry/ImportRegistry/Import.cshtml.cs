using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Data;
using QualityCity.Web.Hosting;
using QualityCity.Web.Localization;
using QualityCity.Web.Modules.Accounts.Contracts;
using QualityCity.Web.Modules.Jobs.Contracts;

namespace QualityCity.Web.Modules.Registry.ImportRegistry;

/// <summary>Upload a registry file; the import runs in the background and its row polls for progress.</summary>
[Authorize(Policy = Policies.Admin)]
[RequestSizeLimit(RequestLimits.RegistryImportBytes)]
public sealed class ImportModel(QualityCityDbContext db, JobScheduler jobs, Hosting.DatabaseSettings settings, Text text) : PageModel
{
    public IReadOnlyList<ImportJob> Jobs { get; private set; } = [];
    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Jobs = await db.ImportJobs.AsNoTracking().OrderByDescending(j => j.StartedAtUtc).Take(20).ToListAsync(cancellationToken);

    public async Task<IActionResult> OnGetJobAsync(Guid id, CancellationToken cancellationToken)
    {
        var job = await db.ImportJobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == id, cancellationToken);
        return job is null ? NotFound() : Partial("_ImportJobRow", job);
    }

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        var extension = Path.GetExtension(file?.FileName ?? string.Empty).ToLowerInvariant();
        if (file is null || file.Length == 0)
        {
            Error = text["请选择要导入的文件。"];
        }
        else if (extension is not (".csv" or ".xlsx"))
        {
            Error = text.Format("不支持的文件类型“{0}”，请上传 .csv 或 .xlsx 文件。", extension);
        }

        if (Error is not null)
        {
            await OnGetAsync(cancellationToken);
            return Page();
        }

        var path = Path.Combine(RegistryImportJob.UploadFolder(settings), $"{Guid.NewGuid():N}{extension}");
        await using (var target = System.IO.File.Create(path))
        {
            await file!.CopyToAsync(target, cancellationToken);
        }

        await RegistryImportJob.EnqueueAsync(db, jobs, path, file.FileName, User.ActorName(), cancellationToken);
        return RedirectToPage();
    }
}
