namespace QualityCity.Web.Hosting;

/// <summary>Where the data live, read from configuration each time a database context is made.</summary>
/// <remarks>
/// Settings: <c>QC_DATABASE</c> = <c>sqlite</c> (default) or <c>postgres</c>; <c>QC_DATA_DIR</c>
/// (default <c>./data</c>) holds the SQLite file, uploads and import error reports;
/// <c>ConnectionStrings:Postgres</c> for PostgreSQL; <c>ConnectionStrings:Sqlite</c> overrides the
/// SQLite file.
/// </remarks>
public sealed record DatabaseSettings(bool IsPostgres, string ConnectionString, string DataDirectory)
{
    public static DatabaseSettings From(IConfiguration configuration)
    {
        var dataDirectory = Path.GetFullPath(configuration["QC_DATA_DIR"] is { Length: > 0 } dir ? dir : "data");
        var provider = (configuration["QC_DATABASE"] ?? "sqlite").Trim().ToLowerInvariant();
        switch (provider)
        {
            case "postgres" or "postgresql":
                var postgres = configuration.GetConnectionString("Postgres");
                if (string.IsNullOrWhiteSpace(postgres))
                {
                    throw new InvalidOperationException(
                        "QC_DATABASE=postgres needs a connection string in ConnectionStrings__Postgres, e.g. Host=127.0.0.1;Database=qc;Username=qc;Password=…");
                }

                return new DatabaseSettings(true, postgres, dataDirectory);
            case "sqlite":
                var sqlite = configuration.GetConnectionString("Sqlite");
                if (string.IsNullOrWhiteSpace(sqlite))
                {
                    Directory.CreateDirectory(dataDirectory);
                    sqlite = $"Data Source={Path.Combine(dataDirectory, "qualitycity.db")}";
                }

                return new DatabaseSettings(false, sqlite, dataDirectory);
            default:
                throw new InvalidOperationException($"QC_DATABASE must be 'sqlite' or 'postgres', not '{provider}'.");
        }
    }
}
