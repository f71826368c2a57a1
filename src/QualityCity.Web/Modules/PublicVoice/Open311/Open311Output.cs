using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml;

namespace QualityCity.Web.Modules.PublicVoice.Open311;

/// <summary>An Open311 object: its fields in the order the GeoReport v2 wiki lists them; a value is a string, number, bool, instant, null or <see cref="Open311List"/>.</summary>
internal sealed class Open311Object : List<KeyValuePair<string, object?>>
{
    public void Add(string name, object? value) => Add(new KeyValuePair<string, object?>(name, value));
}

/// <summary>A list, with the element name each item gets in XML (<c>endpoints</c> → <c>endpoint</c>).</summary>
internal sealed record Open311List(string ItemName, IReadOnlyList<object?> Items);

/// <summary>
/// Writes one answer in both formats from the same values, so the XML carries exactly what the JSON
/// does: JSON arrays and objects, and XML with a UTF-8 declaration, an element per field, an empty
/// element for null and the wiki's element names for list items. Times are ISO 8601 in China time
/// with their offset (2026-12-05T14:30:00+08:00).
/// </summary>
internal static class Open311Output
{
    public const string Json = "json";
    public const string Xml = "xml";
    public const string JsonContentType = "application/json; charset=utf-8";
    public const string XmlContentType = "text/xml; charset=utf-8";
    private static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    /// <summary>The resource's format from its extension: none or <c>json</c> is JSON, <c>xml</c> XML; anything else null.</summary>
    public static string? Format(string? extension) => extension?.ToLowerInvariant() switch
    {
        null or "" or Json => Json,
        Xml => Xml,
        _ => null,
    };

    public static string Time(DateTime utc) =>
        new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToOffset(ChinaOffset).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary>The body and its content type; <paramref name="root"/> is the XML root element (<c>service_requests</c>).</summary>
    public static IResult Result(string format, object value, string root, int status = StatusCodes.Status200OK) =>
        format == Xml
            ? Results.Text(ToXml(value, root), XmlContentType, Encoding.UTF8, status)
            : Results.Text(ToJson(value), JsonContentType, Encoding.UTF8, status);

    /// <summary>Errors as the wiki shows them: <c>[{"code": 404, "description": "…"}]</c>, <c>&lt;errors&gt;&lt;error&gt;…</c> in XML.</summary>
    public static IResult Error(string format, int status, string description) =>
        Result(format, new Open311List("error", [new Open311Object { { "code", status }, { "description", description } }]), "errors", status);

    public static string ToJson(object value)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            WriteJson(writer, value);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteJson(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case Open311Object obj:
                writer.WriteStartObject();
                foreach (var (name, field) in obj)
                {
                    writer.WritePropertyName(name);
                    WriteJson(writer, field);
                }

                writer.WriteEndObject();
                break;
            case Open311List list:
                writer.WriteStartArray();
                foreach (var item in list.Items)
                {
                    WriteJson(writer, item);
                }

                writer.WriteEndArray();
                break;
            case string text:
                writer.WriteStringValue(text);
                break;
            case bool flag:
                writer.WriteBooleanValue(flag);
                break;
            case int number:
                writer.WriteNumberValue(number);
                break;
            case double number:
                writer.WriteNumberValue(number);
                break;
            case decimal number:
                writer.WriteNumberValue(number);
                break;
            case DateTime utc:
                writer.WriteStringValue(Time(utc));
                break;
            default:
                throw new InvalidOperationException($"no Open311 form for {value.GetType()}");
        }
    }

    public static string ToXml(object value, string root)
    {
        var text = new StringBuilder();
        // The declaration as the wiki spells it (encoding="UTF-8"); XmlWriter would write it in lower case.
        text.Append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        using (var writer = XmlWriter.Create(new StringWriter(text, CultureInfo.InvariantCulture), new XmlWriterSettings { OmitXmlDeclaration = true, Indent = false }))
        {
            WriteXml(writer, root, value);
        }

        return text.ToString();
    }

    private static void WriteXml(XmlWriter writer, string name, object? value)
    {
        writer.WriteStartElement(name);
        switch (value)
        {
            case null:
                break;
            case Open311Object obj:
                foreach (var (field, fieldValue) in obj)
                {
                    WriteXml(writer, field, fieldValue);
                }

                break;
            case Open311List list:
                foreach (var item in list.Items)
                {
                    WriteXml(writer, list.ItemName, item);
                }

                break;
            case string text:
                writer.WriteString(XmlText(text));
                break;
            case bool flag:
                writer.WriteString(flag ? "true" : "false");
                break;
            case int number:
                writer.WriteString(number.ToString(CultureInfo.InvariantCulture));
                break;
            case double number:
                writer.WriteString(number.ToString("R", CultureInfo.InvariantCulture));
                break;
            case decimal number:
                writer.WriteString(number.ToString(CultureInfo.InvariantCulture));
                break;
            case DateTime utc:
                writer.WriteString(Time(utc));
                break;
            default:
                throw new InvalidOperationException($"no Open311 form for {value.GetType()}");
        }

        writer.WriteEndElement();
    }

    /// <summary>
    /// The text with the characters XML 1.0 cannot carry at all (control characters other than tab and
    /// line breaks, lone surrogates) replaced by U+FFFD; the JSON answer keeps them, escaped.
    /// </summary>
    private static string XmlText(string text)
    {
        if (text.All(XmlConvert.IsXmlChar))
        {
            return text;
        }

        var clean = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (XmlConvert.IsXmlChar(text[i]))
            {
                clean.Append(text[i]);
            }
            else if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i]))
            {
                clean.Append(text, i++, 2);
            }
            else
            {
                clean.Append('\uFFFD');
            }
        }

        return clean.ToString();
    }
}
