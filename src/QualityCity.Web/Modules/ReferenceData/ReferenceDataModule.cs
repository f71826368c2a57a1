using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Data;
using QualityCity.Web.Hosting;
using QualityCity.Web.Modules.Accounts.Contracts;
using QualityCity.Web.Modules.ReferenceData.Contracts;

namespace QualityCity.Web.Modules.ReferenceData;

/// <summary>Regions, industries, chains and the working-day calendar (REG-5): public reads, admin upload of holidays.</summary>
public sealed class ReferenceDataModule : IModule
{
    public static void AddServices(IServiceCollection services) =>
        services.AddScoped<ReferenceDataLoader>().AddScoped<Contracts.CalendarCoverage>();

    public static void MapEndpoints(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/reference").WithTags("Reference data");
        var reads = api.MapGroup(string.Empty).AllowAnonymous().RequireRateLimiting(RateLimits.Public);

        reads.MapGet("/regions", async (string? parent, QualityCityDbContext db) =>
            await db.Regions.AsNoTracking()
                .Where(r => parent == null ? r.Level == "province" : r.ParentCode == parent)
                .OrderBy(r => r.Code).Select(r => new { r.Code, r.Name, r.Level, r.ParentCode }).ToListAsync());

        reads.MapGet("/industries", async (QualityCityDbContext db) =>
            await db.Industries.AsNoTracking().OrderBy(i => i.Code).ToListAsync());

        reads.MapGet("/chains", async (QualityCityDbContext db) =>
        {
            var chains = await db.IndustryChains.AsNoTracking().OrderBy(c => c.Sort).ToListAsync();
            var links = await db.IndustryChainLinks.AsNoTracking().OrderBy(l => l.Id).ToListAsync();
            return chains.Select(c => new
            {
                c.Code, c.Name, c.NameEn,
                links = links.Where(l => l.ChainCode == c.Code).Select(l => new { l.Link, l.Stage, l.IndustryCode }),
            });
        });

        reads.MapGet("/holidays", async (int? year, QualityCityDbContext db) =>
        {
            var calendar = await WorkingCalendar.LoadAsync(db);
            var query = db.Holidays.AsNoTracking();
            if (year is { } y)
            {
                var from = new DateOnly(y, 1, 1);
                var to = new DateOnly(y, 12, 31);
                query = query.Where(h => h.Date >= from && h.Date <= to);
            }

            return new
            {
                publishedYears = calendar.PublishedYears.Order(),
                days = await query.OrderBy(h => h.Date).Select(h => new { h.Date, h.Kind, h.Name }).ToListAsync(),
            };
        });

        // Next year's notice, uploaded by the administrator: replaces the years the file covers.
        api.MapPost("/holidays", async (IFormFile? file, QualityCityDbContext db, DatabaseSettings settings) =>
        {
            if (file is null || file.Length == 0)
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["file"] = ["a CSV with columns date,kind,name is required"] });
            }

            var path = Path.Combine(settings.DataDirectory, $"holidays-{Guid.NewGuid():N}.csv");
            await using (var target = File.Create(path))
            {
                await file.CopyToAsync(target);
            }

            List<HolidayEntry> days;
            try
            {
                days = ReferenceDataLoader.ReadHolidays(path);
            }
            catch (Exception ex) when (ex is FormatException or IndexOutOfRangeException or InvalidOperationException)
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["file"] = [$"not a holiday calendar: {ex.Message}"] });
            }
            finally
            {
                File.Delete(path);
            }

            var duplicate = days.GroupBy(d => d.Date).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null)
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["file"] = [$"date {duplicate.Key:yyyy-MM-dd} appears twice"] });
            }

            var years = days.Select(d => d.Date.Year).Distinct().ToList();
            await using var transaction = await db.Database.BeginTransactionAsync();
            var existing = await db.Holidays.Where(h => years.Contains(h.Date.Year)).ToListAsync();
            db.Holidays.RemoveRange(existing);
            await db.SaveChangesAsync();
            db.Holidays.AddRange(days);
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
            return Results.Ok(new { years, replaced = existing.Count, loaded = days.Count });
        }).RequireAuthorization(Policies.Admin).WithBodyLimit(RequestLimits.UploadBytes);
    }
}
