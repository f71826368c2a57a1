using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using QualityCity.Web.Data;

namespace QualityCity.Web.Hosting;

/// <summary>
/// The version stamp of a published document (open data, draw records): changed in the same
/// transaction as any change to the rows the document is made of, so a stamp never names stale content.
/// </summary>
public sealed class PublishedDocumentStamp
{
    public required string Name { get; set; }

    /// <summary>Random on every change: two changes saved at once still leave a stamp no cached file has.</summary>
    public required string Stamp { get; set; }

    public DateTime ChangedAtUtc { get; set; }
}

/// <summary>A document anyone may download: how to name, type and write it.</summary>
/// <param name="Name">Cache name, e.g. <c>inspection-results.json</c> or <c>draw-12.public.json</c>.</param>
/// <param name="ContentType">The response's content type.</param>
/// <param name="DownloadName">The file name a browser saves it as; null to show it inline.</param>
/// <param name="Write">Writes the whole document to the stream, reading the database as it goes.</param>
/// <param name="Immutable">True when the content never changes once it exists (a draw record): no stamp is read.</param>
/// <param name="Version">
/// The version, when the document computes it itself from its rows instead of a stamp saved with
/// every change (the public voice's items: a stamp row updated by every submission would make all
/// submissions queue on that one row).
/// </param>
public sealed record PublishedDocument(string Name, string ContentType, string? DownloadName, Func<QualityCityDbContext, Stream, CancellationToken, Task> Write,
    bool Immutable = false, string? Version = null);

/// <summary>
/// Serves published documents as files: each is written once per version from a streaming read of
/// the database into <c>{data}/published/</c>, then every request is a file send with ETag,
/// Last-Modified, conditional GET and ranges. However many clients ask at once, memory stays flat:
/// one writer per document at a time (the others wait for its file), and no answer is built in
/// memory. A change to the rows a document is made of (see <see cref="Track"/>) changes its stamp in
/// the same transaction, so the next request writes the new version and the old file is removed.
/// </summary>
public sealed class PublishedFiles(DatabaseSettings settings, PlatformMetrics metrics, ILogger<PublishedFiles> logger)
{
    private static readonly ConcurrentDictionary<Type, string[]> DocumentsByEntity = new();
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _writers = new(StringComparer.Ordinal);

    /// <summary>Declares that changes to <typeparamref name="TEntity"/> rows change the named documents (called by the modules at start).</summary>
    public static void Track<TEntity>(params string[] documents) =>
        DocumentsByEntity.AddOrUpdate(typeof(TEntity), documents, (_, existing) => existing.Union(documents, StringComparer.Ordinal).ToArray());

    /// <summary>The documents whose content depends on rows of this type.</summary>
    public static IReadOnlyList<string> DocumentsChangedBy(Type entity) => DocumentsByEntity.TryGetValue(entity, out var names) ? names : [];

    /// <summary>Every document that has a stamp (their rows are made at start, so that two first changes never race to insert one).</summary>
    public static IReadOnlyList<string> StampedDocuments => DocumentsByEntity.Values.SelectMany(n => n).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    private string Folder => Path.Combine(settings.DataDirectory, "published");

    public async Task<IResult> ServeAsync(QualityCityDbContext db, PublishedDocument document, CancellationToken cancellationToken)
    {
        var (stamp, changedAtUtc) = document.Immutable ? ("v1", (DateTime?)null)
            : document.Version is { } version ? (version, null) : await StampAsync(db, document.Name, cancellationToken);
        var path = Path.Combine(Folder, $"{stamp}.{document.Name}");
        if (!File.Exists(path))
        {
            await WriteOnceAsync(db, document, path, cancellationToken);
        }

        var lastModified = changedAtUtc is { } changed ? new DateTimeOffset(changed, TimeSpan.Zero) : new DateTimeOffset(File.GetLastWriteTimeUtc(path), TimeSpan.Zero);
        return Results.File(path, document.ContentType, document.DownloadName, lastModified, new EntityTagHeaderValue($"\"{stamp}\""), enableRangeProcessing: true);
    }

    /// <summary>The current version of a stamped document: what a figure computed from the same rows may be kept in memory under.</summary>
    public static async Task<string> VersionAsync(QualityCityDbContext db, string name, CancellationToken cancellationToken) =>
        (await StampAsync(db, name, cancellationToken)).Stamp;

    private static async Task<(string Stamp, DateTime? ChangedAtUtc)> StampAsync(QualityCityDbContext db, string name, CancellationToken cancellationToken)
    {
        var row = await db.PublishedDocumentStamps.AsNoTracking().Where(s => s.Name == name).Select(s => new { s.Stamp, s.ChangedAtUtc })
            .FirstOrDefaultAsync(cancellationToken);
        return row is null ? ("initial", null) : (row.Stamp, row.ChangedAtUtc);
    }

    private async Task WriteOnceAsync(QualityCityDbContext db, PublishedDocument document, string path, CancellationToken cancellationToken)
    {
        var gate = _writers.GetOrAdd(document.Name, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (File.Exists(path))
            {
                return; // written by the request this one waited for
            }

            Directory.CreateDirectory(Folder);
            var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            try
            {
                // The writer's own cancellation is not the request's: a client that gives up does not
                // waste the work for the clients waiting on the same file.
                await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
                {
                    await document.Write(db, file, CancellationToken.None);
                }

                File.Move(temporary, path, overwrite: true);
            }
            finally
            {
                if (File.Exists(temporary))
                {
                    File.Delete(temporary);
                }
            }

            var bytes = new FileInfo(path).Length;
            var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started);
            metrics.PublicDocumentGenerated(KindOf(document.Name), bytes, elapsed);
            logger.LogInformation("Wrote published document {Document}: {Bytes} bytes in {Milliseconds} ms", document.Name, bytes, (int)elapsed.TotalMilliseconds);
            RemoveOlderVersions(document.Name, path);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>The document's kind for metrics: its name without the numbers of a particular draw or pool (draw-12.public.json → draw.public.json).</summary>
    private static string KindOf(string name) => System.Text.RegularExpressions.Regex.Replace(name, "-[0-9]+", string.Empty);

    private void RemoveOlderVersions(string name, string current)
    {
        foreach (var old in Directory.EnumerateFiles(Folder, "*." + name))
        {
            if (!string.Equals(old, current, StringComparison.Ordinal))
            {
                try
                {
                    File.Delete(old);
                }
                catch (IOException)
                {
                    // Still being sent to a client; the next version's write removes it.
                }
            }
        }
    }
}
