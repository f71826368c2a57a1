using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Microsoft.EntityFrameworkCore;
using QualityCity.Domain.Services.Standards;
using QualityCity.Web.Data;
using QualityCity.Web.Hosting;
using static QualityCity.Web.Modules.Services.Standards.StandardsAnalysis;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace QualityCity.Web.Modules.Services.Standards;

/// <summary>
/// The standards library's search index: a Lucene index under the data directory
/// (<c>standards-index/</c>), built from the <c>standards</c> table and kept in step with it (ADR 0037).
/// The table is the truth; the index is a copy that can be thrown away. Every row carries a change
/// number (<see cref="Standard.ChangeSeq"/>) and the index's commit records the highest it holds, so
/// before a search the index reads the rows above that number — whichever process imported them —
/// and a missing, damaged or foreign index (a number above the table's, or a count that differs) is
/// rebuilt from the table. One server holds the index for writing; a second process that tries gets
/// <see cref="StandardsIndexBusyException"/>.
/// </summary>
public sealed class StandardsIndex(DatabaseSettings settings, IServiceScopeFactory scopes, ILogger<StandardsIndex> logger) : IDisposable
{
    /// <summary>Bumped when what the index holds changes shape: an index of another version is rebuilt.</summary>
    private const string FormatVersion = "5";

    private const string SeqKey = "changeSeq";
    private const string FormatKey = "format";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private LuceneDirectory? _directory;
    private IndexWriter? _writer;
    private SearcherManager? _searchers;
    private long _indexedSeq = -1;
    private bool _checkedCount;
    private bool _disposed;

    /// <summary>Where the index lives.</summary>
    public string Folder => Path.Combine(settings.DataDirectory, "standards-index");

    /// <summary>The highest change number the index holds (-1 before the first look).</summary>
    public long IndexedSeq => Interlocked.Read(ref _indexedSeq);

    /// <summary>
    /// A searcher that has every committed change of the table: catches up first (a cheap look at the
    /// table's highest change number when nothing changed). Release it with <see cref="Release"/>.
    /// </summary>
    public async Task<IndexSearcher> AcquireAsync(QualityCityDbContext db, CancellationToken cancellationToken)
    {
        await CatchUpAsync(db, cancellationToken);
        return _searchers!.Acquire();
    }

    /// <summary>Gives back a searcher from <see cref="AcquireAsync"/>.</summary>
    public void Release(IndexSearcher searcher) => _searchers?.Release(searcher);

