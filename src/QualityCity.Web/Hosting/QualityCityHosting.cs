using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging.Abstractions;
using QualityCity.Web.Data;
using QualityCity.Web.Demo;
using QualityCity.Web.Localization;
using QualityCity.Web.Modules.Accounts;
using QualityCity.Web.Modules.Accounts.Contracts;
using QualityCity.Web.Modules.ReferenceData;

namespace QualityCity.Web.Hosting;

/// <summary>
/// The registrations shared by the server and the command-line verbs: the database, sign-in,
/// localization, and every module listed in <see cref="Program.Modules"/>.
/// </summary>
public static class QualityCityHosting
{
    private static readonly SqliteConnectionSettings SqliteSettings = new();

    public static IServiceCollection AddQualityCity(this IServiceCollection services, IReadOnlyList<ModuleRegistration> modules)
    {
        // The provider is chosen when a context is made, not at registration, so that settings
        // supplied late (tests, the command line) still apply; the settings are read once.
        services.AddSingleton(sp => DatabaseSettings.From(sp.GetRequiredService<IConfiguration>()));
        // The options depend on singletons only, so they are built once rather than for every
        // request's context (building them showed as a tenth of the public intake's CPU under load).
        services.AddDbContext<SqliteQualityCityDbContext>((sp, options) =>
            options.UseSqlite(sp.GetRequiredService<DatabaseSettings>().ConnectionString,
                o => o.CommandTimeout(120)).AddInterceptors(SqliteSettings), ServiceLifetime.Scoped, ServiceLifetime.Singleton);
        services.AddDbContext<PostgresQualityCityDbContext>((sp, options) =>
            options.UseNpgsql(sp.GetRequiredService<DatabaseSettings>().ConnectionString,
                o => o.CommandTimeout(120)), ServiceLifetime.Scoped, ServiceLifetime.Singleton);
        services.AddScoped<QualityCityDbContext>(sp =>
        {
            QualityCityDbContext db = sp.GetRequiredService<DatabaseSettings>().IsPostgres
                ? sp.GetRequiredService<PostgresQualityCityDbContext>()
                : sp.GetRequiredService<SqliteQualityCityDbContext>();
            var accessor = sp.GetService<IHttpContextAccessor>();
            db.CurrentUser = () => accessor?.HttpContext?.User is { Identity.IsAuthenticated: true } user ? user.ActorName() : null;
            return db;
        });

        services.AddHttpContextAccessor();
        // The one clock of the platform, and the only place that names the system clock (WallClockTests
        // checks it); tests replace the TimeProvider with a frozen one. Everything else asks PlatformClock
        // or the TimeProvider, including the framework's own consumers (cookie tickets, security stamps).
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<PlatformClock>();
        // Sign-in cookies stay valid across restarts: keys live in the data directory of this installation.
        services.AddDataProtection().SetApplicationName("QualityCity");
        services.AddOptions<KeyManagementOptions>().Configure<IConfiguration>((options, configuration) =>
            options.XmlRepository = new FileSystemXmlRepository(
                new DirectoryInfo(Path.Combine(DatabaseSettings.From(configuration).DataDirectory, "keys")), NullLoggerFactory.Instance));
        services.AddScoped<DatabaseInitializer>();
        services.AddSingleton<Text>();
        services.TryAddSingleton(StartupConsole.ForServer);
        services.AddQualityCityWebSecurity();
        services.AddQualityCityRateLimits();
        services.AddSingleton<PublishedFiles>();
        // The platform's meter; AddMetrics (a no-op under a host) lets a bare service collection make it too.
        services.AddMetrics().AddSingleton<PlatformMetrics>();
        foreach (var module in modules)
        {
            module.AddServices(services);
        }

        return services;
    }

