using QualityCity.Web.Data;
using QualityCity.Web.Hosting;

namespace QualityCity.Web.Cli;

/// <summary>What a verb's handler works with: its arguments, the three streams and, for a verb that needs the database, the platform's services.</summary>
internal sealed class CliContext(CliVerb verb, string[] arguments, CliOptions options, TextReader input, TextWriter output, TextWriter error,
    IServiceProvider? services, CancellationToken cancellationToken)
{
    /// <summary>The arguments as given, the verb first.</summary>
    public string[] Arguments { get; } = arguments;

    public CliOptions Options { get; } = options;
    public TextReader Input { get; } = input;
    public TextWriter Output { get; } = output;
    public TextWriter Error { get; } = error;
    public CancellationToken CancellationToken { get; } = cancellationToken;

    /// <summary>The value of a required option; without it, the usage error <c>draw verify needs --record FILE</c>.</summary>
    public string Required(string option, string placeholder) =>
        Options.Value(option) ?? throw new CliUsageException($"{Command} needs --{option} {placeholder}");

    /// <summary>The word after the verb's two (<c>import registry FILE</c>); without it, the usage error <c>import registry needs a FILE</c>.</summary>
    public string RequiredWord(string placeholder) =>
        Options.Positional.ElementAtOrDefault(1) ?? throw new CliUsageException($"{Command} needs a {placeholder}");

    /// <summary>The platform's services in one scope; only for verbs the table marks as needing the database.</summary>
    public IServiceProvider Services =>
        services ?? throw new InvalidOperationException($"'{string.Join(' ', Arguments)}' is not marked in the verb table as needing the database");

    /// <summary>The scope's database context, acting as <c>cli:USER</c>.</summary>
    public QualityCityDbContext Db => Services.GetRequiredService<QualityCityDbContext>();

    /// <summary>
    /// Applies pending migrations. A verb calls it once its options are checked, so a usage error
    /// leaves the database as it was.
    /// </summary>
    public Task MigrateAsync() => Services.GetRequiredService<DatabaseInitializer>().MigrateAsync(CancellationToken);

    /// <summary>The verb's words as usage errors name it: <c>draw verify</c>.</summary>
    private string Command => verb.SubVerb is null ? verb.Name : $"{verb.Name} {verb.SubVerb}";
}
