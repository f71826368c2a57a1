using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Data;
using QualityCity.Web.Modules.Planning.Contracts;

namespace QualityCity.Web.Modules.Planning.DrawPlan;

/// <summary>
/// One piece of a stored draw's published text (draw.json, its public form, plan.json): the text's
/// UTF-8 bytes from <see cref="Part"/> × the piece size on. A year's draw record of a large city is
/// larger than one string, one byte array or one database value can hold (about 2.5 GB at 1,000,000
/// enterprises), so it is written and read a piece at a time and never held whole.
/// </summary>
public sealed class PlanRecordPart
{
    public int DrawId { get; set; }

    /// <summary>Which text: <see cref="PlanRecords.Draw"/>, <see cref="PlanRecords.PublicDraw"/> or <see cref="PlanRecords.Plan"/>.</summary>
    public required string Document { get; set; }

    public int Part { get; set; }
    public required byte[] Bytes { get; set; }
}

/// <summary>Writes and reads a draw's texts as <see cref="PlanRecordPart"/> rows, a piece at a time.</summary>
public static class PlanRecords
{
    /// <summary>draw.json as drawn, with each visit's excluded officers and why (staff only).</summary>
    public const string Draw = "draw";

    /// <summary>draw.json as the public downloads it: the excluded officers counted by reason (<see cref="PublicDrawRecord"/>).</summary>
    public const string PublicDraw = "draw.public";

    /// <summary>plan.json.</summary>
    public const string Plan = "plan";

    /// <summary>Bytes a piece: large enough that a record is a few thousand rows, small enough to keep memory flat.</summary>
    internal const int PartSize = 1 << 20;

    /// <summary>
    /// Stores a document of the draw, a piece at a time, in the caller's transaction, as the
    /// published files have always been written: the serializer's indented UTF-8 JSON, then a line
    /// feed for draw.json and plan.json (the public form of draw.json has always ended without one).
    /// </summary>
    public static async Task StoreAsync<T>(QualityCityDbContext db, int drawId, string document, T content, CancellationToken cancellationToken)
    {
        await using var parts = new PartWriter(db, drawId, document);
        await JsonSerializer.SerializeAsync(parts, content, PlanningJson.Options, cancellationToken);
        if (document != PublicDraw)
        {
            await parts.WriteAsync("\n"u8.ToArray(), cancellationToken);
        }

        await parts.CompleteAsync(cancellationToken);
    }

    /// <summary>Copies a stored document to a stream, one piece in memory at a time.</summary>
    public static async Task CopyToAsync(QualityCityDbContext db, int drawId, string document, Stream output, CancellationToken cancellationToken)
    {
        await using var input = OpenRead(db, drawId, document);
        await input.CopyToAsync(output, cancellationToken);
    }

    /// <summary>A stored document as a read-only stream that fetches its pieces as it is read.</summary>
    public static Stream OpenRead(QualityCityDbContext db, int drawId, string document) => new PartReader(db, drawId, document);

    /// <summary>Reads a stored document into its record type (the start-up steps for records stored by earlier versions).</summary>
    public static async Task<T?> ReadJsonAsync<T>(QualityCityDbContext db, int drawId, string document, CancellationToken cancellationToken)
    {
        await using var input = OpenRead(db, drawId, document);
        return await JsonSerializer.DeserializeAsync<T>(input, PlanningJson.Options, cancellationToken);
    }

    /// <summary>Buffers what is written and inserts each full piece as a row.</summary>
    private sealed class PartWriter(QualityCityDbContext db, int drawId, string document) : Stream
    {
        private readonly byte[] _buffer = new byte[PartSize];
        private int _filled;
        private int _part;

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            while (!buffer.IsEmpty)
            {
                var take = Math.Min(buffer.Length, _buffer.Length - _filled);
                buffer[..take].CopyTo(_buffer.AsMemory(_filled));
                _filled += take;
                buffer = buffer[take..];
                if (_filled == _buffer.Length)
                {
                    await InsertAsync(cancellationToken);
                }
            }
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        // A flush does not cut a piece: pieces are full except the last, which CompleteAsync writes.
        public override void Flush()
        {
        }

        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public async Task CompleteAsync(CancellationToken cancellationToken)
        {
            if (_filled > 0 || _part == 0)
            {
                await InsertAsync(cancellationToken);
            }
        }

        private async Task InsertAsync(CancellationToken cancellationToken)
        {
            await db.Database.ExecuteSqlRawAsync("""INSERT INTO plan_record_parts ("DrawId", "Document", "Part", "Bytes") VALUES ({0}, {1}, {2}, {3})""",
                [drawId, document, _part, _buffer[.._filled]], cancellationToken);
            _part++;
            _filled = 0;
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }

    /// <summary>Reads the pieces in order, fetching the next when the current one is used up.</summary>
    private sealed class PartReader(QualityCityDbContext db, int drawId, string document) : Stream
    {
        private byte[] _current = [];
        private int _offset;
        private int _next;
        private bool _ended;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            while (_offset == _current.Length && !_ended)
            {
                var part = _next;
                var bytes = await db.PlanRecordParts.AsNoTracking().Where(p => p.DrawId == drawId && p.Document == document && p.Part == part)
                    .Select(p => p.Bytes).FirstOrDefaultAsync(cancellationToken);
                _ended = bytes is null;
                _current = bytes ?? [];
                _offset = 0;
                _next++;
            }

            var count = Math.Min(buffer.Length, _current.Length - _offset);
            _current.AsMemory(_offset, count).CopyTo(buffer);
            _offset += count;
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
