using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using QualityCity.Domain.Common;
using QualityCity.Web.Data;

namespace QualityCity.Web.Modules.Quality;

/// <summary>One test item of a sample as exported (docs/open-data.md): what the map counts, row by row.</summary>
public sealed record SamplingResultRow(string SampleNo, string Industry, string IndustryClass, string ProductCategory, string TestItem, string County, int Year,
    string SampledOn,
    string Level, string Authority, string Kind, string ProducerCreditCode, string ProducerName, string Specification, string Batch, string StandardClause,
    string Measured, string Limit, string Unit, bool Passed, string Lab, string ReportNo, string? PublishedOn);

/// <summary>
/// The raw records behind the quality map: the public open data (published samples only, QLT-7) at
/// /open-data/sampling-results.csv and .json, and the staff export with unpublished samples too.
/// Streamed, so a city's years of results are never held in memory; the public files are written
/// once per change (Hosting/PublishedFiles). Grouping these rows by (product_category, test_item,
/// county, year) and counting rows and failures gives the map. Beside the platform's industry key
/// (<c>cable</c>) each row carries the national codes: the producer's GB/T 4754-2017 class
/// (<c>industry_class</c>, e.g. 3831) and the GB/T 2260 county (<c>county</c>, e.g. 371521).
/// </summary>
public static class SamplingResultsExport
{
    public static readonly string[] Columns =
    [
        "sample_no", "industry", "industry_class", "product_category", "test_item", "county", "year", "sampled_on", "level", "authority", "kind", "producer_credit_code",
        "producer_name", "specification", "batch", "standard_clause", "measured", "limit", "unit", "passed", "lab", "report_no", "published_on",
    ];

    public static readonly System.Text.Json.JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static IAsyncEnumerable<SamplingResultRow> Rows(QualityCityDbContext db, bool includeUnpublished, string? industry = null, int? year = null)
    {
        var samples = db.Samples.AsNoTracking().Where(s => s.Passed != null);
        if (!includeUnpublished)
        {
            samples = samples.Where(s => s.PublishedOn != null);
        }

        if (industry is not null)
        {
            samples = samples.Where(s => s.Industry == industry);
        }

        if (year is { } y)
        {
            samples = samples.Where(s => s.SampledOn >= new DateOnly(y, 1, 1) && s.SampledOn < new DateOnly(y + 1, 1, 1));
        }

        return (from s in samples
                join r in db.SampleItemResults.AsNoTracking() on s.Id equals r.SampleId
                join e in db.MarketEntities.AsNoTracking() on s.ProducerCreditCode equals e.CreditCode into producers
                from e in producers.DefaultIfEmpty()
                orderby s.Id, r.ItemCode
                select new { s, r, IndustryClass = e == null ? null : e.IndustryCode }).AsAsyncEnumerable().Select(x => new SamplingResultRow(
            x.s.SampleNo, x.s.Industry, x.IndustryClass ?? string.Empty, x.s.ProductCategory, x.r.ItemCode, x.s.CountyCode, x.s.SampledOn.Year, Day(x.s.SampledOn), x.s.Level, x.s.Authority, x.s.Kind,
            x.s.ProducerCreditCode, x.s.ProducerName, x.s.Specification, x.s.Batch, x.r.StandardClause, x.r.RetestMeasured ?? x.r.Measured, x.r.Limit, x.r.Unit,
            x.r.Passed, x.s.Lab, x.s.ReportNo, x.s.PublishedOn is { } published ? Day(published) : null));
    }

    public static async Task WriteCsvAsync(HttpResponse response, IAsyncEnumerable<SamplingResultRow> rows, string fileName, CancellationToken ct)
    {
        response.ContentType = "text/csv; charset=utf-8";
        response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        await WriteCsvAsync(response.Body, rows, ct);
    }

    public static async Task WriteCsvAsync(Stream output, IAsyncEnumerable<SamplingResultRow> rows, CancellationToken ct)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 1 << 16);
        await writer.WriteAsync(string.Join(',', Columns) + "\n");
        await foreach (var r in rows.WithCancellation(ct))
        {
            await writer.WriteAsync(string.Join(',', new[]
            {
                r.SampleNo, r.Industry, r.IndustryClass, r.ProductCategory, r.TestItem, r.County, r.Year.ToString(CultureInfo.InvariantCulture), r.SampledOn, r.Level,
                r.Authority, r.Kind, r.ProducerCreditCode, r.ProducerName, r.Specification, r.Batch, r.StandardClause, r.Measured, r.Limit, r.Unit,
                r.Passed ? "true" : "false", r.Lab, r.ReportNo, r.PublishedOn,
            }.Select(SpreadsheetCell.CsvField)) + "\n");
        }
    }

    /// <summary>The rows as one JSON array, written as they are read.</summary>
    public static async Task WriteJsonAsync(Stream output, IAsyncEnumerable<SamplingResultRow> rows, CancellationToken ct)
    {
        await using var json = new System.Text.Json.Utf8JsonWriter(output, new System.Text.Json.JsonWriterOptions { Encoder = Json.Encoder });
        json.WriteStartArray();
        await foreach (var r in rows.WithCancellation(ct))
        {
            System.Text.Json.JsonSerializer.Serialize(json, r, Json);
            if (json.BytesPending > 1 << 16)
            {
                await json.FlushAsync(ct);
            }
        }

        json.WriteEndArray();
        await json.FlushAsync(ct);
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
