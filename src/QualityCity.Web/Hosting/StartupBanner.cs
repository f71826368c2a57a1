using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Data;
using QualityCity.Web.Demo;

namespace QualityCity.Web.Hosting;

/// <summary>
/// Tells the person who just ran the server where it is and how to sign in, in the console's one
/// language (<see cref="StartupConsole"/>), listing only what exists: the demo accounts only where
/// they are in the database (a production database never has them).
/// </summary>
public static class StartupBanner
{
    public const string FirstAdministrator = "QualityCity.Web users add NAME --role admin";

    internal static void Print(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        Write(app.Services, app.Environment.EnvironmentName, addresses.ToList(), app.Services.GetRequiredService<StartupConsole>(), app.Logger);
    }

    /// <summary>Writes the banner for a server listening on <paramref name="addresses"/>.</summary>
    public static void Write(IServiceProvider services, string environment, IReadOnlyList<string> addresses, StartupConsole console, ILogger? logger = null)
    {
        var settings = services.GetRequiredService<DatabaseSettings>();
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QualityCityDbContext>();
        var demoNames = DemoCity.Accounts.Select(a => a.UserName).ToList();
        var demoPresent = db.Users.AsNoTracking().Where(u => demoNames.Contains(u.UserName!)).Select(u => u.UserName!).ToHashSet();
        var noAccount = demoPresent.Count == 0 && !db.Users.Any();
        var database = settings.IsPostgres ? "PostgreSQL" : "SQLite";

        // Where a service manager or container collects the console as JSON log lines (Production),
        // the banner's text would be the one unparsable entry: structured lines say the same.
        if (console.Structured && logger is not null)
        {
            logger.LogInformation("Serving on {Addresses} with {Database}", string.Join(' ', addresses), database);
            if (noAccount)
            {
                logger.LogWarning("No accounts yet. Create the first administrator on this machine: {Command} (the password is read from standard input, twice)",
                    FirstAdministrator);
            }

            return;
        }

        console.Write(string.Empty);
        console.Write(console.Say("QualityCity 质量强市·涉企监管与服务平台"));
        foreach (var address in addresses)
        {
            console.Step("网址：{0}", address);
        }

        console.Step("运行环境：{0}", environment);
        console.Step("数据库：{0}（{1}）", database, settings.IsPostgres ? "ConnectionStrings__Postgres" : settings.ConnectionString);
        if (demoPresent.Count > 0)
        {
            console.Step("演示账号（密码 {0}）：", DemoCity.DemoPassword);
            foreach (var account in DemoCity.Accounts.Where(a => demoPresent.Contains(a.UserName)))
            {
                console.Write($"    {account.UserName,-16} {console.Say(account.Description)}");
            }
        }
        else if (noAccount)
        {
            console.Step("还没有任何账号。请在本机创建第一个管理员：");
            console.Write($"    {FirstAdministrator}");
            console.Step("（密码从标准输入读取，输入两次）");
        }

        console.Step("接口文档：/api-docs　健康检查：/healthz");
        console.Write(string.Empty);
    }
}
