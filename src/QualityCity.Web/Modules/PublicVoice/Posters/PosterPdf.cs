using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace QualityCity.Web.Modules.PublicVoice.Posters;

/// <summary>One poster as printed: what it is for, the QR's modules and the address it holds.</summary>
/// <param name="Heading">The title band (扫码反映问题 · 聊城市市场监督管理局).</param>
/// <param name="Target">The place, department or enterprise the poster is for.</param>
/// <param name="Qr">The QR symbol's dark modules, quiet zone included, [row, column].</param>
/// <param name="Address">The short address the QR holds, printed under it for typing.</param>
/// <param name="Notes">How it works: the tracking code, the contact kept private.</param>
/// <param name="Footer">The poster's code and the hotline.</param>
public sealed record PosterPage(string Heading, string Target, bool[,] Qr, string Address, IReadOnlyList<string> Notes, string Footer);

/// <summary>
/// A minimal PDF 1.7 writer for the posters (ADR 0035): A4 portrait pages, text in Adobe's
/// predefined Chinese font <c>STSong-Light</c> with the <c>UniGB-UCS2-H</c> encoding (not embedded:
/// every PDF viewer carries or substitutes it, so a poster is a few kilobytes), and the QR as a
/// grey image compressed with Flate. Written by hand because a whole PDF library for one page of
/// text and one image would be the platform's largest dependency.
/// </summary>
public static class PosterPdf
{
    public const double PageWidth = 595.28;
    public const double PageHeight = 841.89;

    /// <summary>Image pixels per QR module: crisp at print size even where a viewer smooths a scaled image.</summary>
    private const int PixelsPerModule = 8;

    public static byte[] Write(IReadOnlyList<PosterPage> pages, string title)
    {
        var pdf = new PdfObjects();
        var catalog = pdf.Reserve();
        var pageTree = pdf.Reserve();
        var font = pdf.Reserve();
        var cidFont = pdf.Reserve();
        var descriptor = pdf.Reserve();
        var info = pdf.Reserve();
        pdf.Set(font, $"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [{cidFont} 0 R] >>");

        // Adobe-GB1's Latin glyphs (CIDs 1–95 proportional, 814–939 half-width) are given half an em,
        // the ideographs the default em: the widths the layout below measures with.
        pdf.Set(cidFont, "<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> "
            + $"/FontDescriptor {descriptor} 0 R /DW 1000 /W [1 95 500 814 939 500] >>");
        pdf.Set(descriptor, "<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 "
            + "/CapHeight 626 /StemV 93 >>");
        var kids = new List<int>();
        foreach (var page in pages)
        {
            var pageId = pdf.Reserve();
            var contentId = pdf.Reserve();
            var imageId = pdf.Reserve();
            var (imageBytes, imageSide) = QrImage(page.Qr);
            pdf.SetStream(imageId, $"<< /Type /XObject /Subtype /Image /Width {imageSide} /Height {imageSide} /ColorSpace /DeviceGray /BitsPerComponent 8 "
                + "/Interpolate false /Filter /FlateDecode", Deflate(imageBytes));
            pdf.SetStream(contentId, "<< /Filter /FlateDecode", Deflate(Encoding.ASCII.GetBytes(Content(page))));
            pdf.Set(pageId, $"<< /Type /Page /Parent {pageTree} 0 R /MediaBox [0 0 {N(PageWidth)} {N(PageHeight)}] "
                + $"/Resources << /Font << /F1 {font} 0 R >> /XObject << /Im1 {imageId} 0 R >> >> /Contents {contentId} 0 R >>");
            kids.Add(pageId);
        }

        pdf.Set(pageTree, $"<< /Type /Pages /Kids [{string.Join(' ', kids.Select(k => $"{k} 0 R"))}] /Count {kids.Count} >>");
        pdf.Set(catalog, $"<< /Type /Catalog /Pages {pageTree} 0 R >>");
        pdf.Set(info, $"<< /Title {TextString(title)} /Producer (QualityCity) >>");
        return pdf.Build(catalog, info);
    }

    /// <summary>The width of a line in ems: ideographs one em, ASCII half.</summary>
    public static double Ems(string text) => text.Sum(c => c < 0x80 ? 0.5 : 1.0);

    /// <summary>Lines of at most <paramref name="maxEms"/> ems, broken between characters (Chinese has no spaces to break at).</summary>
    public static IReadOnlyList<string> Wrap(string text, double maxEms)
    {
        var lines = new List<string>();
        var line = new StringBuilder();
        var width = 0.0;
        foreach (var c in text)
        {
            var w = c < 0x80 ? 0.5 : 1.0;
            if (width + w > maxEms && line.Length > 0)
            {
                lines.Add(line.ToString());
                line.Clear();
                width = 0;
            }

            line.Append(c);
            width += w;
        }

        if (line.Length > 0)
        {
            lines.Add(line.ToString());
        }

        return lines;
    }

