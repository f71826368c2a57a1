namespace QualityCity.Domain.Registry;

/// <summary>
/// Turns an entity name into the text its full-text index holds: every letter and digit as its own
/// token, separated by spaces, letters in lower case ("聊城泰昌线缆（演示）" → "聊 城 泰 昌 线 缆 演 示").
/// A search for "线缆" becomes the phrase "线 缆": adjacent tokens in that order, which is a substring
/// match that also works for one- and two-character Chinese words, with no word segmentation and on
/// both SQLite (FTS5) and PostgreSQL (tsvector).
/// </summary>
public static class NameTokens
{
    /// <summary>The space-separated character tokens of a text; punctuation and spaces are dropped.</summary>
    public static string Of(string text)
    {
        var buffer = new char[text.Length * 2];
        var length = 0;
        foreach (var c in text)
        {
            if (!char.IsLetterOrDigit(c))
            {
                continue;
            }

            if (length > 0)
            {
                buffer[length++] = ' ';
            }

            buffer[length++] = char.ToLowerInvariant(c);
        }

        return new string(buffer, 0, length);
    }
}
