using System.Globalization;
using QualityCity.Web.Hosting;
using QualityCity.Web.Localization;
using QualityCity.Web.Modules.Registry.Contracts;

namespace QualityCity.Web.Modules.Services.Catalogue;

/// <summary>What an upload page shows after an import: the counts, the report's id, or why the file was not imported.</summary>
public sealed record UploadOutcome(ImportSummary? Summary, string? ReportId, string? FileName, string? Error);

/// <summary>
/// The upload pages' common steps (catalogue and intellectual property): save the file, import it
/// in the uploader's language while the request waits (these files are hundreds to a few thousand
/// rows), keep the row report under the data directory for download by its unguessable id.
/// </summary>
public static class ImportUpload
{
    public const int MaxMegabytes = 20;

    /// <summary>Refusals shown on the page; the report has them all.</summary>
    public const int IssuesShown = 100;

    public static async Task<UploadOutcome> RunAsync<T>(IFormFile? file, RecordKind<T> kind, RecordImport import, DatabaseSettings settings, Text text,
        string actor, string prefix, CancellationToken cancellationToken)
        where T : class, IImportedRecord
    {
        var (path, error) = await UploadedTableFile.SaveAsync(file, settings, MaxMegabytes, prefix, text, cancellationToken);
        if (path is null)
        {
            return new UploadOutcome(null, null, null, error);
        }

        var id = Guid.NewGuid().ToString("N");
        import.Language = ReportLanguage.For(CultureInfo.CurrentUICulture);
        try
        {
            var summary = await import.ImportFileAsync(kind, path, actor, ReportPath(settings, prefix, id), cancellationToken);
            return new UploadOutcome(summary, id, Path.GetFileName(file!.FileName), null);
        }
        catch (RegistryFileException ex)
        {
            return new UploadOutcome(null, null, null, text.Format("无法导入：{0}", ex.Message));
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>The report's path for an id, or null when the id is not one an upload gave.</summary>
    public static string? ExistingReport(DatabaseSettings settings, string prefix, string? id) =>
        id is { Length: 32 } && id.All(char.IsAsciiHexDigitLower) && File.Exists(ReportPath(settings, prefix, id)) ? ReportPath(settings, prefix, id) : null;

    private static string ReportPath(DatabaseSettings settings, string prefix, string id)
    {
        var folder = Path.Combine(settings.DataDirectory, "imports");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, $"{prefix}-report-{id}.errors.csv");
    }
}
