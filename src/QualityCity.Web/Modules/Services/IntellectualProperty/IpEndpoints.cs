using QualityCity.Web.Hosting;
using QualityCity.Web.Modules.Accounts.Contracts;

namespace QualityCity.Web.Modules.Services.IntellectualProperty;

/// <summary>The intellectual-property API: one enterprise's records and the pledge loans per quarter.</summary>
public static class IpEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/services/ip").WithTags("Services");

        api.MapGet("/enterprises/{code}", async (string code, IpViews views, HttpContext http, Localization.Text text, CancellationToken ct) =>
                await views.ForEnterpriseAsync(code, http.User, ct) is { } ip
                    ? Results.Ok(ip)
                    : Results.Problem(text["没有这个企业的知识产权信息"], statusCode: StatusCodes.Status404NotFound))
            .RequireAuthorization(Policies.SignedIn).Produces<EnterpriseIp>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("一家企业的知识产权 — One enterprise's intellectual property")
            .WithDescription("专利、商标和知识产权质押贷款。企业账号只能看自己的（别家的答 404），工作人员可看任何企业。 — Patents, trademarks and pledge loans. An enterprise sees only its own (another's answers 404); staff see any.");

        api.MapGet("/pledges/quarters", async (IpViews views, CancellationToken ct) => Results.Ok(await views.QuartersAsync(ct)))
            .RequireAuthorization(Policies.Staff).Produces<IReadOnlyList<PledgeQuarter>>()
            .WithSummary("每季度知识产权质押贷款 — Pledge loans per quarter")
            .WithDescription("按登记日期所在季度：笔数和金额（万元）。 — By the quarter of the registration date: the number of loans and their sum in 10,000 yuan.");

        api.MapGet("/pledges/quarters.xlsx", async (IpViews views, CancellationToken ct) =>
                Results.File(await views.QuartersExcelAsync(ct), IpViews.ExcelContentType, "ip-pledges.xlsx"))
            .RequireAuthorization(Policies.Staff).Produces(StatusCodes.Status200OK, contentType: IpViews.ExcelContentType)
            .WithSummary("每季度知识产权质押贷款（Excel） — Pledge loans per quarter as Excel")
            .WithDescription("两张表：每季度的笔数和金额，以及每一笔贷款；以 = + - @ 开头的文字前加 '。 — Two sheets: the quarters and every loan; text that would run as a formula is prefixed with '.");
    }
}
