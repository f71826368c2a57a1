using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QualityCity.Web.Hosting;
using QualityCity.Web.Localization;
using QualityCity.Web.Modules.Accounts.Contracts;
using QualityCity.Web.Modules.Registry.Contracts;

namespace QualityCity.Web.Modules.Development.Imports;

/// <summary>
/// The upload of a programme table (<see cref="IDevelopmentImport"/>) for the coordinator and the
/// administrator: CSV or Excel; the good rows are written, the bad ones listed with row, column and
/// reason and kept in a report to download by its unguessable id.
/// </summary>
[Authorize(Policy = Policies.Oversight)]
[RequestSizeLimit(RequestLimits.UploadBytes)]
public sealed class DevelopmentUploadModel(IEnumerable<IDevelopmentImport> imports, DatabaseSettings settings, Text text) : PageModel
{
    public const int MaxMegabytes = 10;

    public IDevelopmentImport? Import { get; private set; }
    public DevelopmentImportSummary? Summary { get; private set; }
    public string? ReportId { get; private set; }
    public string? FileName { get; private set; }
    public string? Error { get; private set; }

    public IActionResult OnGet(string kind) => (Import = Find(kind)) is null ? NotFound() : Page();

    public async Task<IActionResult> OnPostAsync(string kind, IFormFile? file, CancellationToken cancellationToken)
    {
        if ((Import = Find(kind)) is null)
        {
            return NotFound();
        }

        var (path, error) = await UploadedTableFile.SaveAsync(file, settings, MaxMegabytes, Import.Kind, text, cancellationToken);
        if (path is null)
        {
            return Refuse(error!);
        }

        var id = Guid.NewGuid().ToString("N");
        try
        {
            Summary = await Import.ImportAsync(path, User.ActorName(), cancellationToken);
            await DevelopmentFiles.WriteReportAsync(ReportPath(Import.Kind, id), Summary.Issues, cancellationToken);
            (ReportId, FileName) = (id, Path.GetFileName(file!.FileName));
            return Page();
        }
        catch (RegistryFileException ex)
        {
            return Refuse(text.Format("无法导入：{0}", ex.Message));
        }
        finally
        {
            System.IO.File.Delete(path);
        }
    }

    public IActionResult OnGetReport(string kind, string? id) =>
        Find(kind) is { } import && id is { Length: 32 } && id.All(char.IsAsciiHexDigitLower) && System.IO.File.Exists(ReportPath(import.Kind, id))
            ? PhysicalFile(ReportPath(import.Kind, id), "text/csv; charset=utf-8", $"{import.Kind}-errors.csv")
            : NotFound();

    private IDevelopmentImport? Find(string kind) => imports.FirstOrDefault(i => i.Kind == kind);

    private PageResult Refuse(string reason)
    {
        ModelState.AddModelError("file", reason);
        Error = reason;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private string ReportPath(string kind, string id)
    {
        var folder = Path.Combine(settings.DataDirectory, "imports");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"{kind}-report-{id}.errors.csv"));
    }
}
