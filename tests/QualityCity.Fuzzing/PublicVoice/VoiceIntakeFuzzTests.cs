using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.AspNetCore.Http.Json;
using QualityCity.Domain.PublicVoice;
using QualityCity.Web.Localization;
using QualityCity.Web.Modules.PublicVoice;
using QualityCity.Web.Modules.PublicVoice.Intake;

namespace QualityCity.Fuzzing.PublicVoice;

/// <summary>The public intake: the JSON body of POST /api/voice/items, the checks of every field, the codes it reads and the tracking page's look-up.</summary>
public sealed class VoiceIntakeFuzzTests
{
    private static readonly Text Text = new();

    private static readonly JsonOptions Json = new();

    /// <summary>The fields of a submission as the JSON names them, and the body itself.</summary>
    private static readonly HashSet<string> FieldNames = new(StringComparer.Ordinal)
    {
        "kind", "category", "county", "township", "address", "latitude", "longitude", "creditCode", "entityName", "description", "anonymous",
        "contactName", "contactPhone", "contactEmail", "channel", "poster", "photos", VoiceIntakeEndpoint.BodyField,
    };

    /// <summary>A field of the wrong type is named as the client spelled it: the reader matches names in any case.</summary>
    private static readonly HashSet<string> AnyCase = new(FieldNames, StringComparer.OrdinalIgnoreCase);

    private static readonly (string Field, string[] Valid)[] TextFields =
    [
        ("kind", [.. VoiceCodes.Kinds, " Complaint "]),
        ("category", ["food-catering", "price-fraud"]),
        ("county", ["371502", "东昌府区"]),
        ("township", ["柳园街道"]),
        ("address", ["东昌府区柳园街道某餐馆"]),
        ("creditCode", ["91371500MA3C4QWX0R", "91371500ma3c4qwx0r"]),
        ("entityName", ["聊城某餐饮有限公司"]),
        ("description", ["在该餐馆就餐后腹泻，后厨卫生条件差，请核查。", "短"]),
        ("contactName", ["王先生"]),
        ("contactPhone", ["13800000000", "+86 138-0000-0000", "0635-8888888"]),
        ("contactEmail", ["wang@example.cn"]),
        ("channel", ["web", "poster", "api", "open311"]),
        ("poster", ["QX7K2M", "qx7k2m"]),
    ];

    private const string ValidBody =
        """{"kind":"complaint","category":"food-catering","county":"371502","township":null,"address":"东昌府区柳园街道某餐馆","latitude":36.45,"longitude":115.98,"creditCode":null,"entityName":"某餐馆","description":"在该餐馆就餐后腹泻，后厨卫生条件差，请核查。","anonymous":false,"contactName":"王先生","contactPhone":"13800000000","contactEmail":null,"channel":"api","poster":null}""";