    private static string Content(PosterPage page)
    {
        const double margin = 48;
        var usable = PageWidth - (2 * margin);
        var s = new StringBuilder();

        // The title band: white on the bureau's red.
        s.Append("0.757 0.118 0.141 rg 0 ").Append(N(PageHeight - 110)).Append(' ').Append(N(PageWidth)).Append(" 110 re f\n");
        var headingSize = Math.Min(28, usable / Math.Max(1, Ems(page.Heading)));
        s.Append("1 1 1 rg\n");
        Centered(s, page.Heading, headingSize, PageHeight - 68);
        s.Append("0 0 0 rg\n");

        var y = PageHeight - 160;
        foreach (var line in Wrap(page.Target, usable / 22).Take(3))
        {
            Centered(s, line, 22, y);
            y -= 30;
        }

        const double qrSide = 300;
        var qrTop = y - 10;
        s.Append("q ").Append(N(qrSide)).Append(" 0 0 ").Append(N(qrSide)).Append(' ').Append(N((PageWidth - qrSide) / 2)).Append(' ')
            .Append(N(qrTop - qrSide)).Append(" cm /Im1 Do Q\n");
        y = qrTop - qrSide - 30;
        Centered(s, "用手机扫描二维码，或在浏览器中打开：", 14, y);
        y -= 24;
        Centered(s, page.Address, Math.Min(16, usable / Math.Max(1, Ems(page.Address))), y);
        y -= 36;
        foreach (var note in page.Notes)
        {
            foreach (var line in Wrap(note, usable / 12))
            {
                Left(s, line, 12, margin, y);
                y -= 18;
            }

            y -= 6;
        }

        s.Append("0.4 0.4 0.4 rg\n");
        Centered(s, page.Footer, 10, 40);
        return s.ToString();
    }

    private static void Centered(StringBuilder s, string text, double size, double y) => Left(s, text, size, (PageWidth - (Ems(text) * size)) / 2, y);

    private static void Left(StringBuilder s, string text, double size, double x, double y) =>
        s.Append("BT /F1 ").Append(N(size)).Append(" Tf ").Append(N(x)).Append(' ').Append(N(y)).Append(" Td ").Append(Ucs2(text)).Append(" Tj ET\n");

    /// <summary>Text in the UCS-2 big-endian codes UniGB-UCS2-H reads, as a hex string; a character outside the BMP becomes a question mark.</summary>
    private static string Ucs2(string text)
    {
        var hex = new StringBuilder(2 + (text.Length * 4)).Append('<');
        foreach (var c in text)
        {
            hex.Append(((int)(char.IsSurrogate(c) ? '?' : c)).ToString("X4", CultureInfo.InvariantCulture));
        }

        return hex.Append('>').ToString();
    }

    /// <summary>A PDF text string (document information) in UTF-16BE with its byte-order mark.</summary>
    private static string TextString(string text) => "<FEFF" + Ucs2(text)[1..];

    /// <summary>The QR as grey pixels (0 dark, 255 light), <see cref="PixelsPerModule"/> a module, rows from the top.</summary>
    private static (byte[] Pixels, int Side) QrImage(bool[,] modules)
    {
        var count = modules.GetLength(0);
        var side = count * PixelsPerModule;
        var pixels = new byte[side * side];
        for (var y = 0; y < side; y++)
        {
            for (var x = 0; x < side; x++)
            {
                pixels[(y * side) + x] = modules[y / PixelsPerModule, x / PixelsPerModule] ? (byte)0 : (byte)255;
            }
        }

        return (pixels, side);
    }

    private static byte[] Deflate(byte[] data)
    {
        using var buffer = new MemoryStream();
        using (var zlib = new ZLibStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(data);
        }

        return buffer.ToArray();
    }

    private static string N(double value) => Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>The numbered objects of a file and its cross-reference table, with each object's byte offset.</summary>
    private sealed class PdfObjects
    {
        private readonly List<byte[]> _bodies = [];

        public int Reserve()
        {
            _bodies.Add([]);
            return _bodies.Count;
        }

        public void Set(int id, string dictionary) => _bodies[id - 1] = Encoding.ASCII.GetBytes(dictionary);

        public void SetStream(int id, string openDictionary, byte[] data)
        {
            using var body = new MemoryStream();
            body.Write(Encoding.ASCII.GetBytes($"{openDictionary} /Length {data.Length} >>\nstream\n"));
            body.Write(data);
            body.Write("\nendstream"u8);
            _bodies[id - 1] = body.ToArray();
        }

        public byte[] Build(int catalog, int info)
        {
            using var file = new MemoryStream();

            // The binary comment line tells transfer programs the file is binary.
            file.Write("%PDF-1.7\n%"u8);
            file.Write([0xE2, 0xE3, 0xCF, 0xD3, (byte)'\n']);
            var offsets = new long[_bodies.Count];
            for (var i = 0; i < _bodies.Count; i++)
            {
                offsets[i] = file.Position;
                file.Write(Encoding.ASCII.GetBytes($"{i + 1} 0 obj\n"));
                file.Write(_bodies[i]);
                file.Write("\nendobj\n"u8);
            }

            var xref = file.Position;
            var table = new StringBuilder().Append("xref\n0 ").Append(_bodies.Count + 1).Append("\n0000000000 65535 f\r\n");
            foreach (var offset in offsets)
            {
                table.Append(offset.ToString("D10", CultureInfo.InvariantCulture)).Append(" 00000 n\r\n");
            }

            var id = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(file.ToArray()).AsSpan(0, 16));
            table.Append("trailer\n<< /Size ").Append(_bodies.Count + 1).Append(" /Root ").Append(catalog).Append(" 0 R /Info ").Append(info)
                .Append(" 0 R /ID [<").Append(id).Append("> <").Append(id).Append(">] >>\nstartxref\n").Append(xref).Append("\n%%EOF\n");
            file.Write(Encoding.ASCII.GetBytes(table.ToString()));
            return file.ToArray();
        }
    }
}
