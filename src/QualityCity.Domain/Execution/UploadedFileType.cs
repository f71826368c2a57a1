namespace QualityCity.Domain.Execution;

/// <summary>The kinds of file an upload may be.</summary>
public enum FileKind
{
    /// <summary>None of the accepted types.</summary>
    Unknown,

    /// <summary>A JPEG photo.</summary>
    Jpeg,

    /// <summary>A PNG image (a screenshot, a scan).</summary>
    Png,

    /// <summary>A WebP image (what some phones save).</summary>
    WebP,

    /// <summary>A PDF document (a licence, a record book, a test report).</summary>
    Pdf,
}

/// <summary>
/// The type of an uploaded file, read from its first bytes rather than from its name or the
/// browser's declared content type: both are chosen by the sender, and a photo that is really an
/// HTML page or an executable must not be stored and served back as evidence (EXE-3).
/// </summary>
public static class UploadedFileType
{
    /// <summary>The bytes needed to recognise every supported type.</summary>
    public const int HeaderLength = 12;

    /// <summary>The kind of file whose first bytes are given (at least <see cref="HeaderLength"/> when the file is that long).</summary>
    public static FileKind Detect(ReadOnlySpan<byte> header)
    {
        if (header.Length >= 3 && header[0] == 0xFF && header[1] == 0xD8 && header[2] == 0xFF)
        {
            return FileKind.Jpeg;
        }

        if (header.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return FileKind.Png;
        }

        // RIFF, four bytes of length, WEBP.
        if (header.Length >= 12 && header[..4].SequenceEqual("RIFF"u8) && header[8..12].SequenceEqual("WEBP"u8))
        {
            return FileKind.WebP;
        }

        return header.StartsWith("%PDF-"u8) ? FileKind.Pdf : FileKind.Unknown;
    }

    /// <summary>The content type the file is served with.</summary>
    public static string ContentType(FileKind kind) => kind switch
    {
        FileKind.Jpeg => "image/jpeg",
        FileKind.Png => "image/png",
        FileKind.WebP => "image/webp",
        FileKind.Pdf => "application/pdf",
        _ => "application/octet-stream",
    };

    /// <summary>The file-name extension of the kind, with its dot.</summary>
    public static string Extension(FileKind kind) => kind switch
    {
        FileKind.Jpeg => ".jpg",
        FileKind.Png => ".png",
        FileKind.WebP => ".webp",
        FileKind.Pdf => ".pdf",
        _ => ".bin",
    };

    /// <summary>Whether the kind is a picture (shown inline) rather than a document.</summary>
    public static bool IsImage(FileKind kind) => kind is FileKind.Jpeg or FileKind.Png or FileKind.WebP;
}
