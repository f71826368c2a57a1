using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Data;
using QualityCity.Web.Modules.Accounts.Contracts;

namespace QualityCity.Web.Modules.Quality.Samples;

/// <summary>The samples' API: the batches behind the map, their raw records, recording a sample and the steps of its workflow.</summary>
public static class SampleEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/samples", async ([AsParameters] SampleFilter filter, QualityCityDbContext db, CancellationToken ct) =>
            Results.Ok((await filter.Apply(db.Samples.AsNoTracking().Include(s => s.Items)).OrderByDescending(s => s.SampledOn).ThenBy(s => s.Id)
                .Skip(Math.Max(0, filter.Skip ?? 0)).Take(Math.Clamp(filter.Take ?? 100, 1, 500)).ToListAsync(ct)).Select(SampleView.Of)))
            .RequireAuthorization(Policies.Staff);

        api.MapGet("/samples/{id:long}", async (long id, QualityCityDbContext db, CancellationToken ct) =>
            await db.Samples.AsNoTracking().Include(s => s.Items).FirstOrDefaultAsync(s => s.Id == id, ct) is { } sample
                ? Results.Ok(SampleView.Of(sample))
                : Results.NotFound()).RequireAuthorization(Policies.Staff);

        api.MapGet("/samples/export.csv", async (string? industry, int? year, HttpContext http, QualityCityDbContext db, CancellationToken ct) =>
            await SamplingResultsExport.WriteCsvAsync(http.Response, SamplingResultsExport.Rows(db, includeUnpublished: true, industry, year), "sampling-results-all.csv", ct))
            .RequireAuthorization(Policies.Staff);

        api.MapPost("/samples", async (SampleRequest request, ClaimsPrincipal user, HttpResponse response, SampleRecorder recorder,
            CancellationToken ct) => (await recorder.RecordAsync(request, user, ct)).ToHttp(response)).RequireAuthorization(Policies.Staff);

        api.MapPost("/samples/{id:long}/notice", async (long id, NoticeRequest request, ClaimsPrincipal user, HttpResponse response, SampleWorkflow workflow,
            CancellationToken ct) => (await workflow.NotifyAsync(id, request, user, ct)).ToHttp(response)).RequireAuthorization(Policies.Staff);
        api.MapPost("/samples/{id:long}/objection", async (long id, ObjectionRequest request, ClaimsPrincipal user, HttpResponse response, SampleWorkflow workflow,
            CancellationToken ct) => (await workflow.ObjectAsync(id, request, user, ct)).ToHttp(response)).RequireAuthorization(Policies.Staff);
        api.MapPost("/samples/{id:long}/retest", async (long id, RetestRequest request, ClaimsPrincipal user, HttpResponse response, SampleWorkflow workflow,
            CancellationToken ct) => (await workflow.RetestAsync(id, request, user, ct)).ToHttp(response)).RequireAuthorization(Policies.Staff);
        api.MapPost("/samples/{id:long}/publish", async (long id, DateRequest request, ClaimsPrincipal user, HttpResponse response, SampleWorkflow workflow,
            CancellationToken ct) => (await workflow.PublishAsync(id, request, user, ct)).ToHttp(response)).RequireAuthorization(Policies.Staff);
        api.MapPost("/samples/{id:long}/announce", async (long id, DateRequest request, ClaimsPrincipal user, HttpResponse response, SampleWorkflow workflow,
            CancellationToken ct) => (await workflow.AnnounceAsync(id, request, user, ct)).ToHttp(response)).RequireAuthorization(Policies.Staff);
    }
}
