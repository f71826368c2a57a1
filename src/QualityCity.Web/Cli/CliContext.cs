using QualityCity.Web.Data;
using QualityCity.Web.Hosting;

namespace QualityCity.Web.Cli;

/// <summary>What a verb's handler works with: its arguments, the three streams and, for a verb that needs the database, the platform's services.</summary>
internal sealed class CliContext(string[] arguments, CliOptions options, TextReader input, TextWriter output, TextWriter error,
    IServiceProvider? services, CancellationToken cancellationToken)
{
    /// <summary>The arguments as given, the verb first.</summary>
    public string[] Arguments { get; } = arguments;

    public CliOptions Options { get; } = options;
    public TextReader Input { get; } = input;
    public TextWriter Output { get; } = output;
    public TextWriter Error { get; } = error;
    public CancellationToken CancellationToken { get; } = cancellationToken;

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
}
