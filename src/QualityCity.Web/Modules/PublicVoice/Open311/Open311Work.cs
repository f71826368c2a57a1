using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using QualityCity.Web.Data;
using QualityCity.Web.Hosting;
using QualityCity.Web.Localization;
using QualityCity.Web.Modules.PublicVoice.Intake;

namespace QualityCity.Web.Modules.PublicVoice.Open311;

/// <summary>Settings of the Open311 endpoint (section <c>Open311</c>).</summary>
public sealed class Open311Options
{
    public const string Section = "Open311";

    /// <summary>The platform's own jurisdiction_id: accepted when a client sends it, any other is a 404. Discovery names it.</summary>
    public string JurisdictionId { get; set; } = "liaocheng.gov.cn";

    /// <summary>The county an Open311 request is filed in when its address names none of the city's counties.</summary>
    public string DefaultCounty { get; set; } = "371502";

    /// <summary>The kind of item an Open311 request becomes: a report (举报) of a problem, as service requests are.</summary>
    public string Kind { get; set; } = "report";

    /// <summary>Discovery's contact.</summary>
    public string Contact { get; set; } = "聊城市市场监督管理局 12345 热线 / Liaocheng Administration for Market Regulation, hotline 12345";

    /// <summary>Discovery's key_service: where a developer asks for an api_key.</summary>
    public string KeyService { get; set; } = "向市场监督管理局系统管理员申请 api_key / Ask the bureau's administrator for an api_key";
}

