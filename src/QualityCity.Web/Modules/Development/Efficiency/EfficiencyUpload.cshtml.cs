using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QualityCity.Web.Hosting;
using QualityCity.Web.Localization;
using QualityCity.Web.Modules.Accounts.Contracts;
using QualityCity.Web.Modules.Registry.Contracts;

namespace QualityCity.Web.Modules.Development.Efficiency;

/// <summary>
/// The upload of yearly per-mu figures (DEV-3), CSV or Excel, for the coordinator and the
/// administrator: the good rows are imported (a year's firm re-imported is replaced), the bad ones
/// listed with row, column and reason and kept in a report to download by its unguessable id.
/// </summary>
[Authorize(Policy = Policies.Oversight)]
[RequestSizeLimit(RequestLimits.UploadBytes)]
public sealed class EfficiencyUploadModel(EfficiencyImport import, DatabaseSettings settings, Text text) : PageModel
{
    public const int MaxMegabytes = 20;

    private const string Prefix = "efficiency";

    public EfficiencyImportSummary? Summary { get; private set; }
    public string? ReportId { get; private set; }
    public string? FileName { get; private set; }
    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        var (path, error) = await UploadedTableFile.SaveAsync(file, settings, MaxMegabytes, Prefix, text, cancellationToken);
        if (path is null)
        {
            return Refuse("file", error!);
        }

        var id = Guid.NewGuid().ToString("N");
        try
        {
            Summary = await import.ImportFileAsync(path, User.ActorName(), ReportPath(id), cancellationToken);
            (ReportId, FileName) = (id, Path.GetFileName(file!.FileName));
            return Page();
        }
        catch (RegistryFileException ex)
        {
            return Refuse("file", text.Format("无法导入：{0}", ex.Message));
        }
        finally
        {
            System.IO.File.Delete(path);
        }
    }

    public IActionResult OnGetReport(string? id) =>
        id is { Length: 32 } && id.All(char.IsAsciiHexDigitLower) && System.IO.File.Exists(ReportPath(id))
            ? PhysicalFile(ReportPath(id), "text/csv; charset=utf-8", "efficiency-errors.csv")
            : NotFound();

    private PageResult Refuse(string field, string reason)
    {
        ModelState.AddModelError(field, reason);
        Error = reason;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private string ReportPath(string id)
    {
        var folder = Path.Combine(settings.DataDirectory, "imports");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"{Prefix}-report-{id}.errors.csv"));
    }
}
