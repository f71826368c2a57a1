using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace QualityCity.Web.Hosting;

/// <summary>What an import is of: one label value each, a fixed set.</summary>
public enum ImportKind { Registry, LabSamples, ProductionRecords }

/// <summary>The rows of one import by what became of them.</summary>
public readonly record struct ImportRowCounts(long Inserted, long Updated, long Unchanged, long Rejected);

/// <summary>
/// The platform's own metrics, on the meter <see cref="MeterName"/>: imports, background jobs,
/// sign-ins, rate limiting and public documents. Every label value comes from a fixed set or from a
/// name written in code, never from a request or a file, so no series carries personal data (no user
/// name, file name or credit code) and the number of series stays bounded. docs/operations.md lists
/// the exported names.
/// </summary>
public sealed class PlatformMetrics
{
    public const string MeterName = "QualityCity";

    /// <summary>What a label value that is not a short lower-case code name becomes.</summary>
    public const string OtherLabel = "other";

    private static readonly string[] SignInOutcomes = ["succeeded", "failed", "locked", "throttled"];

    private readonly Counter<long> _importsStarted;
    private readonly Counter<long> _importsFinished;
    private readonly Counter<long> _importsFailed;
    private readonly Counter<long> _importRows;
    private readonly Histogram<double> _importDuration;
    private readonly Counter<long> _jobRuns;
    private readonly Counter<long> _jobFailures;
    private readonly Counter<long> _signInAttempts;
    private readonly Counter<long> _rateLimitRejections;
    private readonly Counter<long> _publicDocuments;
    private readonly Histogram<long> _publicDocumentSize;
    private readonly Histogram<double> _publicDocumentDuration;

    public PlatformMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _importsStarted = meter.CreateCounter<long>("qualitycity.import.started", "{import}", "Imports started, by kind.");
        _importsFinished = meter.CreateCounter<long>("qualitycity.import.finished", "{import}", "Imports that read their whole file, by kind.");
        _importsFailed = meter.CreateCounter<long>("qualitycity.import.failed", "{import}",
            "Imports that stopped on an error or whose file was refused as a whole, by kind.");
        _importRows = meter.CreateCounter<long>("qualitycity.import.rows", "{row}", "Rows of finished imports, by kind and outcome.");
        // An import takes from a second (a lab's file) to an hour (a province's registry).
        _importDuration = meter.CreateHistogram("qualitycity.import.duration", "s", "How long imports took, by kind and result.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 0.5, 1, 5, 10, 30, 60, 300, 900, 1800, 3600] });
        _jobRuns = meter.CreateCounter<long>("qualitycity.job.runs", "{run}", "Runs of background jobs, by job.");
        _jobFailures = meter.CreateCounter<long>("qualitycity.job.failures", "{run}", "Runs of background jobs that ended in an unexpected error, by job.");
        _signInAttempts = meter.CreateCounter<long>("qualitycity.sign_in.attempts", "{attempt}", "Sign-in attempts, by outcome.");
        _rateLimitRejections = meter.CreateCounter<long>("qualitycity.rate_limit.rejections", "{request}", "Requests refused by a rate limit, by policy.");
        _publicDocuments = meter.CreateCounter<long>("qualitycity.public_document.generations", "{document}", "Public documents generated, by document.");
        // From a one-page notice (kilobytes) to a year's open-data file (hundreds of megabytes).
        _publicDocumentSize = meter.CreateHistogram("qualitycity.public_document.size", "By", "Size of generated public documents, by document.",
            advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = [1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000] });
        _publicDocumentDuration = meter.CreateHistogram("qualitycity.public_document.duration", "s", "Time to generate public documents, by document.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300] });
    }