    /// <summary>Reads the rows changed since the index's last commit into it; rebuilds it when it does not match the table.</summary>
    public async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await CatchUpAsync(scope.ServiceProvider.GetRequiredService<QualityCityDbContext>(), cancellationToken);
    }

    /// <summary>The same on a context the caller has (a search's own: no second context per search).</summary>
    public async Task CatchUpAsync(QualityCityDbContext db, CancellationToken cancellationToken)
    {
        var tableSeq = await db.Standards.MaxAsync(s => (long?)s.ChangeSeq, cancellationToken) ?? 0;
        if (_writer is not null && tableSeq == IndexedSeq)
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            Open();
            if (tableSeq > _indexedSeq)
            {
                // -1: a new or discarded index, emptied when it was opened.
                await IndexRowsAsync(db, _indexedSeq, cancellationToken, emptied: _indexedSeq < 0);
            }

            if (!_checkedCount)
            {
                // Once per process: an index that holds other rows than the table (another database
                // behind the same data directory, rows deleted by hand) is rebuilt.
                var rows = await db.Standards.LongCountAsync(cancellationToken);
                var documents = _writer!.NumDocs;
                if (_indexedSeq > tableSeq || documents != rows)
                {
                    logger.LogInformation("Standards index does not match the table ({Documents} documents, {Rows} rows): rebuilding", documents, rows);
                    await RebuildLockedAsync(db, cancellationToken);
                }

                _checkedCount = true;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Throws the index away and builds it again from the table (the <c>standards reindex</c> verb, the admin's button).</summary>
    public async Task<long> RebuildAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            Open();
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<QualityCityDbContext>();
            await RebuildLockedAsync(db, cancellationToken);
            _checkedCount = true;
            return _writer!.NumDocs;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task RebuildLockedAsync(QualityCityDbContext db, CancellationToken cancellationToken)
    {
        _writer!.DeleteAll();
        _indexedSeq = 0;
        await IndexRowsAsync(db, -1, cancellationToken, emptied: true);
    }

    /// <summary>Writes the rows whose change number is above <paramref name="afterSeq"/> and commits with the new highest number.</summary>
    /// <remarks>Into an emptied index the documents are added without looking for an older copy to replace.</remarks>
    private async Task IndexRowsAsync(QualityCityDbContext db, long afterSeq, CancellationToken cancellationToken, bool emptied = false)
    {
        var highest = Math.Max(afterSeq, 0);
        var count = 0;
        await foreach (var row in db.Standards.AsNoTracking().Where(s => s.ChangeSeq > afterSeq).OrderBy(s => s.Id).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (emptied)
            {
                _writer!.AddDocument(Document(row));
            }
            else
            {
                _writer!.UpdateDocument(new Term(IndexFields.Id, row.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), Document(row));
            }

            highest = Math.Max(highest, row.ChangeSeq);
            count++;
        }

        if (emptied)
        {
            _writer!.ForceMerge(1);
        }

        _writer!.SetCommitData(new Dictionary<string, string>
        {
            [SeqKey] = highest.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [FormatKey] = FormatVersion,
        });
        _writer.Commit();
        _searchers!.MaybeRefreshBlocking();
        Interlocked.Exchange(ref _indexedSeq, highest);
        if (count > 0)
        {
            logger.LogInformation("Standards index: {Count} records written, change number {Seq}", count, highest);
        }
    }

    /// <summary>The index document of one row.</summary>
    internal static Document Document(Standard row)
    {
        var document = new Document
        {
            new StringField(IndexFields.Id, row.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), Field.Store.NO),
            // The hits' row ids are read from here: a stored field would decompress a 16 KB block per hit.
            new NumericDocValuesField(IndexFields.Id, row.Id),
            new StringField(IndexFields.Type, row.Type, Field.Store.NO),
            new StringField(IndexFields.Origin, row.IsSynthetic ? "synthetic" : "real", Field.Store.NO),
            new NumericDocValuesField(IndexFields.Origin, row.IsSynthetic ? 1 : 0),
            new SortedDocValuesField(IndexFields.Type, new Lucene.Net.Util.BytesRef(row.Type)),
        };

        if (StandardNumber.Parse(row.Number) is { } number)
        {
            foreach (var key in number.SearchKeys())
            {
                document.Add(new StringField(IndexFields.NumberKeys, key, Field.Store.NO));
            }

            // The number itself, however its prefix is typed (GB/T 5023, GBT5023, GB5023): above its parts and its GB/GB/T relatives.
            var exact = PrefixKeys(number.Prefix).Select(p => p + number.Sequence).Prepend(number.ExactKey).Append(number.Sequence);
            foreach (var key in exact.Distinct(StringComparer.Ordinal))
            {
                document.Add(new StringField(IndexFields.NumberExact, key, Field.Store.NO));
            }

            foreach (var key in PrefixKeys(number.Prefix))
            {
                document.Add(new StringField(IndexFields.Prefix, key, Field.Store.NO));
            }
        }

        if (row.TitleZh.Length > 0)
        {
            document.Add(new TextField(IndexFields.TitleBigrams, row.TitleZh, Field.Store.NO));
            document.Add(new TextField(IndexFields.TitleUnigrams, row.TitleZh, Field.Store.NO));
        }

        if (!string.IsNullOrEmpty(row.TitleEn))
        {
            document.Add(new TextField(IndexFields.TitleEnglish, row.TitleEn, Field.Store.NO));
        }

        if (!string.IsNullOrEmpty(row.Ccs))
        {
            document.Add(new StringField(IndexFields.Ccs, row.Ccs, Field.Store.NO));
            document.Add(new StringField(IndexFields.Ccs, row.Ccs[..1], Field.Store.NO));
            document.Add(new SortedDocValuesField(IndexFields.Ccs, new Lucene.Net.Util.BytesRef(row.Ccs[..1])));
        }

        if (!string.IsNullOrEmpty(row.Ics))
        {
            foreach (var ics in row.Ics.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                // Every level of the code: 29, 29.060 and 29.060.20 all find 29.060.20.
                var parts = ics.Split('.');
                for (var level = 1; level <= parts.Length; level++)
                {
                    document.Add(new StringField(IndexFields.Ics, string.Join('.', parts[..level]), Field.Store.NO));
                }

                document.Add(new SortedSetDocValuesField(IndexFields.Ics, new Lucene.Net.Util.BytesRef(parts[0])));
            }
        }

        if (!string.IsNullOrEmpty(row.Cluster))
        {
            document.Add(new StringField(IndexFields.Cluster, row.Cluster, Field.Store.NO));
            document.Add(new SortedDocValuesField(IndexFields.Cluster, new Lucene.Net.Util.BytesRef(row.Cluster)));
        }

        _ = StandardStatusRules.TryParse(row.RecordedStatus, out var recorded);
        var abolishedFrom = StandardStatusRules.AbolishedFromDay(recorded, row.AbolishDate);
        var inForceFrom = StandardStatusRules.InForceFromDay(recorded, row.ImplementDate);
        document.Add(new Int32Field(IndexFields.AbolishedFrom, abolishedFrom, Field.Store.NO));
        document.Add(new NumericDocValuesField(IndexFields.AbolishedFrom, abolishedFrom));
        document.Add(new Int32Field(IndexFields.InForceFrom, inForceFrom, Field.Store.NO));
        document.Add(new NumericDocValuesField(IndexFields.InForceFrom, inForceFrom));
        var implement = row.ImplementDate?.DayNumber ?? 0;
        document.Add(new Int32Field(IndexFields.Implement, implement, Field.Store.NO));
        document.Add(new NumericDocValuesField(IndexFields.Implement, implement));
        if (row.PublishDate is { } publish)
        {
            document.Add(new Int32Field(IndexFields.Publish, publish.DayNumber, Field.Store.NO));
        }

        return document;
    }

    /// <summary>The keys of a prefix as people type it: <c>GB/T</c> as GBT and GB; <c>T/CEEIA</c> as TCEEIA and CEEIA.</summary>
    internal static IEnumerable<string> PrefixKeys(string prefix)
    {
        var key = StandardNumber.Key(prefix);
        yield return key;
        var root = prefix.StartsWith("T/", StringComparison.Ordinal) ? prefix[2..]
            : prefix.EndsWith("/T", StringComparison.Ordinal) || prefix.EndsWith("/Z", StringComparison.Ordinal) ? prefix[..^2]
            : prefix.TrimEnd('/');
        if (StandardNumber.Key(root) != key)
        {
            yield return StandardNumber.Key(root);
        }
    }

    private void Open()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_writer is not null)
        {
            return;
        }

        System.IO.Directory.CreateDirectory(Folder);
        _directory = FSDirectory.Open(new DirectoryInfo(Folder));
        var config = new IndexWriterConfig(Version48, ForIndex()) { OpenMode = OpenMode.CREATE_OR_APPEND, RAMBufferSizeMB = 64 };
        try
        {
            _writer = new IndexWriter(_directory, config);
        }
        catch (LockObtainFailedException)
        {
            _directory.Dispose();
            _directory = null;
            throw new StandardsIndexBusyException(Folder);
        }
        catch (Exception ex) when (ex is CorruptIndexException or IndexFormatTooOldException or IndexFormatTooNewException or EndOfStreamException)
        {
            logger.LogWarning(ex, "Standards index at {Folder} is unreadable: starting a new one", Folder);
            _writer = new IndexWriter(_directory, new IndexWriterConfig(Version48, ForIndex()) { OpenMode = OpenMode.CREATE, RAMBufferSizeMB = 64 });
        }

        var data = _writer.CommitData ?? new Dictionary<string, string>();
        _indexedSeq = data.TryGetValue(FormatKey, out var format) && format == FormatVersion
                      && data.TryGetValue(SeqKey, out var seq) && long.TryParse(seq, out var value)
            ? value
            : -1;
        if (_indexedSeq < 0)
        {
            _writer.DeleteAll();
            _indexedSeq = -1;
        }

        _searchers = new SearcherManager(_writer, applyAllDeletes: true, searcherFactory: null);
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _searchers?.Dispose();
        _writer?.Dispose();
        _directory?.Dispose();
        _gate.Dispose();
    }
}

/// <summary>The index is held for writing by another process (the running server).</summary>
public sealed class StandardsIndexBusyException(string folder)
    : Exception($"the standards index at {folder} is in use by another process (the running server): rebuild it from the standards page, or stop the server first");
