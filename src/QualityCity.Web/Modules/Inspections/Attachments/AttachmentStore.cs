using QualityCity.Domain.Execution;
using QualityCity.Web.Hosting;

namespace QualityCity.Web.Modules.Inspections.Attachments;

/// <summary>A file that passed the checks and is stored: its type (from its bytes), size and SHA-256.</summary>
public sealed record StoredFile(FileKind Kind, long Size, string Sha256, string FileName);

/// <summary>
/// Keeps uploaded files in <c>{data}/uploads/ab/abcdef…</c>, named by their SHA-256: the same photo
/// sent twice is stored once, a stored file is never overwritten with other bytes, and a backup of
/// the data directory with the database restores both (ADR 0012).
/// </summary>
public sealed class AttachmentStore(DatabaseSettings settings)
{
    private string Folder => Path.Combine(settings.DataDirectory, "uploads");

    /// <summary>
    /// Reads an upload up to <paramref name="maxBytes"/>, checks that its bytes are one of the
    /// allowed kinds, and stores it. Returns the reason when the file is refused; nothing is stored then.
    /// </summary>
    public async Task<(StoredFile? File, string? Error)> SaveAsync(IFormFile? upload, IReadOnlyCollection<FileKind> allowed, long maxBytes,
        Localization.Text text, CancellationToken cancellationToken)
    {
        if (upload is null || upload.Length == 0)
        {
            return (null, text["请选择一个文件"]);
        }

        if (upload.Length > maxBytes)
        {
            return (null, text.Format("文件过大：{0:0.#} MB，上限 {1} MB", upload.Length / 1048576.0, maxBytes / 1048576));
        }

        using var buffer = new MemoryStream((int)upload.Length);
        await upload.CopyToAsync(buffer, cancellationToken);
        var bytes = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        var kind = UploadedFileType.Detect(bytes.Span[..Math.Min(bytes.Length, UploadedFileType.HeaderLength)]);
        if (!allowed.Contains(kind))
        {
            return (null, text.Format("文件类型不允许：只接受 {0}（按文件内容判断，不按文件名）", string.Join("、", allowed.Select(UploadedFileType.Extension))));
        }

        var sha = Domain.Common.Sha256.Hex(bytes.Span);
        var path = PathOf(sha);
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var temporary = $"{path}.{Guid.NewGuid():N}.part";
            await File.WriteAllBytesAsync(temporary, bytes, cancellationToken);
            File.Move(temporary, path, overwrite: true);
        }

        return (new StoredFile(kind, bytes.Length, sha, CleanName(upload.FileName, kind)), null);
    }

    public Stream OpenRead(string sha256) => File.OpenRead(PathOf(sha256));

    private string PathOf(string sha256) => Path.Combine(Folder, sha256[..2], sha256);

    /// <summary>The sender's name without folders or control characters, with the extension of its real type.</summary>
    private static string CleanName(string? name, FileKind kind)
    {
        var baseName = Path.GetFileNameWithoutExtension(Path.GetFileName(name ?? string.Empty));
        var clean = new string(baseName.Where(c => !char.IsControl(c) && c is not ('"' or '\\' or '/')).Take(80).ToArray()).Trim();
        return (clean.Length == 0 ? "file" : clean) + UploadedFileType.Extension(kind);
    }
}