    /// <summary>
    /// Counts one import: started now, then finished with its rows by outcome, or failed when it
    /// throws or when <paramref name="rowsOf"/> returns null (the file was refused as a whole, e.g.
    /// for a missing column). A cancelled import is neither: the server is stopping.
    /// </summary>
    public async Task<TReport> TrackImportAsync<TReport>(ImportKind kind, Func<Task<TReport>> import, Func<TReport, ImportRowCounts?> rowsOf)
    {
        var kindTag = new KeyValuePair<string, object?>("kind", KindLabel(kind));
        _importsStarted.Add(1, kindTag);
        var started = Stopwatch.GetTimestamp();
        TReport report;
        try
        {
            report = await import();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            ImportFailed(kindTag, started);
            throw;
        }

        if (rowsOf(report) is not { } rows)
        {
            ImportFailed(kindTag, started);
            return report;
        }

        _importsFinished.Add(1, kindTag);
        _importDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, kindTag, new("result", "finished"));
        _importRows.Add(rows.Inserted, kindTag, new("outcome", "inserted"));
        _importRows.Add(rows.Updated, kindTag, new("outcome", "updated"));
        _importRows.Add(rows.Unchanged, kindTag, new("outcome", "unchanged"));
        _importRows.Add(rows.Rejected, kindTag, new("outcome", "rejected"));
        return report;
    }

    private void ImportFailed(KeyValuePair<string, object?> kindTag, long started)
    {
        _importsFailed.Add(1, kindTag);
        _importDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, kindTag, new("result", "failed"));
    }

    /// <summary>A background job starts one run of its work; <paramref name="job"/> is its kind (<c>registry_import</c>, <c>lab_import</c> …).</summary>
    public void BackgroundJobRan(string job) => _jobRuns.Add(1, new KeyValuePair<string, object?>("job", CodeLabel(job)));

    /// <summary>A run of a background job ended in an error it did not expect (one that is logged).</summary>
    public void BackgroundJobFailed(string job) => _jobFailures.Add(1, new KeyValuePair<string, object?>("job", CodeLabel(job)));

    /// <summary>
    /// One sign-in attempt. <paramref name="outcome"/> is <c>succeeded</c>, <c>failed</c>,
    /// <c>locked</c> (also accepted as <c>LockedOut</c>) or <c>throttled</c>, in any case; anything
    /// else counts as <see cref="OtherLabel"/>. Never the user name.
    /// </summary>
    public void SignInAttempted(string outcome)
    {
        var normalised = outcome.Trim().ToLowerInvariant();
        normalised = normalised is "lockedout" or "locked_out" ? "locked" : normalised;
        _signInAttempts.Add(1, new KeyValuePair<string, object?>("outcome", SignInOutcomes.Contains(normalised) ? normalised : OtherLabel));
    }

    /// <summary>A request refused by the rate-limiting policy named in code (e.g. <c>sign-in</c>).</summary>
    public void RateLimited(string policy) =>
        _rateLimitRejections.Add(1, new KeyValuePair<string, object?>("policy", CodeLabel(policy)));

    /// <summary>
    /// A public document was generated. <paramref name="name"/> names the kind of document as written
    /// in code (e.g. <c>inspection-results.csv</c>), never a file name chosen by a user or one that
    /// carries an enterprise's name or code.
    /// </summary>
    public void PublicDocumentGenerated(string name, long bytes, TimeSpan duration)
    {
        var nameTag = new KeyValuePair<string, object?>("name", CodeLabel(name));
        _publicDocuments.Add(1, nameTag);
        _publicDocumentSize.Record(bytes, nameTag);
        _publicDocumentDuration.Record(duration.TotalSeconds, nameTag);
    }

    private static string KindLabel(ImportKind kind) => kind switch
    {
        ImportKind.Registry => "registry",
        ImportKind.LabSamples => "lab_samples",
        ImportKind.ProductionRecords => "production_records",
        _ => OtherLabel,
    };

    /// <summary>
    /// A name from code as a label value: lower-case ASCII letters, digits, '_', '-' and '.', at most
    /// 48 characters, no run of more than four digits (a year may appear; a phone, ID or credit code
    /// may not). Anything else (a person's name, a Chinese file name, a long value) becomes
    /// <see cref="OtherLabel"/>, so a mistaken call cannot export personal data or grow the series
    /// without bound.
    /// </summary>
    public static string CodeLabel(string value)
    {
        var label = value.Trim().ToLowerInvariant();
        if (label.Length is 0 or > 48)
        {
            return OtherLabel;
        }

        var digitsInARow = 0;
        foreach (var c in label)
        {
            digitsInARow = char.IsAsciiDigit(c) ? digitsInARow + 1 : 0;
            if (digitsInARow > 4 || !(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '_' or '-' or '.'))
            {
                return OtherLabel;
            }
        }

        return label;
    }
}
