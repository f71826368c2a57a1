using FsCheck;
using FsCheck.Fluent;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using QualityCity.Web.Localization;
using QualityCity.Web.Modules.PublicVoice.Open311;

namespace QualityCity.Fuzzing.PublicVoice;

/// <summary>The form of an Open311 POST (service_requests): every field an outside client may send, dropped, doubled or hostile.</summary>
public sealed class Open311FormFuzzTests
{
    private static readonly Text Text = new();

    private static readonly string[] ServiceCodes = ["prepaid-refund", "prepaid-closed", "price-unmarked", "price-fraud", "equipment-elevator", "product-fake", "food-catering"];

    /// <summary>Each field with values a real client sends.</summary>
    private static readonly (string Field, string[] Valid)[] Fields =
    [
        ("service_code", ServiceCodes),
        ("description", ["路边摊贩卖过期食品，请尽快处理。", "短", "The shop sells expired milk."]),
        ("lat", ["36.4567", "-90", "90", "0"]),
        ("long", ["115.985", "-180", "180", "0"]),
        ("address_string", ["聊城市东昌府区柳园街道某超市", "阳谷县狮子楼"]),
        ("address_id", ["A-1024", "371502-88"]),
        ("email", ["wang@example.cn"]),
        ("phone", ["13800000000", "0635-8888888"]),
        ("first_name", ["先生"]),
        ("last_name", ["王"]),
        ("media_url", ["https://example.org/photo.jpg", "http://img.example.cn/a?b=1"]),
        ("api_key", ["3f2a9c"]),
        ("jurisdiction_id", ["liaocheng.gov.cn"]),
        ("attribute[issuer]", ["某健身房"]),
        ("attribute[amount]", ["128.5", "1,000", "0"]),
        ("attribute[price_marked]", ["10", "9.90"]),
        ("attribute[price_charged]", ["12.5", "100"]),
        ("attribute[situation]", ["trapped", "fault", "certificate"]),
        ("attribute[bought_at]", ["online", "store", "market"]),
        ("attribute[bought_on]", ["2026-12-05T10:00:00+08:00", "2026-12-05T10:00:00 08:00", "2026-12-05"]),
    ];

    /// <summary>Every field a refusal may name.</summary>
    private static readonly string[] Named = ["service_code", "attribute[", "lat", "long", "address_string", "address_id", "media_url", "description", "email", "phone"];

    private static readonly Dictionary<string, string[]> RequiredAttributes = new(StringComparer.Ordinal)
    {
        ["prepaid-refund"] = ["issuer"], ["prepaid-closed"] = ["issuer"], ["price-unmarked"] = ["price_charged"], ["price-fraud"] = ["price_charged"],
        ["equipment-elevator"] = ["situation"],
    };

    private static readonly Dictionary<string, string[]> ListAttributes = new(StringComparer.Ordinal)
    {
        ["situation"] = ["trapped", "fault", "certificate"], ["bought_at"] = ["online", "store", "market"],
    };

    private static Gen<string[]> Values(string[] valid) =>
        Gen.Frequency((3, Gen.Constant(Array.Empty<string>())), (7, FuzzGen.TextOr(valid).Select(v => new[] { v })),
            (1, FuzzGen.TextOr(valid).SelectMany(a => FuzzGen.TextOr(valid).Select(b => new[] { a, b }))));

    private static Gen<(string Field, string[] Values)[]> AllFields =>
        Fields.Select(f => Values(f.Valid).Select(v => (f.Field, v)))
            .Aggregate(Gen.Constant(Array.Empty<(string Field, string[] Values)>()), (all, next) => all.SelectMany(a => next.Select(n => ((string Field, string[] Values)[])[.. a, n])));

    private static Gen<Dictionary<string, StringValues>> Form =>
        from values in AllFields
        from stranger in Gen.Frequency((4, Gen.Constant<(string, string)?>(null)), (1, FuzzGen.Text(4).SelectMany(k => FuzzGen.Text().Select(v => ((string, string)?)(k, v)))))
        select Build(values, stranger);

    private static Dictionary<string, StringValues> Build((string Field, string[] Values)[] fields, (string Key, string Value)? stranger)
    {
        var form = new Dictionary<string, StringValues>(StringComparer.OrdinalIgnoreCase);
        foreach (var (field, values) in fields.Where(f => f.Values.Length > 0))
        {
            form[field] = new StringValues(values);
        }

        if (stranger is { } extra)
        {
            form[extra.Key] = extra.Value;
        }

        return form;
    }

    [Fact]
    public void An_Open311_form_is_read_or_refused_naming_the_field_and_what_is_read_is_a_place_and_a_way_to_answer()
    {
        Fuzz.Check("open311 form", Form, fields =>
        {
            var form = new FormCollection(fields);
            if (Open311Form.ServiceCode(form) is not { } serviceCode)
            {
                return;
            }

            var (read, error) = Open311Form.Read(form, serviceCode, Text);
            if (read is null)
            {
                Refusal.AssertClear(error, Named);
                return;
            }

            Assert.Null(error);
            Assert.Equal(read.Latitude is null, read.Longitude is null);
            if (read.Latitude is { } lat)
            {
                Assert.InRange(lat, -90, 90);
                Assert.InRange(read.Longitude!.Value, -180, 180);
            }

            Assert.True(read.Latitude is not null || read.Address is not null || read.AddressId is not null);
            Assert.True(read.AddressId is null or { Length: <= 100 });
            if (read.MediaUrl is { } media)
            {
                Assert.True(media.Length <= 1000 && Uri.TryCreate(media, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https", media);
            }

            Assert.True(read.Description is null or { Length: <= 4000 });
            Assert.True(read.Anonymous || read.Email is not null || read.Phone is not null);
            foreach (var required in RequiredAttributes.GetValueOrDefault(serviceCode) ?? [])
            {
                Assert.True(read.Attributes.ContainsKey(required), $"attribute[{required}] missing yet accepted");
            }

            foreach (var (code, values) in read.Attributes)
            {
                Assert.NotEmpty(values);
                if (ListAttributes.TryGetValue(code, out var allowed))
                {
                    Assert.All(values, v => Assert.Contains(v, allowed));
                }
            }
        });
    }
}
