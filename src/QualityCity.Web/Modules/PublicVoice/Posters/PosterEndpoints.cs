using System.Security.Claims;
using QualityCity.Web.Hosting;
using QualityCity.Web.Localization;
using QualityCity.Web.Modules.Accounts.Contracts;
using QualityCity.Web.Modules.PublicVoice.Intake;

namespace QualityCity.Web.Modules.PublicVoice.Posters;

/// <summary>The posters' routes: the staff make and download them; the public address a QR holds opens the form pre-filled.</summary>
public static class PosterEndpoints
{
    public const string PdfType = "application/pdf";

    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/voice/posters").WithTags("Public voice").RequireAuthorization(Policies.Staff);
        api.MapPost("", async (VoicePosterRequest request, ClaimsPrincipal user, VoicePosters posters, PublicAddress address, HttpRequest http, CancellationToken ct) =>
            {
                var result = await posters.GetOrCreateAsync(request, user, ct);
                return result is { Succeeded: true, Value: VoicePoster poster } ? Results.Ok(await posters.ViewAsync(poster, address.BaseFor(http), ct)) : result.ToHttp();
            })
            .Produces<VoicePosterView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("制作二维码海报 — Make a QR poster")
            .WithDescription("`target` 为 place（地点：`county` 县区代码或名称，可加 `township` 乡镇街道和 `address` 地址）、department（部门：`department` 部门代码）或 enterprise（企业：`creditCode` 主体库中的统一社会信用代码）；`category` 可预选诉求分类。同一对象只有一张海报，再次请求返回同一张。统筹部门和管理员可制作任何海报，部门负责人和执法人员只能制作本部门的部门海报（其他返回 403）。返回海报编号、二维码中的短地址和 PDF、PNG 下载地址。 — `target` is place (`county` code or name, optional `township` and `address`), department (`department` code) or enterprise (`creditCode` of a registered entity); `category` preselects the form's category. One poster per target: asking again returns the same one. The coordinator and the administrator make any poster; department heads and staff only their own department's (else 403). Answers the poster's code, the short address its QR holds and where to download the PDF and the PNG.")
            .WithRequestExample(new VoicePosterRequest("place", "371502", "柳园街道", "柳园农贸市场东门", null, null, null));

        api.MapGet("", async (ClaimsPrincipal user, VoicePosters posters, PublicAddress address, HttpRequest http, CancellationToken ct) =>
            {
                var list = new List<VoicePosterView>();
                foreach (var poster in await posters.ListAsync(user, 500, ct))
                {
                    list.Add(await posters.ViewAsync(poster, address.BaseFor(http), ct));
                }

                return Results.Ok(list);
            })
            .Produces<List<VoicePosterView>>()
            .WithSummary("二维码海报 — QR posters")
            .WithDescription("最近的 500 张海报，新的在前：统筹部门和管理员看到全部，部门只看到本部门的部门海报。 — The 500 newest posters: all for the coordinator and the administrator, a department's own department posters for its staff.");

        api.MapGet("/{code}.pdf", async (string code, VoicePosters posters, PublicAddress address, HttpRequest http, Text text, CancellationToken ct) =>
                await posters.FindAsync(code, ct) is { } poster
                    ? Results.File(await posters.PdfAsync([poster], address.BaseFor(http), ct), PdfType, $"poster-{poster.Code}.pdf")
                    : Results.Problem(text["没有这张海报"], statusCode: StatusCodes.Status404NotFound))
            .Produces(StatusCodes.Status200OK, contentType: PdfType).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("海报 PDF — A poster as PDF")
            .WithDescription("A4 纵向可打印海报：标题、海报对象、二维码、短地址和查询码说明。海报内容本身是公开张贴的，工作人员都可以下载。 — A printable A4 portrait poster: title, what it is for, the QR, the short address and how the tracking code works. Posters hang in public, so any staff member may download one.");

        api.MapGet("/{code}.png", async (string code, VoicePosters posters, PublicAddress address, HttpRequest http, Text text, CancellationToken ct) =>
                await posters.FindAsync(code, ct) is { } poster
                    ? Results.File(VoicePosters.Png(VoicePosters.Address(address.BaseFor(http), poster.Code)), "image/png", $"poster-{poster.Code}.png")
                    : Results.Problem(text["没有这张海报"], statusCode: StatusCodes.Status404NotFound))
            .Produces(StatusCodes.Status200OK, contentType: "image/png").ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("海报二维码 PNG — A poster's QR as PNG")
            .WithDescription("只有二维码（含四个模块宽的空白边），每个模块 10 像素，用于部门自己的宣传单、屏幕和台卡；完整海报请用 PDF。 — The QR alone (with its four-module quiet zone), 10 pixels a module, for the departments' own leaflets, screens and counter cards; the whole poster is the PDF.");

        api.MapGet("/townships.pdf", async (string? county, ClaimsPrincipal user, VoicePosters posters, VoiceIntake intake, PublicAddress address, HttpRequest http, Text text,
                    CancellationToken ct) =>
            {
                var code = await intake.CountyCodeAsync(county, ct);
                if (code is null)
                {
                    return Results.ValidationProblem(new Dictionary<string, string[]> { ["county"] = [text["请选择所在县区"]] });
                }

                var list = await posters.TownshipsAsync(code, user, ct);
                return list.Count == 0
                    ? Results.ValidationProblem(new Dictionary<string, string[]> { ["county"] = [text["这个县区没有登记乡镇（街道）"]] })
                    : Results.File(await posters.PdfAsync(list, address.BaseFor(http), ct), PdfType, $"posters-{code}.pdf");
            })
            .RequireAuthorization(Policies.Oversight)
            .Produces(StatusCodes.Status200OK, contentType: PdfType).ProducesValidationProblem()
            .WithSummary("县区各乡镇海报（多页 PDF） — Posters for every township of a county (one multi-page PDF)")
            .WithDescription("为 `county`（县区代码或名称）的每个乡镇（街道）制作地点海报（已有的沿用），合成一个多页 PDF，每页一张。只有统筹部门和管理员可以批量制作。 — A place poster for every township of `county` (code or name; existing ones reused), as one PDF with a page each. Coordinator and administrator only.");

        app.MapGet("/voice/p/{code}", async (string code, VoicePosters posters, Text text, CancellationToken ct) =>
                await posters.FindAsync(code, ct) is { } poster
                    ? Results.Redirect(FormAddress(poster))
                    : Results.Problem(text["没有这张海报，请直接打开“我要反映”页面"], statusCode: StatusCodes.Status404NotFound))
            .AllowAnonymous().RequireRateLimiting(RateLimits.Public).WithTags("Public voice")
            .Produces(StatusCodes.Status302Found).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("海报二维码的地址 — The address a poster's QR holds")
            .WithDescription("公开：转到预先填好的反映表单 /voice/new（渠道为二维码，带海报编号和海报的县区、乡镇、地址、企业或分类）。 — Public: redirects to the public form /voice/new pre-filled (channel poster, the poster's code and its county, township, address, enterprise or category).");
    }

    /// <summary>The public form, pre-filled from the poster (NewItem reads these parameters).</summary>
    public static string FormAddress(VoicePoster poster)
    {
        var query = new List<KeyValuePair<string, string?>>
        {
            new("channel", VoiceChannels.Poster), new("poster", poster.Code), new("county", poster.CountyCode), new("township", poster.Township),
            new("place", poster.Address), new("creditCode", poster.CreditCode), new("category", poster.CategoryCode),
        };
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/voice/new", query.Where(p => !string.IsNullOrEmpty(p.Value)));
    }
}
