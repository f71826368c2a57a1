using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using QualityCity.Domain.Common;
using QualityCity.Web.Data;
using QualityCity.Web.Localization;
using QualityCity.Web.Modules.Accounts.Contracts;
using QualityCity.Web.Modules.PublicVoice.Items;

namespace QualityCity.Web.Modules.PublicVoice.Export;

/// <summary>
/// The staff's Excel export of the inbox (ADR 0035): the items the list API would give the reader
/// with the same filters (the department only its own), every page of them, one row each. There is
/// no contact column at all, and the item's own contact values are masked in its free text (a
/// citizen may write their phone into the description): a sheet travels by e-mail and USB stick,
/// further than the handlers the contact is for. Text cells are neutralised against formulas.
/// </summary>
public static class VoiceExport
{
    /// <summary>At most this many rows: a year of a busy city's items, still a sheet Excel opens quickly.</summary>
    public const int MaxRows = 50_000;

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/voice/items/export.xlsx", async (string? state, string? category, string? county, string? deadline, string? department, string? source,
                    string? externalId, ClaimsPrincipal user, VoiceItemWork work, VoiceLabels labels, QualityCityDbContext db, CancellationToken ct) =>
                Results.File(await WriteAsync(new VoiceItemFilter(state, category, county, deadline, department, source, externalId), user, work, labels, db, ct),
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "voice-items.xlsx"))
            .RequireAuthorization(Policies.Staff).WithTags("Public voice")
            .Produces(StatusCodes.Status200OK, contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            .WithSummary("导出诉求列表（Excel） — Export the items (Excel)")
            .WithDescription("与诉求列表 GET /api/voice/items 相同的读者范围和筛选条件（`state`、`category`、`county`、`deadline`、`department`、`source`、`externalId`），全部页，每件一行，最多 50000 行。没有联系方式列，诉求内容和答复中出现的提交人姓名、电话和邮箱以 *** 代替；以 =、+、-、@ 开头的文字前加撇号，防止被当作公式。 — The readers and filters of GET /api/voice/items, every page, one row per item, at most 50,000 rows. No contact column; the submitter's name, phone and e-mail are masked as *** where they appear in the description or the answer; text starting with =, +, - or @ gets an apostrophe so that it is not run as a formula.");
    }

    /// <summary>The export with the list's filters, for the inbox's link.</summary>
    public static string Link(VoiceItemFilter filter) => Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/api/voice/items/export.xlsx",
        new KeyValuePair<string, string?>[]
        {
            new("state", filter.State), new("category", filter.Category), new("county", filter.County), new("deadline", filter.Deadline),
            new("department", filter.Department), new("source", filter.Source), new("externalId", filter.ExternalId),
        }.Where(p => !string.IsNullOrEmpty(p.Value)));

    public static async Task<MemoryStream> WriteAsync(VoiceItemFilter filter, ClaimsPrincipal user, VoiceItemWork work, VoiceLabels labels, QualityCityDbContext db,
        CancellationToken cancellationToken)
    {
        // The list decides who sees what and what the filters mean; the rows are then read whole for the columns the list leaves out.
        var codes = new List<string>();
        for (var page = 1; codes.Count < MaxRows; page++)
        {
            var result = await work.ListAsync(filter with { Page = page, PageSize = 200 }, user, cancellationToken);
            codes.AddRange(result.Items.Select(i => i.TrackingCode));
            if (result.Items.Count < 200 || page * 200 >= result.Total)
            {
                break;
            }
        }

        var items = new Dictionary<string, VoiceItem>(StringComparer.Ordinal);
        foreach (var chunk in codes.Distinct(StringComparer.Ordinal).Chunk(500))
        {
            foreach (var item in await db.VoiceItems.AsNoTracking().Where(i => chunk.Contains(i.TrackingCode)).ToListAsync(cancellationToken))
            {
                items[item.TrackingCode] = item;
            }
        }

        var categories = await labels.CategoryNamesAsync(cancellationToken);
        var counties = (await labels.CountiesAsync(cancellationToken)).ToDictionary(c => c.Code, c => c.Name, StringComparer.Ordinal);
        var departments = (await labels.DepartmentsAsync(cancellationToken)).ToDictionary(d => d.Code, d => d.Name, StringComparer.Ordinal);
        var rows = codes.Where(items.ContainsKey).Take(MaxRows).Select(code => items[code]).Select(i => new Dictionary<string, object?>
        {
            ["查询码 tracking_code"] = Domain.PublicVoice.TrackingCode.Parse(i.TrackingCode).ToString(),
            ["类型 kind"] = labels.Kind(i.Kind),
            ["渠道 channel"] = labels.Channel(i.Channel),
            ["来源编号 external_id"] = i.ExternalId,
            ["分类 category"] = categories.GetValueOrDefault(i.CategoryCode, i.CategoryCode),
            ["县区 county"] = counties.GetValueOrDefault(i.CountyCode, i.CountyCode),
            ["乡镇街道 township"] = ContactRedaction.Redact(i.Township, i),
            ["地址 address"] = ContactRedaction.Redact(i.Address, i),
            ["企业名称 enterprise"] = ContactRedaction.Redact(i.EntityName, i),
            ["统一社会信用代码 credit_code"] = i.CreditCode,
            ["诉求内容 description"] = ContactRedaction.Redact(i.Description, i),
            ["匿名 anonymous"] = i.Anonymous ? labels.Text["是"] : labels.Text["否"],
            ["紧急 urgent"] = i.Urgent ? labels.Text["是"] : labels.Text["否"],
            ["状态 state"] = labels.State(i.State),
            ["承办部门 department"] = i.AssignedDepartment is null ? null : departments.GetValueOrDefault(i.AssignedDepartment, i.AssignedDepartment),
            ["收到时间 received"] = ChinaTime.FromUtc(i.ReceivedAtUtc),
            ["当前期限 deadline"] = i.DeadlineUtc is { } due ? ChinaTime.FromUtc(due) : null,
            ["公开答复 public_answer"] = ContactRedaction.Redact(i.PublicAnswer, i),
            ["答复时间 answered"] = i.AnsweredAtUtc is { } answered ? ChinaTime.FromUtc(answered) : null,
            ["评价 rating"] = labels.Rating(i.Rating),
            ["并入 merged_into"] = i.MergedInto is { } merged ? Domain.PublicVoice.TrackingCode.Parse(merged).ToString() : null,
            ["海报 poster"] = i.PosterCode,
        }).Select(SpreadsheetCell.NeutraliseRow).ToList();
        var stream = new MemoryStream();
        await stream.SaveAsAsync(new Dictionary<string, object> { ["群众诉求 items"] = rows }, cancellationToken: cancellationToken);
        stream.Position = 0;
        return stream;
    }
}