/// <summary>
/// GeoReport v2 over the public-voice items (ADR 0030). Reads select public fields only, as the
/// tracking page does: never the contact; the description, address, coordinates and media link
/// only of items that came in over Open311 (the standard publishes what its clients send). A new
/// request goes through <see cref="VoiceIntake"/>, so its checks and deadlines are the form's.
/// </summary>
public sealed class Open311Work(QualityCityDbContext db, Text text, PlatformClock clock, VoiceIntake intake, VoiceLabels labels, Open311Keys keys,
    IOptions<Open311Options> options, PublicAddress publicAddress)
{
    public const string Specification = "http://wiki.open311.org/GeoReport_v2";
    public const int MaxPageSize = 1000;
    public const int DefaultDays = 90;

    /// <summary>When the discovery document last changed in substance (a new format or endpoint).</summary>
    private static readonly DateTime DiscoveryChangeset = new(2026, 12, 5, 0, 0, 0, DateTimeKind.Utc);

    private static readonly string[] ClosedStates = ["closed", "rejected", "merged"];

    private Open311Options Options => options.Value;

    /// <summary>Null when the caller's jurisdiction_id is absent or the platform's own; else the 404 the wiki prescribes.</summary>
    public IResult? CheckJurisdiction(string format, string? jurisdiction) =>
        string.IsNullOrWhiteSpace(jurisdiction) || string.Equals(jurisdiction.Trim(), Options.JurisdictionId, StringComparison.OrdinalIgnoreCase)
            ? null
            : Open311Output.Error(format, StatusCodes.Status404NotFound, text.Format("jurisdiction_id {0} 不存在：本平台只受理 {1}", jurisdiction.Trim(), Options.JurisdictionId));

    public IResult Discovery(string format, HttpRequest request)
    {
        var url = publicAddress.BaseFor(request) + Open311Endpoints.Base;
        var endpoint = new Open311Object
        {
            { "specification", Specification },
            { "url", url },
            { "changeset", DiscoveryChangeset },
            { "type", "production" },
            { "formats", new Open311List("format", ["text/xml", "application/json"]) },
        };
        var discovery = new Open311Object
        {
            { "changeset", DiscoveryChangeset },
            { "contact", Options.Contact },
            { "key_service", Options.KeyService },
            { "jurisdiction_id", Options.JurisdictionId },
            { "endpoints", new Open311List("endpoint", [endpoint]) },
        };
        return Open311Output.Result(format, discovery, "discovery");
    }

    /// <summary>The leaf categories as services, grouped by their parent.</summary>
    public async Task<IResult> ServicesAsync(string format, CancellationToken cancellationToken)
    {
        var tree = await labels.CategoriesAsync(cancellationToken);
        var parents = tree.Where(c => !c.IsChild).ToDictionary(c => c.Category.Code, c => c.Category, StringComparer.Ordinal);
        var leaves = tree.Select(c => c.Category).Where(c => !tree.Any(o => o.Category.ParentCode == c.Code)).ToList();
        var services = leaves.Select(c => (object?)new Open311Object
        {
            { "service_code", c.Code },
            { "service_name", labels.CategoryName(c) },
            { "description", Text.IsEnglish ? c.Name : c.NameEn },
            { "metadata", Open311Services.For(c.Code).Count > 0 },
            { "type", "realtime" },
            { "keywords", c.ParentCode is { } parentCode && parents.TryGetValue(parentCode, out var p) ? $"{p.Name},{p.NameEn},{c.Name},{c.NameEn}" : $"{c.Name},{c.NameEn}" },
            { "group", c.ParentCode is { } code && parents.TryGetValue(code, out var parent) ? labels.CategoryName(parent) : null },
        }).ToList();
        return Open311Output.Result(format, new Open311List("service", services), "services");
    }

    public async Task<IResult> DefinitionAsync(string format, string serviceCode, CancellationToken cancellationToken)
    {
        if (!await IsServiceAsync(serviceCode, cancellationToken))
        {
            return Open311Output.Error(format, StatusCodes.Status404NotFound, text.Format("service_code {0} 不存在", serviceCode));
        }

        var attributes = Open311Services.For(serviceCode).Select(a => (object?)WithValues(a, new Open311Object
        {
            { "variable", true },
            { "code", a.Code },
            { "datatype", a.Datatype },
            { "required", a.Required },
            { "datatype_description", a.Datatype switch
                {
                    "number" => text["数字，如 128.5"],
                    "datetime" => text["ISO 8601 日期时间，如 2026-12-05T10:00:00+08:00"],
                    _ => null,
                }
            },
            { "order", a.Order },
            { "description", Text.IsEnglish ? a.DescriptionEn : a.Description },
        })).ToList();
        return Open311Output.Result(format, new Open311Object { { "service_code", serviceCode }, { "attributes", new Open311List("attribute", attributes) } }, "service_definition");
    }

    /// <summary>GET requests: by ids (other filters then ignored, as the wiki says), else by service, dates and status, newest first.</summary>
    public async Task<IResult> ListAsync(string format, IQueryCollection query, CancellationToken cancellationToken)
    {
        var items = db.VoiceItems.AsNoTracking();
        if (query["service_request_id"].ToString() is { Length: > 0 } idList)
        {
            var ids = idList.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(i => long.TryParse(i, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : (long?)null).OfType<long>().Distinct().Take(MaxPageSize).ToList();
            return Open311Output.Result(format, await ViewsAsync(await items.Where(i => ids.Contains(i.Id)).OrderByDescending(i => i.ReceivedAtUtc).ThenByDescending(i => i.Id)
                .ToListAsync(cancellationToken), cancellationToken), "service_requests");
        }

        if (query["service_code"].ToString() is { Length: > 0 } serviceCodes)
        {
            var codes = serviceCodes.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            items = items.Where(i => codes.Contains(i.CategoryCode));
        }

        if (query["status"].ToString() is { Length: > 0 } statusList)
        {
            var statuses = statusList.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(s => s.ToLowerInvariant()).Distinct().ToList();
            if (statuses.Any(s => s is not ("open" or "closed")))
            {
                return Open311Output.Error(format, StatusCodes.Status400BadRequest, text["status 只能是 open 或 closed（可用逗号分隔）"]);
            }

            if (statuses.Count == 1)
            {
                items = statuses[0] == "closed" ? items.Where(i => ClosedStates.Contains(i.State)) : items.Where(i => !ClosedStates.Contains(i.State));
            }
        }

        var start = ParseTime(query["start_date"]);
        var end = ParseTime(query["end_date"]);
        if (start is { Valid: false } || end is { Valid: false })
        {
            return Open311Output.Error(format, StatusCodes.Status400BadRequest,
                text.Format("{0} 应为带时区的 ISO 8601 日期时间，如 2026-12-05T10:00:00+08:00", start is { Valid: false } ? "start_date" : "end_date"));
        }

        // Without a date range, the last 90 days (the wiki's default).
        var from = start?.Utc ?? (end is null ? clock.UtcNow.AddDays(-DefaultDays) : null);
        if (from is { } f)
        {
            items = items.Where(i => i.ReceivedAtUtc >= f);
        }

        if (end?.Utc is { } to)
        {
            items = items.Where(i => i.ReceivedAtUtc <= to);
        }

        var page = ParsePositive(query["page"], 1);
        var pageSize = ParsePositive(query["page_size"], MaxPageSize);
        if (page is null || pageSize is null or > MaxPageSize)
        {
            return Open311Output.Error(format, StatusCodes.Status400BadRequest,
                page is null ? text["page 应为从 1 开始的整数"] : text.Format("page_size 应为 1 到 {0} 的整数", MaxPageSize));
        }

        var rows = await items.OrderByDescending(i => i.ReceivedAtUtc).ThenByDescending(i => i.Id)
            .Skip((page.Value - 1) * pageSize.Value).Take(pageSize.Value).ToListAsync(cancellationToken);
        return Open311Output.Result(format, await ViewsAsync(rows, cancellationToken), "service_requests");
    }

    /// <summary>One request, as a list of one (the wiki's form); 404 for an unknown id.</summary>
    public async Task<IResult> OneAsync(string format, string id, CancellationToken cancellationToken)
    {
        var item = long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var itemId)
            ? await db.VoiceItems.AsNoTracking().FirstOrDefaultAsync(i => i.Id == itemId, cancellationToken)
            : null;
        return item is null
            ? Open311Output.Error(format, StatusCodes.Status404NotFound, text.Format("service_request_id {0} 不存在", id))
            : Open311Output.Result(format, await ViewsAsync([item], cancellationToken), "service_requests");
    }

    /// <summary>
    /// The token is the tracking code the answer to a POST gave in its service_notice: it resolves to
    /// the request's id. The platform creates requests in real time, so every token already has one.
    /// </summary>
    public async Task<IResult> TokenAsync(string format, string token, CancellationToken cancellationToken)
    {
        var code = Domain.PublicVoice.TrackingCode.TryParse(token, out var parsed) ? parsed.Canonical : null;
        var id = code is null ? null
            : await db.VoiceItems.AsNoTracking().Where(i => i.TrackingCode == code).Select(i => (long?)i.Id).FirstOrDefaultAsync(cancellationToken);
        return id is null
            ? Open311Output.Error(format, StatusCodes.Status404NotFound, text.Format("token {0} 不存在", token))
            : Open311Output.Result(format, new Open311List("request", [new Open311Object { { "service_request_id", Id(id.Value) }, { "token", token } }]), "service_requests");
    }

    /// <summary>POST requests: the key, the service and its attributes, a location, then the intake's own checks.</summary>
    public async Task<IResult> CreateAsync(string format, HttpRequest request, CancellationToken cancellationToken)
    {
        var form = request.HasFormContentType ? await request.ReadFormAsync(cancellationToken) : FormCollection.Empty;
        string? Field(string name) => form[name].ToString() is { Length: > 0 } value ? value : null;
        if (CheckJurisdiction(format, Field("jurisdiction_id") ?? request.Query["jurisdiction_id"].ToString()) is { } wrongJurisdiction)
        {
            return wrongJurisdiction;
        }

        var keyId = await keys.CheckAsync(Field("api_key") ?? request.Query["api_key"].ToString(), cancellationToken);
        if (keyId is null)
        {
            return Open311Output.Error(format, StatusCodes.Status403Forbidden, text["api_key 缺失或无效"]);
        }

        IResult Bad(string message) => Open311Output.Error(format, StatusCodes.Status400BadRequest, message);
        var serviceCode = Open311Form.ServiceCode(form);
        if (serviceCode is null)
        {
            return Bad(text["缺少 service_code"]);
        }

        if (!await IsServiceAsync(serviceCode, cancellationToken))
        {
            return Bad(text.Format("service_code {0} 不是本平台的服务（见 services）", serviceCode));
        }

        var (fields, error) = Open311Form.Read(form, serviceCode, text);
        if (fields is null)
        {
            return Bad(error!);
        }

        var description = fields.Description;
        if (description is null || description.Length < VoiceIntake.MinDescription)
        {
            // The standard makes the description optional; the item needs one, so it says what was chosen.
            var category = await db.VoiceCategories.AsNoTracking().FirstAsync(c => c.Code == serviceCode, cancellationToken);
            description = string.Join(' ', new[] { description, $"[Open311] {category.Name}" }.Where(d => !string.IsNullOrEmpty(d)));
        }

        var (address, mediaUrl, addressId, values) = (fields.Address, fields.MediaUrl, fields.AddressId, fields.Attributes);
        var county = await CountyInAsync(address, cancellationToken) ?? Options.DefaultCounty;
        var submission = new VoiceSubmission(Options.Kind, serviceCode, county, null, address, fields.Latitude, fields.Longitude, null, null, description, fields.Anonymous,
            fields.Anonymous ? null : fields.Name ?? fields.Email ?? fields.Phone, fields.Phone, fields.Email, null);
        var attributesJson = values.Count == 0 ? null : JsonSerializer.Serialize(values);
        var result = await intake.SubmitAsync(submission, [], VoiceChannels.Open311, cancellationToken, (writerDb, item) =>
            writerDb.Open311Requests.Add(new Open311Request { ItemId = item.Id, ApiKeyId = keyId, MediaUrl = mediaUrl, AddressId = addressId, Attributes = attributesJson }));
        if (result is not { Succeeded: true, Value: VoiceReceipt receipt })
        {
            return Bad(string.Join("; ", (result.Errors ?? new Dictionary<string, string[]>()).Select(e => $"{Open311Field(e.Key)}: {string.Join(' ', e.Value)}")));
        }

        var canonical = Domain.PublicVoice.TrackingCode.Parse(receipt.TrackingCode).Canonical;
        var itemId = await db.VoiceItems.AsNoTracking().Where(i => i.TrackingCode == canonical).Select(i => i.Id).FirstAsync(cancellationToken);
        var notice = text.Format("查询码 {0}（也是本请求的 token）：凭此码在 {1}/voice/track/{2} 查看办理进度和答复。", receipt.TrackingCode, publicAddress.BaseFor(request), canonical);
        return Open311Output.Result(format, new Open311List("request", [new Open311Object
        {
            { "service_request_id", Id(itemId) },
            { "service_notice", notice },
            { "account_id", null },
        }]), "service_requests");
    }

    /// <summary>The public view of items: the standard's fields in the wiki's order.</summary>
    private async Task<Open311List> ViewsAsync(IReadOnlyList<VoiceItem> items, CancellationToken cancellationToken)
    {
        var ids = items.Select(i => i.Id).ToList();
        var extras = await db.Open311Requests.AsNoTracking().Where(r => ids.Contains(r.ItemId)).ToDictionaryAsync(r => r.ItemId, cancellationToken);
        var categories = await db.VoiceCategories.AsNoTracking().ToDictionaryAsync(c => c.Code, StringComparer.Ordinal, cancellationToken);
        var departments = await db.Departments.AsNoTracking().ToDictionaryAsync(d => d.Code, d => Text.IsEnglish ? d.NameEn : d.Name, StringComparer.Ordinal, cancellationToken);
        var counties = (await labels.CountiesAsync(cancellationToken)).ToDictionary(c => c.Code, c => c.Name, StringComparer.Ordinal);
        return new Open311List("request", items.Select(item =>
        {
            var fromOpen311 = item.Source == VoiceChannels.Open311;
            var extra = extras.GetValueOrDefault(item.Id);
            var county = counties.GetValueOrDefault(item.CountyCode);
            return (object?)new Open311Object
            {
                { "service_request_id", Id(item.Id) },
                { "status", ClosedStates.Contains(item.State) ? "closed" : "open" },
                { "status_notes", item.PublicAnswer },
                { "service_name", categories.TryGetValue(item.CategoryCode, out var category) ? labels.CategoryName(category) : null },
                { "service_code", item.CategoryCode },
                // Other channels promised their reporters confidentiality: their own words stay inside (ADR 0029).
                { "description", fromOpen311 ? item.Description : null },
                { "agency_responsible", item.AssignedDepartment is { } department ? departments.GetValueOrDefault(department) : null },
                { "service_notice", null },
                { "requested_datetime", item.ReceivedAtUtc },
                { "updated_datetime", item.UpdatedAtUtc },
                { "expected_datetime", item.DeadlineUtc },
                { "address", fromOpen311 ? item.Address ?? county : county },
                { "address_id", extra?.AddressId },
                { "zipcode", null },
                { "lat", fromOpen311 ? item.Latitude : null },
                { "long", fromOpen311 ? item.Longitude : null },
                { "media_url", extra?.MediaUrl },
            };
        }).ToList());
    }

    /// <summary>The options of a list attribute; other datatypes have no <c>values</c> field (the schema allows an array only).</summary>
    private static Open311Object WithValues(Open311Attribute attribute, Open311Object fields)
    {
        if (attribute.Values is { } values)
        {
            fields.Add("values", new Open311List("value", values.Select(v => (object?)new Open311Object { { "key", v.Key }, { "name", Text.IsEnglish ? v.NameEn : v.Name } }).ToList()));
        }

        return fields;
    }

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    private Task<bool> IsServiceAsync(string code, CancellationToken cancellationToken) =>
        db.VoiceCategories.AnyAsync(c => c.Code == code && !db.VoiceCategories.Any(child => child.ParentCode == c.Code), cancellationToken);

    /// <summary>The county the address names (by its name, e.g. 阳谷县), among the city's counties.</summary>
    private async Task<string?> CountyInAsync(string? address, CancellationToken cancellationToken)
    {
        if (address is null)
        {
            return null;
        }

        var counties = await labels.CountiesAsync(cancellationToken);
        return counties.Where(c => address.Contains(c.Name, StringComparison.Ordinal)).Select(c => c.Code).FirstOrDefault();
    }

    /// <summary>The intake's field name as an Open311 client knows it.</summary>
    private static string Open311Field(string field) => field switch
    {
        "latitude" => "lat",
        "longitude" => "long",
        "address" => "address_string",
        "contactPhone" => "phone",
        "contactEmail" => "email",
        "contactName" => "first_name",
        "category" => "service_code",
        "county" => "address_string",
        _ => field,
    };

    private static int? ParsePositive(Microsoft.Extensions.Primitives.StringValues value, int fallback) =>
        value.Count == 0 || string.IsNullOrEmpty(value.ToString()) ? fallback
        : int.TryParse(value.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= 1 ? number : null;

    /// <summary>An ISO 8601 instant; one without an offset is read in China time. A '+' a client left unencoded arrives as a space.</summary>
    internal static (bool Valid, DateTime? Utc)? ParseTime(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var repaired = value.Trim().Replace(' ', '+');
        if (!DateTime.TryParse(repaired, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed) || !repaired.Contains('T', StringComparison.Ordinal) && repaired.Length > 10)
        {
            return (false, null);
        }

        var utc = parsed.Kind switch
        {
            DateTimeKind.Utc => parsed,
            DateTimeKind.Local => parsed.ToUniversalTime(),
            _ => DateTime.SpecifyKind(parsed.AddHours(-8), DateTimeKind.Utc),
        };
        return (true, utc);
    }
}
