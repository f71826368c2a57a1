using System.Net.Mail;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using QualityCity.Domain.Execution;
using QualityCity.Domain.PublicVoice;
using QualityCity.Web.Data;
using QualityCity.Web.Hosting;
using QualityCity.Web.Localization;

namespace QualityCity.Web.Modules.PublicVoice.Intake;

/// <summary>An item as the public form or <c>POST /api/voice/items</c> sends it.</summary>
/// <param name="Kind">complaint, report, suggestion, consultation or help.</param>
/// <param name="Category">A category code of the tree (GET /api/voice/categories).</param>
/// <param name="County">The county's GB/T 2260 code or its name.</param>
/// <param name="CreditCode">The enterprise's credit code, when known; otherwise <paramref name="EntityName"/> is matched against the registry.</param>
/// <param name="Anonymous">True for no contact; otherwise a name and a phone or an e-mail address.</param>
/// <param name="Channel">web, poster or api (the default for the API).</param>
public sealed record VoiceSubmission(string? Kind, string? Category, string? County, string? Township, string? Address, double? Latitude, double? Longitude,
    string? CreditCode, string? EntityName, string? Description, bool? Anonymous, string? ContactName, string? ContactPhone, string? ContactEmail,
    string? Channel)
{
    /// <summary>The code of the QR poster the form was opened from (<c>/voice/p/{code}</c>); the channel is then poster.</summary>
    public string? Poster { get; init; }
}

/// <summary>A submission as <see cref="VoiceIntake.Check"/> found it: the errors by field, and the cleaned values when there are none.</summary>
public sealed record CheckedSubmission(Dictionary<string, string[]> Errors, VoiceItemKind? Kind, string Channel, string? County, string Description, string? Address,
    string? Township, string? EntityName, string? CreditCode, bool Anonymous, string? ContactName, string? ContactPhone, string? ContactEmail,
    IReadOnlyList<(FileKind Kind, byte[] Bytes)> Photos, string? Poster);

/// <summary>What the submitter gets back: the tracking code (grouped for reading), the state and the current deadline; nothing else.</summary>
public sealed record VoiceReceipt(string TrackingCode, string State, DateTimeOffset Deadline);

/// <summary>A photo as uploaded: the bytes are checked here, not the name or the declared type; one over the size limit is not read at all.</summary>
public sealed record VoicePhotoUpload(byte[] Bytes, bool TooLarge = false);

