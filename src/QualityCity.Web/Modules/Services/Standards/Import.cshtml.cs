using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QualityCity.Web.Hosting;
using QualityCity.Web.Localization;
using QualityCity.Web.Modules.Accounts.Contracts;
using QualityCity.Web.Modules.Registry.Contracts;

namespace QualityCity.Web.Modules.Services.Standards;

/// <summary>
/// The coordinator's and the administrator's upload of standards records (the national catalogue's
/// download, a cluster's list, corrections). Imports while the request waits — tens of thousands of
/// records take seconds — then brings the search index in step before answering, so the records are
/// found on the next search. The administrator can also rebuild the index from the table here.
/// </summary>
[Authorize(Policy = Policies.Oversight)]
[RequestSizeLimit(RequestLimits.UploadBytes)]
public sealed class ImportModel(StandardsImport import, StandardsIndex index, DatabaseSettings settings, Text text) : PageModel
{
    public const int MaxMegabytes = 20;

    /// <summary>Refusals shown on the page; the report has them all.</summary>
    public const int IssuesShown = 100;

    public StandardsImportSummary? Summary { get; private set; }
    public string? ReportId { get; private set; }
    public string? FileName { get; private set; }
    public string? Error { get; private set; }

    /// <summary>Documents in the index after a rebuild.</summary>
    public long? Rebuilt { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        var (path, error) = await UploadedTableFile.SaveAsync(file, settings, MaxMegabytes, "standards", text, cancellationToken);
        if (path is null)
        {
            Error = error;
            return Page();
        }

        var id = Guid.NewGuid().ToString("N");
        import.Language = ReportLanguage.For(CultureInfo.CurrentUICulture);
        try
        {
            Summary = await import.ImportFileAsync(path, User.ActorName(), ReportPath(settings, id), cancellationToken);
            ReportId = id;
            FileName = Path.GetFileName(file!.FileName);
            await index.CatchUpAsync(cancellationToken);
        }
        catch (RegistryFileException ex)
        {
            Error = text.Format("无法导入：{0}", ex.Message);
        }
        finally
        {
            System.IO.File.Delete(path);
        }

        return Page();
    }

    /// <summary>Rebuilds the index from the table (administrator only).</summary>
    public async Task<IActionResult> OnPostRebuildAsync(CancellationToken cancellationToken)
    {
        if (!User.IsInRole(Roles.Admin))
        {
            return Forbid();
        }

        Rebuilt = await index.RebuildAsync(cancellationToken);
        return Page();
    }

    /// <summary>A row report written by an upload; its id is the only way to it.</summary>
    public IActionResult OnGetReport(string? id)
    {
        if (id is null || id.Length != 32 || !id.All(char.IsAsciiHexDigitLower) || !System.IO.File.Exists(ReportPath(settings, id)))
        {
            return NotFound();
        }

        return PhysicalFile(ReportPath(settings, id), "text/csv; charset=utf-8", "standards-errors.csv");
    }

    private static string ReportPath(DatabaseSettings settings, string id)
    {
        var folder = Path.Combine(settings.DataDirectory, "imports");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, $"standards-report-{id}.errors.csv");
    }
}
