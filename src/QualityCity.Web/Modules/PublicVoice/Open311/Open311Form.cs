using System.Globalization;
using QualityCity.Web.Data;
using QualityCity.Web.Localization;

namespace QualityCity.Web.Modules.PublicVoice.Open311;

/// <summary>
/// The fields of an Open311 POST once read and checked: what needs no database (the attributes of
/// the service, the location, the media link, the description's length and the contact), so that the
/// form's checks can be tried on any input without a server. Blank fields are absent.
/// </summary>
public sealed record Open311Form(IReadOnlyDictionary<string, List<string>> Attributes, double? Latitude, double? Longitude, string? Address, string? AddressId,
    string? MediaUrl, string? Description, string? Email, string? Phone, string? Name)
{
    /// <summary>No name, phone or e-mail was given.</summary>
    public bool Anonymous => Email is null && Phone is null && Name is null;

    /// <summary>The field's value as sent (repeated values joined by commas); null when absent or empty.</summary>
    public static string? Field(IFormCollection form, string name) => form[name].ToString() is { Length: > 0 } value ? value : null;

    /// <summary>The service_code, trimmed; null when absent.</summary>
    public static string? ServiceCode(IFormCollection form) => Field(form, "service_code")?.Trim();

    /// <summary>
    /// Reads the form of a request for <paramref name="serviceCode"/> (already known to be a service):
    /// the fields, or the first refusal, which names its field — in the order the endpoint has always
    /// checked them: attributes, lat and long, the location, address_id, media_url, description, the contact.
    /// </summary>
    public static (Open311Form? Form, string? Error) Read(IFormCollection form, string serviceCode, Text text)
    {
        // Attributes: attribute[CODE]=value, repeated for a multivaluelist.
        var values = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var attribute in Open311Services.For(serviceCode))
        {
            var given = form[$"attribute[{attribute.Code}]"].Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!.Trim()).ToList();
            if (given.Count == 0)
            {
                if (attribute.Required)
                {
                    return (null, text.Format("缺少必填的 attribute[{0}]", attribute.Code));
                }

                continue;
            }

            if (AttributeError(attribute, given, text) is { } error)
            {
                return (null, error);
            }

            values[attribute.Code] = given;
        }

        double? lat = null, lon = null;
        if (Field(form, "lat") is not null || Field(form, "long") is not null)
        {
            lat = ParseDouble(Field(form, "lat"));
            lon = ParseDouble(Field(form, "long"));
            if (lat is null or < -90 or > 90 || double.IsNaN(lat.Value))
            {
                return (null, text["lat 应为 -90 到 90 之间的纬度（WGS84），与 long 一起提供"]);
            }

            if (lon is null or < -180 or > 180 || double.IsNaN(lon.Value))
            {
                return (null, text["long 应为 -180 到 180 之间的经度（WGS84），与 lat 一起提供"]);
            }
        }

        var address = Field(form, "address_string")?.Trim();
        var addressId = Field(form, "address_id")?.Trim();
        if (lat is null && address is null && addressId is null)
        {
            return (null, text["须提供位置：lat 和 long、address_string 或 address_id"]);
        }

        if (addressId is { Length: > 100 })
        {
            return (null, text["address_id 不能超过 100 字"]);
        }

        var mediaUrl = Field(form, "media_url")?.Trim();
        if (mediaUrl is not null && (mediaUrl.Length > 1000 || !Uri.TryCreate(mediaUrl, UriKind.Absolute, out var media) || media.Scheme is not ("http" or "https")))
        {
            return (null, text["media_url 应为 http 或 https 网址（不超过 1000 字）"]);
        }

        var description = Field(form, "description")?.Trim();
        if (description is { Length: > VoiceItemTable.MaxDescription })
        {
            return (null, text.Format("description 不能超过 {0} 字", VoiceItemTable.MaxDescription));
        }

        var email = Field(form, "email")?.Trim();
        var phone = Field(form, "phone")?.Trim();
        var name = string.Concat(Field(form, "last_name")?.Trim(), Field(form, "first_name")?.Trim()) is { Length: > 0 } fullName ? fullName : null;
        var fields = new Open311Form(values, lat, lon, address, addressId, mediaUrl, description, email, phone, name);
        if (!fields.Anonymous && email is null && phone is null)
        {
            return (null, text["留了姓名时，请同时提供 email 或 phone"]);
        }

        return (fields, null);
    }

    private static string? AttributeError(Open311Attribute attribute, List<string> given, Text text)
    {
        var field = $"attribute[{attribute.Code}]";
        if (attribute.Datatype != "multivaluelist" && given.Count > 1)
        {
            return text.Format("{0} 只能有一个值", field);
        }

        foreach (var value in given)
        {
            var ok = attribute.Datatype switch
            {
                "number" => decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out _),
                "datetime" => Open311Work.ParseTime(value) is { Valid: true },
                "singlevaluelist" or "multivaluelist" => attribute.Values!.Any(v => v.Key == value),
                "text" => value.Length <= VoiceItemTable.MaxDescription,
                _ => value.Length <= 200,
            };
            if (!ok)
            {
                return attribute.Datatype switch
                {
                    "number" => text.Format("{0} 应为数字", field),
                    "datetime" => text.Format("{0} 应为 ISO 8601 日期时间", field),
                    "singlevaluelist" or "multivaluelist" => text.Format("{0} 只能是 {1}", field, string.Join(", ", attribute.Values!.Select(v => v.Key))),
                    _ => text.Format("{0} 太长", field),
                };
            }
        }

        return null;
    }

    private static double? ParseDouble(string? value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : null;
}