    /// <summary>A JSON string: control characters and, at times, every non-ASCII character escaped (lone surrogates so reach the reader as escapes).</summary>
    private static string Quoted(string value, bool escapeAll)
    {
        var json = new StringBuilder("\"");
        foreach (var c in value)
        {
            json.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                _ when c < ' ' || (escapeAll && c > '~') => string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"),
                _ => c.ToString(),
            });
        }

        return json.Append('"').ToString();
    }

    private static readonly string[] OtherValues = ["null", "true", "false", "0", "-1.5e3", "1e400", "[]", "{}", "[\"a\",\"b\"]", "{\"a\":1}", "\"\""];

    private static Gen<string> Member(string field, string[] valid) =>
        Gen.Frequency(
            (2, Gen.Constant(string.Empty)),
            (6, FuzzGen.TextOr(valid).SelectMany(v => Gen.Elements(true, false).Select(e => $"\"{field}\":{Quoted(v, e)}"))),
            (1, Gen.Elements(OtherValues).Select(v => $"\"{field}\":{v}")));

    private static Gen<string> StructuredBody =>
        from members in TextFields.Select(f => Member(f.Field, f.Valid))
            .Append(Gen.Elements("36.45", "-91", "1e309", "\"north\"", "null", "90").Select(v => $"\"latitude\":{v}"))
            .Append(Gen.Elements("115.98", "181", "-180", "null", "[1]").Select(v => $"\"longitude\":{v}"))
            .Append(Gen.Elements("true", "false", "null", "\"yes\"", "1").Select(v => $"\"anonymous\":{v}"))
            .Aggregate(Gen.Constant(Array.Empty<string>()), (all, next) => all.SelectMany(a => next.Select(n => (string[])[.. a, n])))
        from order in Gen.Shuffle(members)
        select "{" + string.Join(",", order.Where(m => m.Length > 0)) + "}";

    private static Gen<byte[]> Body =>
        Gen.Frequency(
            (4, StructuredBody.Select(Encoding.UTF8.GetBytes)),
            (3, FuzzGen.Mutate(ValidBody).Select(Encoding.UTF8.GetBytes)),
            (2, FuzzGen.MutateBytes(Encoding.UTF8.GetBytes(ValidBody))),
            (1, FuzzGen.Text().Select(Encoding.UTF8.GetBytes)));

    [Fact]
    public void An_intake_body_is_read_or_refused_naming_the_field_and_what_is_read_passes_the_text_rules()
    {
        Fuzz.Check("voice intake body", Body, bytes =>
        {
            var (submission, errors) = VoiceIntakeEndpoint.ReadAsync(new MemoryStream(bytes), Json.SerializerOptions, Text, CancellationToken.None).GetAwaiter().GetResult();
            Assert.True(submission is null != (errors is null), "exactly one of a submission and errors");
            if (submission is not null)
            {
                // What the body lets through goes on to the field checks, which must name what they refuse too.
                errors = VoiceIntake.Check(submission, [], "api", Text, categoryKnown: true, "371502", posterKnown: true).Errors;
            }

            if (errors is { Count: > 0 })
            {
                foreach (var (field, messages) in errors)
                {
                    Assert.Contains(field, AnyCase);
                    Assert.All(messages, m => Refusal.AssertClear(m));
                }
            }
        });
    }

    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xFF, 0xD9];

    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x01];

    private static Gen<double?> Coordinate(double limit) =>
        Gen.Frequency((2, Gen.Constant<double?>(null)), (4, Gen.Choose(-2000, 2000).Select(i => (double?)(i * limit / 1000))),
            (1, Gen.Elements<double?>(double.NaN, double.PositiveInfinity, double.NegativeInfinity, -0.0, limit, -limit, double.Epsilon, double.MaxValue)));

    private static Gen<string?> Optional(string[] valid) => Gen.Frequency((1, Gen.Constant<string?>(null)), (5, FuzzGen.TextOr(valid).Select(v => (string?)v)));

    private static string[] Valid(string field) => TextFields.Single(f => f.Field == field).Valid;

    private static Gen<VoicePhotoUpload[]> Photos =>
        Gen.Choose(0, 4).SelectMany(n => Gen.Frequency(
                (3, Gen.Elements(Jpeg, Png)), (2, Gen.Elements(Jpeg, Png).SelectMany(FuzzGen.MutateBytes)), (1, FuzzGen.Text().Select(Encoding.UTF8.GetBytes)))
            .SelectMany(bytes => Gen.Frequency((9, Gen.Constant(false)), (1, Gen.Constant(true))).Select(tooLarge => new VoicePhotoUpload(bytes, tooLarge)))
            .ArrayOf(n));

    private sealed record Case(VoiceSubmission Submission, VoicePhotoUpload[] Photos, string DefaultChannel, bool CategoryKnown, string? County, bool PosterKnown);

    private static Gen<Case> Cases =>
        from kind in Optional(Valid("kind"))
        from category in Optional(Valid("category"))
        from county in Optional(Valid("county"))
        from township in Optional(Valid("township"))
        from address in Optional(Valid("address"))
        from latitude in Coordinate(90)
        from longitude in Coordinate(180)
        from creditCode in Optional(Valid("creditCode"))
        from entityName in Optional(Valid("entityName"))
        from description in Gen.Frequency((1, Optional(Valid("description"))), (1, Gen.Choose(0, 4100).Select(n => (string?)new string('质', n))))
        from anonymous in Gen.Elements<bool?>(null, true, false, false)
        from contactName in Optional(Valid("contactName"))
        from contactPhone in Optional(Valid("contactPhone"))
        from contactEmail in Optional(Valid("contactEmail"))
        from channel in Optional(Valid("channel"))
        from poster in Optional(Valid("poster"))
        from photos in Photos
        from defaultChannel in Gen.Elements("web", "api", "open311")
        from categoryKnown in Gen.Elements(true, true, false)
        from countyCode in Gen.Elements<string?>("371502", "371521", null)
        from posterKnown in Gen.Elements(true, false)
        select new Case(new VoiceSubmission(kind, category, county, township, address, latitude, longitude, creditCode, entityName, description, anonymous,
            contactName, contactPhone, contactEmail, channel) { Poster = poster }, photos, defaultChannel, categoryKnown, countyCode, posterKnown);

    [Fact]
    public void A_submission_is_accepted_only_whole_and_every_bad_field_is_named_with_its_reason()
    {
        Fuzz.Check("voice intake fields", Cases, c =>
        {
            var result = VoiceIntake.Check(c.Submission, c.Photos, c.DefaultChannel, Text, c.CategoryKnown, c.County, c.PosterKnown);
            foreach (var (field, messages) in result.Errors)
            {
                Assert.Contains(field, FieldNames);
                Assert.All(messages, m => Refusal.AssertClear(m));
            }

            if (result.Errors.Count > 0)
            {
                return;
            }

            Assert.True(c.CategoryKnown && c.County is not null);
            Assert.NotNull(result.Kind);
            Assert.InRange(result.Description.Length, VoiceIntake.MinDescription, 4000);
            Assert.Equal(c.Submission.Latitude is null, c.Submission.Longitude is null);
            if (c.Submission.Latitude is { } lat)
            {
                Assert.InRange(lat, -90, 90);
                Assert.InRange(c.Submission.Longitude!.Value, -180, 180);
            }

            Assert.True(result.Channel == c.DefaultChannel || VoiceIntake.PublicChannels.Contains(result.Channel), result.Channel);
            Assert.True(result.Anonymous || (result.ContactName is not null && (result.ContactPhone is not null || result.ContactEmail is not null)));
            Assert.InRange(result.Photos.Count, 0, VoiceIntake.MaxPhotos);
            Assert.True(result.Poster is null || c.PosterKnown);
            Assert.True(result.CreditCode is null or { Length: 18 });
        });
    }

    [Fact]
    public void A_voice_code_is_read_or_refused_and_what_is_read_reads_back_the_same()
    {
        var valid = VoiceCodes.Kinds.Concat(Enum.GetValues<VoiceItemState>().Select(VoiceCodes.StateCode))
            .Concat(Enum.GetValues<VoiceItemAction>().Select(VoiceCodes.ActionCode)).Concat(Enum.GetValues<SatisfactionRating>().Select(VoiceCodes.RatingCode))
            .Append(" In_Progress ").Append("0").Append("1").ToArray();
        Fuzz.Check("voice codes", FuzzGen.TextOr(valid), input =>
        {
            if (VoiceCodes.ParseKind(input) is { } kind)
            {
                Assert.Equal(kind, VoiceCodes.ParseKind(VoiceCodes.KindCode(kind)));
            }

            if (VoiceCodes.TryParseState(input) is { } state)
            {
                Assert.Equal(state, VoiceCodes.ParseState(VoiceCodes.StateCode(state)));
            }
            else
            {
                // Stored states only: an unknown one is a fault of the data, said in words.
                var refused = Assert.Throws<InvalidOperationException>(() => VoiceCodes.ParseState(input));
                Assert.Contains("unknown state", refused.Message, StringComparison.Ordinal);
            }

            if (VoiceCodes.ParseAction(input) is { } action)
            {
                Assert.Equal(action, VoiceCodes.ParseAction(VoiceCodes.ActionCode(action)));
            }

            if (VoiceCodes.ParseRating(input) is { } rating)
            {
                Assert.Equal(rating, VoiceCodes.ParseRating(VoiceCodes.RatingCode(rating)));
            }
        });
    }

    [Fact]
    public void The_tracking_page_sends_a_typed_code_only_to_its_own_canonical_address()
    {
        var valid = TrackingCode.Generate(n => [.. Enumerable.Range(1, n).Select(i => (byte)(i * 53))]);
        Fuzz.Check("tracking page code", FuzzGen.TextOr(valid.ToString(), valid.Canonical, valid.Canonical.ToLowerInvariant(), " " + valid + " ", "/voice/track/" + valid.Canonical),
            typed =>
            {
                if (TrackingCode.TryParse(typed, out var code))
                {
                    // The redirect's path is the code alone: nothing typed can lead elsewhere.
                    Assert.All(code.Canonical, c => Assert.Contains(c, TrackingCode.Alphabet));
                    Assert.Equal(TrackingCode.Length, code.Canonical.Length);
                }
            });
    }
}
