using System.Globalization;
using QualityCity.Web.Localization;
using QualityCity.Web.Modules.Jobs.Contracts;
using QualityCity.Web.Modules.Registry.Contracts;

namespace QualityCity.Web.Modules.Quality.LabImport;

/// <summary>
/// A lab file imported in the background (QLT-1): the upload is checked and stored by the request,
/// which answers at once; the job reads the file, reports the rows checked and refused as it goes,
/// and ends with the same report the import gives (<see cref="SampleImportReport"/>). The file is
/// deleted when the job ends.
/// </summary>
public sealed class LabImportJob(SampleImport import, Text text) : IJobHandler
{
    public const string Kind = "lab_import";

    /// <summary>The page's partial that shows a finished import's report under its row.</summary>
    public const string ReportPartial = "/Modules/Quality/LabImport/_LabImportReport.cshtml";

    /// <param name="Culture">The uploader's language: the report's reasons and summary are written in it.</param>
    public sealed record Input(string Path, string FileName, string? Culture = null);

    /// <summary>
    /// The samples are saved in one transaction at the end of a run, so a run cut short may or may
    /// not have saved them, and a second run would refuse every saved sample as already recorded:
    /// the job is reported failed, and the user checks the samples and imports the file again.
    /// </summary>
    public bool RunsAgainAfterRestart => false;

    /// <summary>Queues the import of a stored upload, to be reported in the uploader's (the current request's) language.</summary>
    public static Task<BackgroundJob> EnqueueAsync(JobScheduler jobs, string path, string fileName, string actor, CancellationToken ct) =>
        jobs.EnqueueAsync(Kind, new Input(path, fileName, CultureInfo.CurrentUICulture.Name), actor, ct);

    public async Task<JobOutcome> RunAsync(JobRun run, CancellationToken cancellationToken)
    {
        var input = run.Input<Input>();
        if (input.Culture is { Length: > 0 } culture)
        {
            // Only this run's flow: the culture set here does not leak to other jobs.
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        }

        try
        {
            var report = await import.ImportAsync(input.Path, run.StartedBy, run, cancellationToken);
            return new JobOutcome(report, text.Format("读取 {0} 行，保存 {1} 批次 {2} 个检验项目，{3} 行有错误。", report.RowsRead, report.Samples, report.Items, report.Errors.Count));
        }
        catch (RegistryFileException ex)
        {
            throw new JobFailedException(ex.Message);
        }
        finally
        {
            File.Delete(input.Path);
        }
    }

    public Task AbandonAsync(JobRun run, string message, CancellationToken cancellationToken)
    {
        File.Delete(run.Input<Input>().Path);
        return Task.CompletedTask;
    }
}
