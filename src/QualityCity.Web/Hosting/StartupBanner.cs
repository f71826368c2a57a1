using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using QualityCity.Web.Modules.Demo;

namespace QualityCity.Web.Hosting;

/// <summary>Tells the person who just ran the server where it is and how to sign in.</summary>
internal static class StartupBanner
{
    public static void Print(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var settings = app.Services.GetRequiredService<DatabaseSettings>();
        Console.WriteLine();
        Console.WriteLine("QualityCity 质量强市·涉企监管与服务平台");
        foreach (var address in addresses)
        {
            Console.WriteLine($"  URL: {address}");
        }

        Console.WriteLine($"  Database: {(settings.IsPostgres ? "PostgreSQL" : "SQLite")} ({(settings.IsPostgres ? "ConnectionStrings__Postgres" : settings.ConnectionString)})");
        Console.WriteLine($"  Demo accounts (password {DemoCity.DemoPassword}):");
        foreach (var account in DemoCity.Accounts)
        {
            Console.WriteLine($"    {account.UserName,-16} {account.Role,-12} {account.Description}");
        }

        Console.WriteLine("  API reference: /api-docs   Health: /healthz");
        Console.WriteLine();
    }
}