    public static void AddQualityCityWeb(this WebApplicationBuilder builder, IReadOnlyList<ModuleRegistration> modules)
    {
        builder.Services.AddQualityCity(modules);
        // Pages live beside the rest of their feature (Modules/<Module>/<Feature>/), each with an
        // explicit route and its own [Authorize] policy.
        builder.Services.AddRazorPages(options => options.RootDirectory = "/Modules")
            .AddMvcOptions(options => options.Filters.Add<PageRequestCheck>());
        // Chinese text goes into pages as characters, not as &#x…; entities.
        builder.Services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        builder.Services.AddQualityCityApiReference();
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = ErrorPages.Localize);
        builder.AddQualityCityTelemetry();
        builder.Services.AddHostedService<StartupTasks>();
        // After StartupTasks, so that its first checkpoint signs the migrated log.
        builder.Services.AddHostedService<Modules.Audit.Checkpoints.AuditCheckpointSchedule>();
        Modules.PublicVoice.Triage.TriageServices.AddSchedules(builder.Services);
        builder.Services.Configure<RequestLocalizationOptions>(options =>
        {
            options.SetDefaultCulture("zh-CN").AddSupportedCultures("zh-CN", "en").AddSupportedUICultures("zh-CN", "en");
            options.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()];
        });
        // Small by default; routes that take uploads raise their own limit (RequestLimits).
        builder.WebHost.ConfigureKestrel(o => o.Limits.MaxRequestBodySize = RequestLimits.DefaultBytes);
        builder.Services.Configure<Microsoft.AspNetCore.Http.Features.FormOptions>(o => o.MultipartBodyLengthLimit = RequestLimits.RegistryImportBytes);
    }

    public static WebApplication MapQualityCity(this WebApplication app, IReadOnlyList<ModuleRegistration> modules)
    {
        if (WebSecurity.BehindProxy(app.Configuration))
        {
            app.UseForwardedHeaders();
        }

        app.UseSecurityHeaders();
        // Before the error handling, so that error pages and problem details speak the user's language.
        app.UseRequestLocalization();
        app.UseErrorPages();
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        app.UseQueryAndPathGuard();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseRequestBodyLimits();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseCrossSiteRequestChecks();
        app.UseAntiforgery();

        app.MapQualityCityTelemetry();
        app.MapQualityCityApiReference();
        app.MapGet("/culture/{culture}", (string culture, string? returnUrl, HttpContext http) =>
        {
            var chosen = culture == "en" ? "en" : "zh-CN";
            http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
                new CookieOptions
                {
                    // A lifetime, not a date: the browser counts it from its own clock, so a server
                    // clock that differs from the browser's cannot make the choice expire at once.
                    MaxAge = TimeSpan.FromDays(365), IsEssential = true, SameSite = SameSiteMode.Lax,
                    Secure = http.Request.IsHttps,
                });
            return Results.LocalRedirect(string.IsNullOrEmpty(returnUrl) || !returnUrl.StartsWith('/') || returnUrl.StartsWith("//", StringComparison.Ordinal)
                || returnUrl.StartsWith("/\\", StringComparison.Ordinal) ? "/" : returnUrl);
        }).ExcludeFromDescription().AllowAnonymous().RequireRateLimiting(RateLimits.Public);

        // Browsers ask for /favicon.ico whatever the page links: send them to the site's mark (wwwroot/favicon.svg) rather than a 404.
        app.MapGet("/favicon.ico", () => Results.Redirect("/favicon.svg", permanent: true))
            .ExcludeFromDescription().AllowAnonymous().RequireRateLimiting(RateLimits.Public);

        // Every module's API goes through one group, so that the input rules apply to all of them.
        var endpoints = app.MapGroup(string.Empty).ValidateInputs();
        foreach (var module in modules)
        {
            module.MapEndpoints(endpoints);
        }

        app.MapRazorPages();
        app.MapNotFoundFallback();
        return app;
    }
}

/// <summary>Brings the database up to date when the server starts (migrations, reference data, roles, the demo city when asked for).</summary>
internal sealed class StartupTasks(IServiceScopeFactory scopes, IConfiguration configuration, IHostEnvironment environment, StartupConsole console)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var initializer = scope.ServiceProvider.GetRequiredService<DatabaseInitializer>();
        var enterprises = configuration.GetValue("Demo:Enterprises", 20_000);
        var seed = configuration["Demo:Seed"] ?? "liaocheng";
        // The demo load reports its steps on the console: it takes a while, and the banner comes only after it.
        await initializer.InitializeAsync(DemoRequested(configuration, environment), enterprises, seed, console, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// The demo city loads only when asked: <c>--demo</c> or <c>Demo:Load=true</c>, or by default in
    /// the Development environment (which <c>dotnet run</c> selects). A production start on an empty
    /// database therefore has no data and no account until <c>users add</c> creates the first administrator.
    /// </summary>
    public static bool DemoRequested(IConfiguration configuration, IHostEnvironment environment) =>
        configuration.GetValue<bool?>("Demo:Load") ?? environment.IsDevelopment();
}

/// <summary>Migrations, reference data, the roles and (on an empty registry, when asked) the demo city; used by the server and every CLI verb.</summary>
public sealed class DatabaseInitializer(QualityCityDbContext db, ReferenceDataLoader referenceData, DemoCity demo, RoleManager<IdentityRole> roles,
    PlatformClock clock)
{
    /// <summary>Returns the number of demo enterprises loaded (0 when none were).</summary>
    public async Task<int> InitializeAsync(bool loadDemoWhenEmpty, int enterprises, string seed, StartupConsole? console, CancellationToken cancellationToken)
    {
        await MigrateAsync(cancellationToken);
        await referenceData.LoadAsync(cancellationToken);
        await EnsureRolesAsync();
        await EnsureDocumentStampsAsync(cancellationToken);
        if (loadDemoWhenEmpty && !await db.MarketEntities.AnyAsync(cancellationToken))
        {
            return await demo.LoadAsync(enterprises, seed, console, cancellationToken);
        }

        return 0;
    }

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await db.Database.MigrateAsync(cancellationToken);
        if (!db.IsPostgres)
        {
            // WAL lets readers (the web pages) run while an import writes.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        // Draws stored by earlier versions get their plan rows and the public form of their record once (an upgraded database).
        await Modules.Planning.DrawPlan.PlanRowWriter.BackfillAsync(db, cancellationToken);
        // Inspections recorded before the KPI figures were kept get them once (an upgraded database).
        await Modules.Inspections.Kpis.KpiStore.BackfillAsync(db, cancellationToken);
        // Entities stored before the search columns (initials, address tokens, phone digits) get them once (an upgraded database).
        await Modules.Registry.SearchEntities.RegistrySearchColumns.BackfillAsync(db, cancellationToken);
    }

    /// <summary>A stamp row for every published document, made before any request can change one.</summary>
    public async Task EnsureDocumentStampsAsync(CancellationToken cancellationToken)
    {
        var existing = await db.PublishedDocumentStamps.Select(s => s.Name).ToListAsync(cancellationToken);
        foreach (var name in PublishedFiles.StampedDocuments.Except(existing, StringComparer.Ordinal))
        {
            db.PublishedDocumentStamps.Add(new PublishedDocumentStamp { Name = name, Stamp = Guid.NewGuid().ToString("N"), ChangedAtUtc = clock.UtcNow });
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The roles of SPEC §0 exist in every installation, demo or not, so that the first administrator can be created.</summary>
    public async Task EnsureRolesAsync()
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }
    }
}