/// <summary>
/// Receives an item (VOX-1, VOX-2): checks every field and names each bad one in the reader's
/// language, draws the tracking code, sets the first deadline and hands the item, its first timeline
/// step and its photos to <see cref="VoiceIntakeWriter"/>, which matches the enterprises named in the
/// waiting submissions against the registry and saves them in one transaction with one audit entry
/// (ADR 0036), and returns once they are committed. The contact never reaches the audit log.
/// </summary>
public sealed partial class VoiceIntake(QualityCityDbContext db, Text text, PlatformClock clock, VoiceIntakeWriter writer,
    VoiceIntakeLookups lookups, Microsoft.Extensions.Options.IOptions<Triage.VoiceTriageOptions> triage,
    Microsoft.Extensions.Options.IOptions<VoiceDeadlineOptions> deadlineRules)
{
    public const int MinDescription = 5;
    public const int MaxPhotos = 3;
    public const long MaxPhotoBytes = 5L << 20;
    private static readonly FileKind[] PhotoKinds = [FileKind.Jpeg, FileKind.Png, FileKind.WebP];

    /// <summary>The channels a submitter may name; the hotline and Open311 come in by their own paths.</summary>
    public static readonly IReadOnlyList<string> PublicChannels = [VoiceChannels.Web, VoiceChannels.Poster, VoiceChannels.Api];

    /// <param name="alsoSave">Rows of the caller's own (Open311's request details) added in the writer's transaction, once the item has its id.</param>
    public async Task<WorkResult> SubmitAsync(VoiceSubmission request, IReadOnlyList<VoicePhotoUpload> photos, string defaultChannel,
        CancellationToken cancellationToken, Action<QualityCityDbContext, VoiceItem>? alsoSave = null)
    {
        // The lookups first, so that the checks themselves need no database.
        var category = request.Category?.Trim() ?? string.Empty;
        var categoryKnown = category.Length > 0 && await lookups.IsCategoryAsync(db, category, cancellationToken);
        var countyCode = await CountyCodeAsync(request.County, cancellationToken);
        var posterCode = PosterCode(request.Poster);
        var posterKnown = posterCode is { Length: <= 16 } && await db.VoicePosters.AnyAsync(p => p.Code == posterCode, cancellationToken);
        var checkedSubmission = Check(request, photos, defaultChannel, text, categoryKnown, countyCode, posterKnown);
        if (checkedSubmission.Errors.Count > 0)
        {
            return WorkResult.Invalid(checkedSubmission.Errors);
        }

        var (_, kind, channel, county, description, address, township, entityName, creditCode, anonymous, contactName, contactPhone, contactEmail, checkedPhotos, poster) =
            checkedSubmission;
        var now = clock.UtcNow;
        var deadlines = await VoiceSchedule.LoadAsync(db, deadlineRules.Value.Rules, cancellationToken);
        var (step, deadline) = VoiceSchedule.OnReceipt(deadlines, kind!.Value, new DateTimeOffset(now));
        var item = new VoiceItem
        {
            TrackingCode = NewTrackingCode(),
            Kind = VoiceCodes.KindCode(kind.Value),
            Channel = poster is null ? channel : VoiceChannels.Poster,
            PosterCode = poster,
            Source = channel == VoiceChannels.Open311 ? VoiceChannels.Open311 : VoiceChannels.Web,
            CategoryCode = category,
            CountyCode = county!,
            Township = township,
            Address = address,
            Latitude = request.Latitude,
            Longitude = request.Longitude,
            CreditCode = creditCode,
            EntityName = entityName,
            Description = description,
            Anonymous = anonymous,
            ContactName = contactName,
            ContactPhone = contactPhone,
            ContactEmail = contactEmail,
            State = VoiceCodes.StateCode(VoiceItemState.Received),
            ReceivedAtUtc = now,
            UpdatedAtUtc = now,
            // Flagged at intake by category and keywords (configurable), so the inbox shows it first.
            Urgent = triage.Value.UrgencyRules().Assess(description, category).IsUrgent,
        };
        VoiceSchedule.Set(item, step, deadline);
        var firstStep = new VoiceItemEvent { CountyCode = item.CountyCode, AtUtc = now, Actor = "public", Action = "submit", ToState = item.State, Note = VoiceCodes.Snake(channel) };
        var stored = checkedPhotos.Select(p => new VoicePhoto
        {
            CountyCode = item.CountyCode, ContentType = UploadedFileType.ContentType(p.Kind), Size = p.Bytes.Length, Sha256 = Domain.Common.Sha256.Hex(p.Bytes), Content = p.Bytes, UploadedAtUtc = now,
        }).ToList();
        await writer.WriteAsync(item, firstStep, stored, alsoSave, cancellationToken);
        return WorkResult.Ok(new VoiceReceipt(Domain.PublicVoice.TrackingCode.Parse(item.TrackingCode).ToString(), item.State, deadline.DueAt));
    }

    /// <summary>
    /// Checks every field of a submission without the database: the caller has looked up whether the
    /// category is one of the tree's, the county's code and whether the poster exists. Each bad field
    /// is named once, with the reason in the reader's language.
    /// </summary>
    public static CheckedSubmission Check(VoiceSubmission request, IReadOnlyList<VoicePhotoUpload> photos, string defaultChannel, Text text,
        bool categoryKnown, string? county, bool posterKnown)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        void Error(string field, string message) => errors.TryAdd(field, [message]);

        var kind = VoiceCodes.ParseKind(request.Kind);
        if (kind is null)
        {
            Error("kind", text["请选择诉求类型：投诉、举报、建议、咨询或求助"]);
        }

        var channel = string.IsNullOrWhiteSpace(request.Channel) ? defaultChannel : request.Channel.Trim().ToLowerInvariant();
        // The caller's own channel (open311 for the Open311 endpoint) is trusted; a submitter may only name a public one.
        if (!PublicChannels.Contains(channel) && channel != defaultChannel)
        {
            Error("channel", text["渠道只能是 web、poster 或 api"]);
        }

        if (!categoryKnown)
        {
            Error("category", text["请选择诉求分类"]);
        }

        if (county is null)
        {
            Error("county", text["请选择所在县区"]);
        }

        var description = request.Description?.Trim() ?? string.Empty;
        if (description.Length < MinDescription || description.Length > VoiceItemTable.MaxDescription)
        {
            Error("description", text.Format("请描述具体情况（{0}–{1} 字）", MinDescription, VoiceItemTable.MaxDescription));
        }

        var address = Clean(request.Address, 300, "address", text["地址不能超过 300 字"], Error);
        var township = Clean(request.Township, 100, "township", text["乡镇（街道）不能超过 100 字"], Error);
        if (request.Latitude is { } lat && (double.IsNaN(lat) || lat < -90 || lat > 90))
        {
            Error("latitude", text["纬度应在 -90 到 90 之间"]);
        }

        if (request.Longitude is { } lon && (double.IsNaN(lon) || lon < -180 || lon > 180))
        {
            Error("longitude", text["经度应在 -180 到 180 之间"]);
        }

        if (request.Latitude is null != request.Longitude is null)
        {
            Error(request.Latitude is null ? "latitude" : "longitude", text["经纬度须同时填写"]);
        }

        var entityName = Clean(request.EntityName, 200, "entityName", text["企业名称不能超过 200 字"], Error);
        string? creditCode = null;
        if (!string.IsNullOrWhiteSpace(request.CreditCode))
        {
            var check = Domain.Registry.CreditCode.Check(Domain.Registry.CreditCode.Canonical(request.CreditCode));
            if (check.IsAcceptable)
            {
                creditCode = check.Code;
            }
            else
            {
                Error("creditCode", text["统一社会信用代码格式不正确（18 位）"]);
            }
        }

        var anonymous = request.Anonymous == true;
        string? contactName = null, contactPhone = null, contactEmail = null;
        if (!anonymous)
        {
            contactName = Clean(request.ContactName, 100, "contactName", text["姓名不能超过 100 字"], Error);
            contactPhone = string.IsNullOrWhiteSpace(request.ContactPhone) ? null : request.ContactPhone.Trim();
            contactEmail = string.IsNullOrWhiteSpace(request.ContactEmail) ? null : request.ContactEmail.Trim();
            if (contactPhone is not null && !PhoneShape().IsMatch(contactPhone))
            {
                Error("contactPhone", text["请填写正确的电话号码（手机 11 位，或带区号的固定电话）"]);
            }

            if (contactEmail is not null && !IsEmail(contactEmail))
            {
                Error("contactEmail", text["请填写正确的电子邮箱"]);
            }

            if (contactName is null)
            {
                Error("contactName", text["请留下姓名和联系方式，或选择匿名"]);
            }
            else if (contactPhone is null && contactEmail is null)
            {
                Error("contactPhone", text["请留下电话或电子邮箱，或选择匿名"]);
            }
        }

        if (photos.Count > MaxPhotos)
        {
            Error("photos", text.Format("最多上传 {0} 张照片", MaxPhotos));
        }

        var checkedPhotos = new List<(FileKind Kind, byte[] Bytes)>();
        foreach (var photo in photos.Take(MaxPhotos))
        {
            var detected = UploadedFileType.Detect(photo.Bytes.AsSpan(0, Math.Min(photo.Bytes.Length, UploadedFileType.HeaderLength)));
            if (photo.TooLarge || photo.Bytes.Length > MaxPhotoBytes)
            {
                Error("photos", text.Format("照片过大：每张不超过 {0}MB", MaxPhotoBytes >> 20));
            }
            else if (!PhotoKinds.Contains(detected))
            {
                Error("photos", text["照片只接受 JPEG、PNG 或 WebP 图片（按文件内容判断，不按文件名）"]);
            }
            else
            {
                checkedPhotos.Add((detected, photo.Bytes));
            }
        }

        var poster = PosterCode(request.Poster);
        if (poster is not null && !posterKnown)
        {
            Error("poster", text["没有这张二维码海报"]);
        }

        return new CheckedSubmission(errors, kind, channel, county, description, address, township, entityName, creditCode, anonymous, contactName, contactPhone,
            contactEmail, checkedPhotos, poster);
    }

    /// <summary>The poster's code as stored (upper case); null when none was given.</summary>
    public static string? PosterCode(string? poster) => string.IsNullOrWhiteSpace(poster) ? null : poster.Trim().ToUpperInvariant();

    /// <summary>The county's code from its code or its name, among the city's counties.</summary>
    public async Task<string?> CountyCodeAsync(string? county, CancellationToken cancellationToken)
    {
        var value = county?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        return await lookups.CountyCodeAsync(db, value, cancellationToken);
    }

    /// <summary>
    /// A fresh code. A collision with a stored one needs a 1 in 2^49 coincidence; the unique index
    /// refuses it rather than mixing two items, and the writer draws the code again.
    /// </summary>
    private static string NewTrackingCode() => Domain.PublicVoice.TrackingCode.GenerateSecure().Canonical;

    private static string? Clean(string? value, int max, string field, string message, Action<string, string> error)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        if (trimmed.Length > max)
        {
            error(field, message);
        }

        return trimmed;
    }

    private static bool IsEmail(string value) =>
        value.Length <= 200 && MailAddress.TryCreate(value, out var address) && address.Address == value && value.Contains('.', StringComparison.Ordinal);

    // A mobile number (11 digits from 1, an optional +86) or a landline with its area code; spaces and hyphens allowed.
    [GeneratedRegex(@"^(?:(?:\+?86[ -]?)?1[3-9]\d(?:[ -]?\d){8}|0\d{2,3}[ -]?\d{7,8}(?:-\d{1,6})?)$")]
    private static partial Regex PhoneShape();
}
