using System.Text;
using QualityCity.Web.Hosting;
using QualityCity.Web.Modules.Accounts.ManageUsers;

namespace QualityCity.Web.Cli.Verbs;

/// <summary>
/// <c>users add|list|set-password|disable|enable</c>: account management from the server's own
/// machine. <c>users add NAME --role admin</c> is how a new installation gets its first
/// administrator; everything later can be done on the admin page. Passwords are read from
/// standard input, typed twice (two lines when input is piped), never from the command line
/// where the shell history and the process list would keep them.
/// </summary>
internal static class UsersVerb
{
    public static async Task<int> RunAsync(CliContext cli)
    {
        await cli.MigrateAsync();
        await cli.Services.GetRequiredService<DatabaseInitializer>().EnsureRolesAsync();
        var (options, input, output, error, cancellationToken) = (cli.Options, cli.Input, cli.Output, cli.Error, cli.CancellationToken);
        var accounts = cli.Services.GetRequiredService<UserAdministration>();
        var action = options.Positional.ElementAtOrDefault(0);
        var userName = options.Positional.ElementAtOrDefault(1);
        switch (action)
        {
            case "list":
                foreach (var user in await accounts.ListAsync(cancellationToken))
                {
                    var binding = user.Department ?? user.Enterprise ?? string.Empty;
                    var state = user.Disabled ? "disabled" : user.LockedUntil is not null ? "locked" : "active";
                    var lastSignIn = user.LastSignInAtUtc?.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture) ?? "never";
                    await output.WriteLineAsync($"{user.UserName,-24} {user.Role,-12} {binding,-20} {state,-8} last sign-in {lastSignIn}");
                }

                return 0;
            case "add" when userName is not null:
            {
                var role = options.Value("role") ?? throw new CliUsageException("users add needs --role ROLE (admin, coordinator, dept_head, inspector, enterprise)");
                var password = await ReadNewPasswordAsync(input, output, error);
                if (password is null)
                {
                    return 1;
                }

                var change = await accounts.CreateAsync(new UserRequest(userName, options.Value("display-name"), role, options.Value("department"),
                    options.Value("enterprise"), options.Value("inspector")), password, cancellationToken);
                return await ReportAsync(change, $"created {userName} ({role})", output, error);
            }

            case "set-password" when userName is not null:
            {
                var password = await ReadNewPasswordAsync(input, output, error);
                if (password is null)
                {
                    return 1;
                }

                return await ReportAsync(await accounts.SetPasswordAsync(userName, password, cancellationToken),
                    $"password of {userName} set; its sessions have ended", output, error);
            }

            case "disable" or "enable" when userName is not null:
                return await ReportAsync(await accounts.SetDisabledAsync(userName, action == "disable", "cli", cancellationToken),
                    $"{userName} {action}d", output, error);
            default:
                throw new CliUsageException("users add NAME --role ROLE [--department CODE] [--enterprise CREDIT_CODE] [--inspector CREDENTIAL] | users list | users set-password NAME | users disable NAME | users enable NAME");
        }
    }

    private static async Task<int> ReportAsync(UserChange change, string done, TextWriter output, TextWriter error)
    {
        if (change.NotFound)
        {
            await error.WriteLineAsync("error: no such user");
            return 1;
        }

        if (!change.Succeeded)
        {
            foreach (var (field, messages) in change.Errors)
            {
                await error.WriteLineAsync($"error: {field}: {string.Join("; ", messages)}");
            }

            return 1;
        }

        await output.WriteLineAsync(done);
        return 0;
    }

    /// <summary>Reads the password twice; null (with the reason written) when the two differ or input ends.</summary>
    private static async Task<string?> ReadNewPasswordAsync(TextReader input, TextWriter output, TextWriter error)
    {
        var interactive = ReferenceEquals(input, Console.In) && !Console.IsInputRedirected;
        await output.WriteAsync("password: ");
        var first = interactive ? ReadHidden() : await input.ReadLineAsync();
        await output.WriteAsync(interactive ? "\nagain: " : "again: ");
        var second = interactive ? ReadHidden() : await input.ReadLineAsync();
        await output.WriteLineAsync();
        if (first is null || second is null)
        {
            await error.WriteLineAsync("error: the password is read from standard input, twice");
            return null;
        }

        if (!string.Equals(first, second, StringComparison.Ordinal))
        {
            await error.WriteLineAsync("error: the two passwords differ");
            return null;
        }

        return first;
    }

    /// <summary>Reads a line from the terminal without echoing it.</summary>
    private static string ReadHidden()
    {
        var typed = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                return typed.ToString();
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                if (typed.Length > 0)
                {
                    typed.Length--;
                }
            }
            else if (!char.IsControl(key.KeyChar))
            {
                typed.Append(key.KeyChar);
            }
        }
    }
}
