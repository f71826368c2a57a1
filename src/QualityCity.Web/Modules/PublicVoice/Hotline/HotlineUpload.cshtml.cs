using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QualityCity.Web.Hosting;
using QualityCity.Web.Localization;
using QualityCity.Web.Modules.Accounts.Contracts;
using QualityCity.Web.Modules.Registry.Contracts;

namespace QualityCity.Web.Modules.PublicVoice.Hotline;

/// <summary>
/// The coordinator's and the administrator's upload of a 12345 export. A month of a city's orders
/// is a few thousand rows, imported in seconds in batches, so the page imports while the request
/// waits and shows the counts at once; the row report (in the uploader's language, without contact
/// data) stays under the data directory for download.
/// </summary>
[Authorize(Policy = Policies.Oversight)]
[RequestSizeLimit(RequestLimits.UploadBytes)]
public sealed class HotlineUploadModel(HotlineImport import, DatabaseSettings settings, Text text) : PageModel
{
    public const int MaxMegabytes = 20;

    /// <summary>Refusals and warnings shown on the page; the report has them all.</summary>
    public const int IssuesShown = 100;

    public HotlineImportSummary? Summary { get; private set; }

    /// <summary>The report's id for the download link.</summary>
    public string? ReportId { get; private set; }

    public string? FileName { get; private set; }

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        var (path, error) = await UploadedTableFile.SaveAsync(file, settings, MaxMegabytes, "hotline", text, cancellationToken);
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

    /// <summary>A row report written by an upload; its id is the only way to it.</summary>
    public IActionResult OnGetReport(string? id)
    {
        if (id is null || id.Length != 32 || !id.All(char.IsAsciiHexDigitLower) || !System.IO.File.Exists(ReportPath(settings, id)))
        {
            return NotFound();
        }

        return PhysicalFile(ReportPath(settings, id), "text/csv; charset=utf-8", "12345-errors.csv");
    }

    private static string ReportPath(DatabaseSettings settings, string id)
    {
        var folder = Path.Combine(settings.DataDirectory, "imports");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, $"hotline-report-{id}.errors.csv");
    }
}
