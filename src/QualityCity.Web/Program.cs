using QualityCity.Web.Cli;
using QualityCity.Web.Demo;
using QualityCity.Web.Hosting;
using QualityCity.Web.Modules.Accounts;
using QualityCity.Web.Modules.Audit;
using QualityCity.Web.Modules.Checklists;
using QualityCity.Web.Modules.Organisation;
using QualityCity.Web.Modules.Planning;
using QualityCity.Web.Modules.ReferenceData;
using QualityCity.Web.Modules.Registry;

namespace QualityCity.Web;

/// <summary>
/// One executable for the server and the command-line verbs (serve, demo, import, export, code,
/// audit, …: the table in Cli/CommandLine.cs). With no verb, or with <c>serve</c>, it serves; see docs/cli.md.
/// </summary>
public partial class Program
{
    /// <summary>The platform's modules. A new module adds its folder under Modules/ and one line here.</summary>
    public static readonly IReadOnlyList<ModuleRegistration> Modules =
    [
        ModuleRegistration.Of<AuditModule>(),
        ModuleRegistration.Of<Modules.Jobs.JobsModule>(),
        ModuleRegistration.Of<AccountsModule>(),
        ModuleRegistration.Of<ReferenceDataModule>(),
        ModuleRegistration.Of<OrganisationModule>(),
        ModuleRegistration.Of<ChecklistsModule>(),
        ModuleRegistration.Of<PlanningModule>(),
        ModuleRegistration.Of<Modules.Inspections.InspectionsModule>(),
        ModuleRegistration.Of<Modules.Quality.QualityModule>(),
        ModuleRegistration.Of<RegistryModule>(),
        ModuleRegistration.Of<Modules.PublicVoice.PublicVoiceModule>(),
        ModuleRegistration.Of<Modules.Services.ServicesModule>(),
        ModuleRegistration.Of<Modules.Development.DevelopmentModule>(),
        ModuleRegistration.Of<DemoModule>(),
    ];

    /// <summary>Every start goes through the verb table, which decides between serving, the help and a verb.</summary>
    public static Task<int> Main(string[] args) => CommandLine.RunAsync(args, Console.Out, Console.Error);

    /// <summary>The <c>serve</c> verb: the web server over every module, until it is stopped.</summary>
    internal static async Task<int> ServeAsync(string[] args)
    {
        var serveArgs = args.Where(a => a != "serve").ToList();
        var noDemo = serveArgs.Remove("--no-demo");
        var demo = serveArgs.Remove("--demo");
        // The build output carries appsettings.json and wwwroot, so the server finds them whatever the
        // working directory (test hosts pass their own content root).
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = serveArgs.ToArray(),
            ContentRootPath = serveArgs.Any(a => a.StartsWith("--contentRoot", StringComparison.OrdinalIgnoreCase)) ? null : AppContext.BaseDirectory,
        });
        if (noDemo || demo)
        {
            builder.Configuration["Demo:Load"] = demo ? "true" : "false";
        }

        builder.AddQualityCityWeb(Modules);
        var app = builder.Build();
        app.MapQualityCity(Modules);
        app.Lifetime.ApplicationStarted.Register(() => StartupBanner.Print(app));
        await app.RunAsync();
        return 0;
    }
}
