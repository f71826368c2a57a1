using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace QualityCity.Fuzzing;

/// <summary>
/// Generators of hostile outside input: text that mixes Chinese, full-width forms, separators, quotes,
/// line breaks, formula prefixes, control characters, lone surrogates and byte-order marks; and
/// mutations of valid input, which reach deeper into a parser than random text does, since most of
/// the file still makes sense.
/// </summary>
public static class FuzzGen
{
    private static readonly string[] Pieces =
    [
        "a", "Z", "0", "7", "9", "-", "_", ".", "/", ":", " ", "  ", ",", ";", "\t", "\"", "'", "\r", "\n", "\r\n",
        "=", "+", "@", "%", "#", "&", "?", "<", ">", "\\", "(", ")", "[", "]", "{", "}",
        "中", "国", "聊", "城", "市", "区", "县", "合格", "不合格", "东昌府区", "有限公司", "投诉", "举报",
        "０", "１", "Ａ", "，", "：", "。", "　", "（", "）",
        "\0", "\u0001", "\u001f", "\u007f", "\u200b", "\u202e", "\ufeff", "\ufffd", "\ud800", "\udc00", "😀",
        "-1", "0.0", "1e309", "NaN", "Infinity", "99999999999999999999", "2026-02-30", "2026-13-01", "24:61", "null", "true",
    ];

    /// <summary>Short hostile text, empty included.</summary>
    public static Gen<string> Text(int maxPieces = 12) =>
        Gen.Choose(0, maxPieces).SelectMany(n => Gen.Elements(Pieces).ArrayOf(n)).Select(parts => string.Concat(parts));

    /// <summary>Either hostile text or one of the given valid values, so that a parser's later checks are reached too.</summary>
    public static Gen<string> TextOr(params string[] valid) =>
        Gen.Frequency((2, Text()), (3, Gen.Elements(valid)), (2, Gen.Elements(valid).SelectMany(Mutate)));

    /// <summary>The valid text with one to four random edits: a character changed, a stretch cut, doubled or moved, hostile text let in, the end cut off.</summary>
    public static Gen<string> Mutate(string valid) =>
        Gen.Choose(1, 4).SelectMany(edits => Gen.Choose(0, int.MaxValue).ArrayOf(edits * 3).SelectMany(picks =>
            Text(4).ArrayOf(edits).Select(inserts =>
            {
                var text = new StringBuilder(valid);
                for (var e = 0; e < edits; e++)
                {
                    var at = text.Length == 0 ? 0 : picks[e * 3] % (text.Length + 1);
                    var length = text.Length - at == 0 ? 0 : picks[e * 3 + 1] % Math.Min(16, text.Length - at + 1);
                    switch (picks[e * 3 + 2] % 6)
                    {
                        case 0:
                            text.Remove(at, length);
                            break;
                        case 1:
                            text.Insert(at, inserts[e]);
                            break;
                        case 2:
                            text.Insert(at, text.ToString(at, length));
                            break;
                        case 3 when length > 0:
                            text.Remove(at, length).Insert(at, inserts[e]);
                            break;
                        case 4:
                            text.Length = at;
                            break;
                        default:
                            var moved = text.ToString(at, length);
                            text.Remove(at, length);
                            text.Insert(text.Length == 0 ? 0 : picks[e * 3] / 7 % (text.Length + 1), moved);
                            break;
                    }
                }

                return text.ToString();
            })));

    /// <summary>The bytes with one to eight random bytes overwritten, a stretch cut, or the end cut off.</summary>
    public static Gen<byte[]> MutateBytes(byte[] valid) =>
        Gen.Choose(1, 8).SelectMany(edits => Gen.Choose(0, int.MaxValue).ArrayOf(edits * 2).Select(picks =>
        {
            var bytes = new List<byte>(valid);
            for (var e = 0; e < edits && bytes.Count > 0; e++)
            {
                var at = picks[e * 2] % bytes.Count;
                switch (picks[e * 2 + 1] % 4)
                {
                    case 0:
                        bytes.RemoveRange(at, Math.Min(bytes.Count - at, 1 + picks[e * 2 + 1] % 64));
                        break;
                    case 1:
                        bytes.RemoveRange(at, bytes.Count - at);
                        break;
                    default:
                        bytes[at] = (byte)(picks[e * 2 + 1] >> 8);
                        break;
                }
            }

            return bytes.ToArray();
        }));

    /// <summary>
    /// A CSV file: the header line (sometimes with a column missing, doubled or renamed), then rows whose
    /// cells come from <paramref name="cell"/> for each column, quoted or not, sometimes with a cell too
    /// few or too many, in one of the line endings.
    /// </summary>
    public static Gen<string> Csv(string[] headers, Func<int, Gen<string>> cell, int maxRows = 6) =>
        from header in Gen.Frequency((6, Gen.Constant(headers)), (1, Gen.Constant(headers).SelectMany(h => Gen.Shuffle(h).Select(s => s.ToArray()))),
            (1, Gen.Choose(0, headers.Length - 1).Select(drop => headers.Where((_, i) => i != drop).ToArray())),
            (1, Gen.Constant(headers).SelectMany(h => Text(3).Select(extra => (string[])[.. h, extra]))))
        from rows in Gen.Choose(0, maxRows).SelectMany(n => Row(header.Length, cell).ArrayOf(n))
        from newline in Gen.Elements("\n", "\r\n", "\r")
        from bom in Gen.Elements("", "\ufeff")
        select bom + string.Join(newline, rows.Prepend(header.Select(Quote).ToArray()).Select(r => string.Join(',', r)));

    private static Gen<string[]> Row(int columns, Func<int, Gen<string>> cell) =>
        Gen.Frequency((8, Gen.Constant(columns)), (1, Gen.Choose(0, columns + 2))).SelectMany(n =>
            Enumerable.Range(0, n).Select(i => (i < columns ? cell(i) : Text(3)).SelectMany(c => Gen.Elements(true, false).Select(q => q ? Quote(c) : c)))
                .Aggregate(Gen.Constant(Array.Empty<string>()), (row, next) => row.SelectMany(r => next.Select(c => (string[])[.. r, c]))));

    private static string Quote(string cell) => "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
