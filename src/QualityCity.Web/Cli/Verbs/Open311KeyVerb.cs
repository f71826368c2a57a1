using System.Globalization;
using QualityCity.Web.Modules.PublicVoice.Open311;

namespace QualityCity.Web.Cli.Verbs;

/// <summary>
/// <c>open311 key create --name NAME</c> prints a new Open311 API key alone on its last line (the only
/// time it is shown); <c>open311 key list</c> and <c>open311 key revoke ID</c> do what the
/// administrator's page does. Keys are looked up per request, so a new key works at once (ADR 0030).
/// </summary>
internal static class Open311KeyVerb
{
    public static async Task<int> RunAsync(CliContext cli)
    {
        var action = cli.Options.Positional.ElementAtOrDefault(1);
        var keys = cli.Services.GetRequiredService<Open311Keys>();
        var actor = "cli:" + Environment.UserName;
        switch (action)
        {
            case "create":
            {
                var name = cli.Required("name", "NAME");
                if (name.Trim().Length is 0 or > Open311Keys.MaxName)
                {
                    throw new CliUsageException($"--name must be 1 to {Open311Keys.MaxName} characters");
                }

                await cli.MigrateAsync();
                var key = (await keys.CreateAsync(name, actor, cli.CancellationToken))!;
                await cli.Output.WriteLineAsync($"open311 key {key.Id.ToString(CultureInfo.InvariantCulture)} for \"{key.Name}\" (shown once; only its hash is stored):");
                await cli.Output.WriteLineAsync(key.Key);
                return 0;
            }

            case "list":
                await cli.MigrateAsync();
                foreach (var key in await keys.ListAsync(cli.CancellationToken))
                {
                    await cli.Output.WriteLineAsync(string.Join('\t', key.Id.ToString(CultureInfo.InvariantCulture), key.Active ? "active" : "revoked", key.Name,
                        key.CreatedAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), key.CreatedBy,
                        key.LastUsedAt?.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "-"));
                }

                return 0;
            case "revoke":
            {
                var word = cli.Options.Positional.ElementAtOrDefault(2) ?? throw new CliUsageException("open311 key revoke needs an ID");
                if (!long.TryParse(word, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
                {
                    throw new CliUsageException($"open311 key revoke: '{word}' is not a key id (see open311 key list)");
                }

                await cli.MigrateAsync();
                if (await keys.RevokeAsync(id, actor, cli.CancellationToken) is null)
                {
                    await cli.Error.WriteLineAsync($"no open311 key {id}");
                    return 1;
                }

                await cli.Output.WriteLineAsync($"revoked open311 key {id}");
                return 0;
            }

            default:
                throw new CliUsageException("open311 key needs create --name NAME, list or revoke ID");
        }
    }
}
