using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Data;
using QualityCity.Web.Demo;

namespace QualityCity.Web.Hosting;

/// <summary>Tells the person who just ran the server where it is and how to sign in.</summary>
internal static class StartupBanner
{
    public static void Print(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var settings = app.Services.GetRequiredService<DatabaseSettings>();

        // The demo accounts are listed only where they exist: a production database never has them.
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QualityCityDbContext>();
        var demoNames = DemoCity.Accounts.Select(a => a.UserName).ToList();
        var demoPresent = db.Users.AsNoTracking().Where(u => demoNames.Contains(u.UserName!)).Select(u => u.UserName!).ToHashSet();
        var noAccount = demoPresent.Count == 0 && !db.Users.Any();
        const string FirstAdministrator = "QualityCity.Web users add NAME --role admin";

        // Where a service manager or container collects the console as JSON log lines (Production),
        // the banner's text would be the one unparsable entry: structured lines say the same.
        if (Console.IsOutputRedirected && string.Equals(app.Configuration["Logging:Console:FormatterName"], "json", StringComparison.OrdinalIgnoreCase))
        {
            app.Logger.LogInformation("Serving on {Addresses} with {Database}", string.Join(' ', addresses), settings.IsPostgres ? "PostgreSQL" : "SQLite");
            if (noAccount)
            {
                app.Logger.LogWarning("No accounts yet. Create the first administrator on this machine: {Command} (the password is read from standard input, twice)",
                    FirstAdministrator);
            }

            return;
        }

        Console.WriteLine();
        Console.WriteLine("QualityCity 质量强市·涉企监管与服务平台");
        foreach (var address in addresses)
        {
            Console.WriteLine($"  URL: {address}");
        }

        Console.WriteLine($"  Environment: {app.Environment.EnvironmentName}");
        Console.WriteLine($"  Database: {(settings.IsPostgres ? "PostgreSQL" : "SQLite")} ({(settings.IsPostgres ? "ConnectionStrings__Postgres" : settings.ConnectionString)})");
        if (demoPresent.Count > 0)
        {
            Console.WriteLine($"  Demo accounts (password {DemoCity.DemoPassword}):");
            foreach (var account in DemoCity.Accounts.Where(a => demoPresent.Contains(a.UserName)))
            {
                Console.WriteLine($"    {account.UserName,-16} {account.Role,-12} {account.Description}");
            }
        }
        else if (noAccount)
        {
            Console.WriteLine("  No accounts yet. Create the first administrator on this machine:");
            Console.WriteLine($"    {FirstAdministrator}      (the password is read from standard input, twice)");
        }

        Console.WriteLine("  API reference: /api-docs   Health: /healthz");
        Console.WriteLine();
    }
}
