using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Hosting;
using QualityCity.Web.Modules.Accounts.Contracts;

namespace QualityCity.Web.Modules.Inspections.Complaints;

/// <summary>Complaints about inspections (EXE-7): filed by the enterprise, answered by the coordinator.</summary>
public static class ComplaintEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Inspections");

        api.MapPost("/inspections/{id:long}/complaints", async (long id, ComplaintRequest request, ClaimsPrincipal user, ComplaintWork work, CancellationToken ct) =>
            (await work.FileAsync(id, request, user, ct)).ToHttp()).RequireAuthorization(Policies.Enterprises);

        api.MapPost("/complaints/{id:long}/answer", async (long id, AnswerRequest request, ClaimsPrincipal user, ComplaintWork work, CancellationToken ct) =>
            (await work.AnswerAsync(id, request, user, ct)).ToHttp()).RequireAuthorization(Policies.Oversight);

        api.MapGet("/complaints", async (string? status, ClaimsPrincipal user, ComplaintWork work, PlatformClock clock, CancellationToken ct) =>
        {
            var query = work.Visible(user);
            var today = clock.Today;
            query = status switch
            {
                "overdue" => query.Where(c => c.Status == "open" && c.AnswerDue < today),
                null or "" => query,
                _ => query.Where(c => c.Status == status),
            };
            return Results.Ok(await query.OrderBy(c => c.AnswerDue).Take(500).ToListAsync(ct));
        }).RequireAuthorization(Policies.SignedIn);
    }
}
