using QualityCity.Web.Data;
using QualityCity.Web.Hosting;
using QualityCity.Web.Modules.PublicVoice.Intake;

namespace QualityCity.Web.Modules.PublicVoice.Bench;

/// <summary>
/// The baseline of the intake benchmark (bench/intake.sh, ADR 0036): a route in the same server that
/// reads the same JSON as <c>POST /api/voice/items</c> and writes it as one <c>voice_items</c> row
/// (source <see cref="Source"/>), with none of the intake's work — no field checks, no registry match,
/// no deadline, no timeline step, no audit entry — one insert per request. It exists only when
/// <c>Bench:BareIntake</c> is true; a server that is not being measured has no such route (404).
/// </summary>
public static class BareIntakeEndpoint
{
    public const string Setting = "Bench:BareIntake";
    public const string Route = "/api/voice/bench/bare-items";

    /// <summary>The source of the rows it writes, so that a count tells them from real items.</summary>
    public const string Source = "bench";

    public static void Map(IEndpointRouteBuilder app)
    {
        if (!app.ServiceProvider.GetRequiredService<IConfiguration>().GetValue<bool>(Setting))
        {
            return;
        }

        app.MapPost(Route, async (VoiceSubmission request, QualityCityDbContext db, PlatformClock clock, CancellationToken ct) =>
            {
                var now = clock.UtcNow;
                var code = Domain.PublicVoice.TrackingCode.GenerateSecure();
                // Cut to the columns' limits only so that PostgreSQL takes whatever the load sends.
                db.VoiceItems.Add(new VoiceItem
                {
                    TrackingCode = code.Canonical, Kind = Cut(request.Kind, 16), Channel = Cut(request.Channel ?? VoiceChannels.Api, 16), Source = Source,
                    CategoryCode = Cut(request.Category, 32), CountyCode = Cut(request.County, 12), Description = Cut(request.Description, VoiceItemTable.MaxDescription),
                    State = "received", ReceivedAtUtc = now, UpdatedAtUtc = now, Anonymous = true,
                });
                db.AuditChanges = false;
                await db.SaveChangesAsync(ct);
                return Results.Created($"/voice/track/{code.Canonical}", new { trackingCode = code.ToString() });
            })
            .AllowAnonymous().RequireRateLimiting(RateLimits.Public)
            .WithSummary("基准测试的对照接口（仅在基准测试时开启） — The benchmark's baseline route (only while benchmarking)")
            .WithDescription("只在配置 `Bench:BareIntake=true` 时存在：读取与 POST /api/voice/items 相同的 JSON，不做任何检查，直接写入一行（来源 bench），作为受理接口吞吐量的对照（bench/intake.sh）。正式运行的服务器没有这个接口。 — Exists only with `Bench:BareIntake=true`: reads the same JSON as POST /api/voice/items and writes it as one row (source bench) with no checks at all, the baseline of the intake's throughput (bench/intake.sh). A server in service has no such route.");
    }

    private static string Cut(string? value, int max) => value is null ? string.Empty : value.Length <= max ? value : value[..max];
}
