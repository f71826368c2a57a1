using System.Data;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using QualityCity.Web.Data;

namespace QualityCity.Web.Modules.Registry.Partitions;

/// <summary>One partition of a table partitioned by city, as <c>registry partitions</c> lists it.</summary>
/// <param name="Table">The partitioned table, e.g. <c>market_entities</c>.</param>
/// <param name="Name">The partition's table, e.g. <c>market_entities_3715</c>.</param>
/// <param name="City">The city's four-digit code; null for the default partition.</param>
/// <param name="Server">The foreign server the rows live on; null when they are in this database.</param>
/// <param name="Rows">How many rows it holds.</param>
/// <param name="What">What its rows are, in words for the operator ("entities", "visits" …).</param>
public sealed record RegistryPartition(string Table, string Name, string? City, string? Server, long Rows, string What);

/// <summary>A city's partition of one table, made by <see cref="RegistryPartitions.CarveCityAsync"/> or moved by <see cref="RegistryPartitions.MoveCityToShardAsync"/>.</summary>
/// <param name="Table">The partitioned table, e.g. <c>samples</c>.</param>
/// <param name="Name">The partition, e.g. <c>samples_3715</c>.</param>
/// <param name="Rows">How many rows moved into it.</param>
/// <param name="What">What its rows are, in words for the operator ("entities", "visits" …).</param>
public sealed record CarvedPartition(string Table, string Name, long Rows, string What);

/// <summary>Why a partition cannot be made or moved, in words for the operator.</summary>
public sealed class RegistryPartitionException(string message) : Exception(message);

/// <summary>
/// The registry's partitions by city on PostgreSQL (ADR 0047), and with them the samples' and their test
/// results' (ADR 0050), the visits' and inspections' (ADR 0051), the public-voice items' (ADR 0052) and
/// the demands' (ADR 0053): each of <see cref="CityTables"/> is partitioned by range of county code;
/// every row starts in the default partitions. <see cref="CarveCityAsync"/> gives a city (all county
/// codes beginning with its four digits) partitions of its own, and <see cref="MoveCityToShardAsync"/>
/// moves those partitions' rows to another PostgreSQL server and puts <c>postgres_fdw</c> foreign
/// tables in their place, so the platform reads and writes them there unchanged. SQLite has no
/// partitions: each is one table.
/// </summary>
public sealed class RegistryPartitions(QualityCityDbContext db)
{
    /// <summary>
    /// A table partitioned by city (ADR 0047, ADR 0050 to ADR 0053): its key's columns and its unique
    /// indexes besides the key, each without the county (on the partitioned table both hold the county
    /// as well; on a shard, whose table is one city's, they do not), and what its rows are.
    /// </summary>
    private sealed record CityTable(string Name, string What, string[] KeyColumns, params CityUnique[] Uniques)
    {
        public string Key => "PK_" + Name;

        public string Partition(string city) => $"{Name}_{city}";

        public string DefaultPartition => Name + "_default";
    }

    /// <summary>A unique index of a table partitioned by city: its columns without the county, and the rows it covers when not all.</summary>
    private sealed record CityUnique(string[] Columns, string? Where = null)
    {
        /// <summary>The index's name on <paramref name="table"/>, as EF Core names it.</summary>
        public string Name(string table) => $"IX_{table}_{string.Join('_', Columns)}";

        /// <summary>The index on <paramref name="table"/>, with the county or without it (a shard's table is one city's).</summary>
        public string Create(string table, bool withCounty) =>
            $"CREATE UNIQUE INDEX {Quote(Name(table))} ON {Quote(table)} ({RegistryPartitions.Columns(withCounty ? [.. Columns, "CountyCode"] : Columns)}){(Where is null ? string.Empty : " WHERE " + Where)};";
    }

    private static readonly string[] ById = ["Id"];

    /// <summary>
    /// The tables a city's partitions are made of, carved and moved together: the registry, the
    /// product-quality facts (a sample and its test results), the field's (a visit with its parts,
    /// items and officers; an inspection and its results), the public's voice (an item with its steps
    /// and photos) and the one window's (a demand with its steps), every row of which carries its county.
    /// </summary>
    private static readonly CityTable[] CityTables =
    [
        new("market_entities", "entities", ById, new CityUnique(["CreditCode"])),
        new("samples", "samples", ById, new CityUnique(["SampleNo"])),
        new("sample_item_results", "test results", ById),
        new("visits", "visits", ById, new CityUnique(["VisitKey", "DrawId"])),
        new("visit_departments", "visit parts", ById),
        new("visit_items", "visit items", ["VisitDepartmentId", "Position"]),
        new("visit_inspectors", "visit officers", ["VisitDepartmentId", "Position"]),
        new("inspections", "inspections", ById),
        new("inspection_item_results", "inspection results", ById),
        new("voice_items", "public-voice items", ById, new CityUnique(["TrackingCode"]), new CityUnique(["Source", "ExternalId"], "\"ExternalId\" IS NOT NULL")),
        new("voice_item_events", "public-voice steps", ById),
        new("voice_photos", "public-voice photos", ById),
        new("service_demands", "demands", ById, new CityUnique(["Code"]), new CityUnique(["Year", "Number"])),
        new("service_demand_events", "demand steps", ById),
    ];

    /// <summary>A row's link to the row it belongs to, in the same city: (columns, CountyCode) to (Id, CountyCode).</summary>
    private sealed record CityLink(string Table, string Column, string Referenced)
    {
        public string Name => $"FK_{Table}_{Referenced}_{Column}";

        public string Add => $"""
            ALTER TABLE {Table} ADD CONSTRAINT {Quote(Name)}
                FOREIGN KEY ({Quote(Column)}, "CountyCode") REFERENCES {Referenced} ("Id", "CountyCode") ON DELETE CASCADE;

            """;

        public string Drop => $"ALTER TABLE {Table} DROP CONSTRAINT IF EXISTS {Quote(Name)};\n";
    }

    /// <summary>
    /// The links between the city's tables: they hold while each table has a key across its partitions,
    /// and cannot once a city's partitions are on a shard.
    /// </summary>
    private static readonly CityLink[] CityLinks =
    [
        new("sample_item_results", "SampleId", "samples"),
        new("visit_departments", "VisitId", "visits"),
        new("visit_items", "VisitDepartmentId", "visit_departments"),
        new("visit_inspectors", "VisitDepartmentId", "visit_departments"),
        new("visit_inspectors", "VisitId", "visits"),
        new("inspection_item_results", "InspectionId", "inspections"),
        new("voice_item_events", "ItemId", "voice_items"),
        new("voice_photos", "ItemId", "voice_items"),
        new("service_demand_events", "DemandId", "service_demands"),
    ];

    /// <summary>
    /// The partitions of every table partitioned by city, the registry's first: each table's default
    /// partition first, then by city; with their row counts, so that an operator sees where each of a
    /// city's tables lives.
    /// </summary>
    public async Task<IReadOnlyList<RegistryPartition>> ListAsync(CancellationToken cancellationToken)
    {
        RequirePostgres();
        var connection = await OpenAsync(cancellationToken);
        var partitions = new List<RegistryPartition>();
        foreach (var table in CityTables)
        {
            foreach (var (name, server) in await LocatedAsync(connection, table.Name, cancellationToken))
            {
                var rows = await ScalarAsync(connection, $"SELECT count(*) FROM {Quote(name)}", cancellationToken);
                partitions.Add(new RegistryPartition(table.Name, name, name == table.DefaultPartition ? null : name[(table.Name.Length + 1)..], server, rows, table.What));
            }
        }

        return partitions;
    }

    /// <summary>
    /// Gives the city partitions of its own, of the registry, the samples and their results, the visits,
    /// the inspections, the public-voice items and the demands, and moves its rows there from the
    /// default partitions, in one transaction (writers of those tables wait; readers do not). A table
    /// where the city has its partition already is left as it is.
    /// </summary>
    /// <returns>The partitions made and how many rows moved into each; none when the city had them all already.</returns>
    public async Task<IReadOnlyList<CarvedPartition>> CarveCityAsync(string city, CancellationToken cancellationToken)
    {
        RequirePostgres();
        await RequireCityAsync(city, cancellationToken);
        var connection = await OpenAsync(cancellationToken);
        var missing = new List<CityTable>();
        foreach (var table in CityTables)
        {
            if (!(await LocatedAsync(connection, table.Name, cancellationToken)).Any(p => p.Name == table.Partition(city)))
            {
                missing.Add(table);
            }
        }

        if (missing.Count == 0)
        {
            return [];
        }

        var (from, to) = Bounds(city);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, $"LOCK TABLE {string.Join(", ", CityTables.Select(t => t.Name))} IN EXCLUSIVE MODE", cancellationToken);

        // Detaching a partition a link points at checks every row that points at it (a sample's, a
        // visit's, an inspection's); the links are dropped while the rows move and made again (and
        // checked) once they are in place.
        var linked = new List<CityLink>();
        foreach (var link in CityLinks)
        {
            if (await HasConstraintAsync(connection, link.Table, link.Name, cancellationToken))
            {
                linked.Add(link);
            }
        }

        if (linked.Count > 0)
        {
            await ExecuteAsync(connection, string.Concat(linked.Select(l => l.Drop)), cancellationToken);
        }

        var carved = new List<CarvedPartition>();
        foreach (var table in missing)
        {
            var name = table.Partition(city);
            // A new partition's range may not hold rows of the default partition, so the default one steps
            // out while the city's rows move; the lock keeps writers out of the gap.
            await ExecuteAsync(connection, $"""
                ALTER TABLE {table.Name} DETACH PARTITION {table.DefaultPartition};
                CREATE TABLE {Quote(name)} PARTITION OF {table.Name} FOR VALUES FROM ('{from}') TO ('{to}');
                WITH moved AS (DELETE FROM {table.DefaultPartition} WHERE "CountyCode" >= '{from}' AND "CountyCode" < '{to}' RETURNING *)
                INSERT INTO {Quote(name)} SELECT * FROM moved;
                ALTER TABLE {table.Name} ATTACH PARTITION {table.DefaultPartition} DEFAULT;
                """, cancellationToken);
            if (!await HasConstraintAsync(connection, table.Name, table.Key, cancellationToken))
            {
                // The table has a foreign partition: keys are each partition's own.
                await ExecuteAsync(connection, LocalKeys(table, name), cancellationToken);
            }

            carved.Add(new CarvedPartition(table.Name, name, await ScalarAsync(connection, $"SELECT count(*) FROM {Quote(name)}", cancellationToken), table.What));
        }

        if (linked.Count > 0)
        {
            await ExecuteAsync(connection, string.Concat(linked.Select(l => l.Add)), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return carved;
    }

    /// <summary>
    /// Moves the city's partitions (the registry's, the samples' and their results', the visits', the
    /// inspections', the public-voice items' and the demands') to the PostgreSQL database at
    /// <paramref name="shardConnectionString"/> (carving them first when they are still in the default
    /// partitions): the rows are copied there, checked by count, and a <c>postgres_fdw</c> foreign table
    /// takes each local partition's place. A table with a foreign partition cannot have unique indexes
    /// across partitions, so each primary key and unique index moves down onto each local partition, the
    /// shard's tables have their own, and the links between the tables (a result's to its sample, a
    /// visit part's to its visit …) are dropped: they could not reach a row on another server. Writers
    /// of those tables wait until it is done.
    /// </summary>
    /// <returns>Each partition moved and how many rows it holds, the registry's first.</returns>
    public async Task<IReadOnlyList<CarvedPartition>> MoveCityToShardAsync(string city, string shardConnectionString, CancellationToken cancellationToken)
    {
        RequirePostgres();
        NpgsqlConnectionStringBuilder shard;
        try
        {
            shard = new NpgsqlConnectionStringBuilder(shardConnectionString);
        }
        catch (ArgumentException ex)
        {
            throw new RegistryPartitionException($"--to is not a PostgreSQL connection string: {ex.Message}");
        }

        if (string.IsNullOrEmpty(shard.Host) || string.IsNullOrEmpty(shard.Database) || string.IsNullOrEmpty(shard.Username) || string.IsNullOrEmpty(shard.Password))
        {
            throw new RegistryPartitionException("--to needs Host, Database, Username and Password: postgres_fdw signs in to the shard with a password");
        }

        await RequireCityAsync(city, cancellationToken);
        var connection = await OpenAsync(cancellationToken);
        var serverName = ServerName(shard);

        // A city moved before a table was partitioned by city has that table's rows here still: they
        // follow the rest of the city to its server, and to no other.
        var moving = new List<CityTable>();
        string? server = null;
        foreach (var table in CityTables)
        {
            var partition = (await LocatedAsync(connection, table.Name, cancellationToken)).FirstOrDefault(p => p.Name == table.Partition(city));
            if (partition.Server is null)
            {
                moving.Add(table);
            }
            else
            {
                server ??= partition.Server;
            }
        }

        if (server is not null && (moving.Count == 0 || server != serverName))
        {
            throw new RegistryPartitionException(moving.Count == 0
                ? $"city {city} is on server {server} already"
                : $"city {city} is on server {server} already but for its {string.Join(", ", moving.Select(t => t.What))}: they go to that server too, not to another");
        }

        // Everything that can refuse is asked before anything changes.
        await EnsureForeignDataWrapperAsync(connection, cancellationToken);
        await using (var probe = new NpgsqlConnection(shard.ConnectionString))
        {
            try
            {
                await probe.OpenAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
            {
                throw new RegistryPartitionException($"cannot reach the shard at {shard.Host}:{shard.Port}/{shard.Database}: {ex.Message}");
            }
        }

        await CarveCityAsync(city, cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, $"LOCK TABLE {string.Join(", ", CityTables.Select(t => t.Name))} IN EXCLUSIVE MODE", cancellationToken);
        var functions = await IndexFunctionsAsync(connection, cancellationToken);
        var copies = new List<(CityTable Table, long Rows)>();

        // The shard's tables: each partition's columns, its own key and indexes, then its rows by binary
        // COPY, in one transaction on the shard that commits only when every count agrees.
        await using (var remote = new NpgsqlConnection(shard.ConnectionString))
        {
            await remote.OpenAsync(cancellationToken);
            await using var remoteTransaction = await remote.BeginTransactionAsync(cancellationToken);
            foreach (var function in functions)
            {
                await ExecuteAsync(remote, function, cancellationToken);
            }

            foreach (var table in moving)
            {
                var name = table.Partition(city);
                var columns = await ColumnsAsync(connection, name, cancellationToken);
                var indexes = await IndexesAsync(connection, name, cancellationToken);
                var localRows = await ScalarAsync(connection, $"SELECT count(*) FROM {Quote(name)}", cancellationToken);
                await ExecuteAsync(remote, $"""
                    DROP TABLE IF EXISTS {Quote(name)};
                    CREATE TABLE {Quote(name)} ({columns}, CONSTRAINT {Quote("PK_" + name)} PRIMARY KEY ({Columns(table.KeyColumns)}));
                    """, cancellationToken);
                foreach (var unique in table.Uniques)
                {
                    await ExecuteAsync(remote, unique.Create(name, withCounty: false), cancellationToken);
                }

                foreach (var index in indexes.Where(i => !i.Unique))
                {
                    await ExecuteAsync(remote, index.Definition, cancellationToken);
                }

                await using (var source = await connection.BeginRawBinaryCopyAsync($"COPY {Quote(name)} TO STDOUT (FORMAT BINARY)", cancellationToken))
                await using (var target = await remote.BeginRawBinaryCopyAsync($"COPY {Quote(name)} FROM STDIN (FORMAT BINARY)", cancellationToken))
                {
                    await source.CopyToAsync(target, cancellationToken);
                }

                var remoteRows = await ScalarAsync(remote, $"SELECT count(*) FROM {Quote(name)}", cancellationToken);
                if (remoteRows != localRows)
                {
                    throw new RegistryPartitionException($"the shard holds {remoteRows} rows of {table.Name} of city {city} after the copy, not {localRows}: nothing was changed here");
                }

                copies.Add((table, localRows));
            }

            await remoteTransaction.CommitAsync(cancellationToken);
        }

        await ExecuteAsync(connection, string.Concat(CityLinks.Select(l => l.Drop)), cancellationToken);
        foreach (var table in moving)
        {
            var name = table.Partition(city);
            var keyless = await PartitionsWithInheritedKeysAsync(connection, table, name, cancellationToken);
            await ExecuteAsync(connection, $"""
                ALTER TABLE {table.Name} DROP CONSTRAINT IF EXISTS {Quote(table.Key)};
                {string.Concat(table.Uniques.Select(unique => $"DROP INDEX IF EXISTS {Quote(unique.Name(table.Name))};"))}
                {string.Concat(keyless.Select(partition => LocalKeys(table, partition)))}
                ALTER TABLE {table.Name} DETACH PARTITION {Quote(name)};
                DROP TABLE {Quote(name)};
                """, cancellationToken);
        }

        if (await ScalarAsync(connection, $"SELECT count(*) FROM pg_foreign_server WHERE srvname = '{serverName}'", cancellationToken) == 0)
        {
            await ExecuteAsync(connection, $"""
                CREATE SERVER {serverName} FOREIGN DATA WRAPPER postgres_fdw
                    OPTIONS (host '{Literal(shard.Host!)}', port '{shard.Port}', dbname '{Literal(shard.Database!)}', fetch_size '10000', batch_size '1000')
                """, cancellationToken);
        }

        if (await ScalarAsync(connection, $"SELECT count(*) FROM pg_user_mappings WHERE srvname = '{serverName}' AND usename = current_user", cancellationToken) == 0)
        {
            await ExecuteAsync(connection, $"""
                CREATE USER MAPPING FOR CURRENT_USER SERVER {serverName} OPTIONS (user '{Literal(shard.Username!)}', password '{Literal(shard.Password!)}')
                """, cancellationToken);
        }

        foreach (var (table, localRows) in copies)
        {
            var name = table.Partition(city);
            await ExecuteAsync(connection, $"""
                CREATE FOREIGN TABLE {Quote(name)} PARTITION OF {table.Name} FOR VALUES FROM ('{Bounds(city).From}') TO ('{Bounds(city).To}')
                    SERVER {serverName} OPTIONS (table_name '{name}')
                """, cancellationToken);
            var throughShard = await ScalarAsync(connection, $"SELECT count(*) FROM {Quote(name)}", cancellationToken);
            if (throughShard != localRows)
            {
                throw new RegistryPartitionException($"the foreign table reads {throughShard} rows of {table.Name} of city {city}, not {localRows}: nothing was changed here");
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return copies.Select(c => new CarvedPartition(c.Table.Name, c.Table.Partition(city), c.Rows, c.Table.What)).ToList();
    }

    /// <summary>A city's range of county codes: every code that begins with its four digits.</summary>
    private static (string From, string To) Bounds(string city) =>
        (city, (int.Parse(city, System.Globalization.CultureInfo.InvariantCulture) + 1).ToString("D4", System.Globalization.CultureInfo.InvariantCulture));

    private void RequirePostgres()
    {
        if (!db.IsPostgres)
        {
            throw new RegistryPartitionException("partitions are a PostgreSQL feature: on SQLite the registry is one table");
        }
    }

    private async Task RequireCityAsync(string city, CancellationToken cancellationToken)
    {
        if (city.Length != 4 || !city.All(char.IsAsciiDigit) || city == "9999")
        {
            throw new RegistryPartitionException($"--city must be a city's four-digit code (GB/T 2260), such as 3715: \"{city}\" is not");
        }

        if (!await db.Regions.AsNoTracking().AnyAsync(r => r.Code == city && r.Level == "city", cancellationToken))
        {
            throw new RegistryPartitionException($"--city {city} is not a city in the regions reference data");
        }
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        if (connection.State != ConnectionState.Open)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
        }

        return connection;
    }

    /// <summary>Each partition of <paramref name="parent"/> and, for a foreign one, its server: the default partition first, then by city.</summary>
    private static async Task<List<(string Name, string? Server)>> LocatedAsync(NpgsqlConnection connection, string parent, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT c.relname, s.srvname
            FROM pg_inherits i
            JOIN pg_class c ON c.oid = i.inhrelid
            LEFT JOIN pg_foreign_table f ON f.ftrelid = c.oid
            LEFT JOIN pg_foreign_server s ON s.oid = f.ftserver
            WHERE i.inhparent = @parent::regclass
            ORDER BY c.relname <> @parent || '_default', c.relname
            """;
        command.Parameters.AddWithValue("parent", parent);
        var found = new List<(string Name, string? Server)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found.Add((reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1)));
        }

        return found;
    }

    private static async Task EnsureForeignDataWrapperAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        if (await ScalarAsync(connection, "SELECT count(*) FROM pg_extension WHERE extname = 'postgres_fdw'", cancellationToken) > 0)
        {
            return;
        }

        try
        {
            await ExecuteAsync(connection, "CREATE EXTENSION postgres_fdw", cancellationToken);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InsufficientPrivilege)
        {
            throw new RegistryPartitionException(
                "postgres_fdw is not installed in this database and this role may not install it: a superuser runs CREATE EXTENSION postgres_fdw " +
                "and GRANT USAGE ON FOREIGN DATA WRAPPER postgres_fdw TO the platform's role");
        }
    }

    /// <summary>The partition's columns as a table definition (types and NOT NULL; no identity: ids come from the parent).</summary>
    private static async Task<string> ColumnsAsync(NpgsqlConnection connection, string table, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT quote_ident(a.attname) || ' ' || format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE '' END
            FROM pg_attribute a
            WHERE a.attrelid = @table::regclass AND a.attnum > 0 AND NOT a.attisdropped
            ORDER BY a.attnum
            """;
        command.Parameters.AddWithValue("table", Quote(table));
        var columns = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            columns.Add(reader.GetString(0));
        }

        return string.Join(", ", columns);
    }

    private sealed record Index(string Definition, bool Unique);

    /// <summary>The partition's indexes, their definitions written for a table of the same name in the public schema.</summary>
    private static async Task<List<Index>> IndexesAsync(NpgsqlConnection connection, string table, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT pg_get_indexdef(x.indexrelid), x.indisunique
            FROM pg_index x
            WHERE x.indrelid = @table::regclass
            ORDER BY 1
            """;
        command.Parameters.AddWithValue("table", Quote(table));
        var indexes = new List<Index>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            indexes.Add(new Index(reader.GetString(0), reader.GetBoolean(1)));
        }

        return indexes;
    }

    /// <summary>
    /// The functions the registry's indexes are expressions of (the search index's, ADR 0049), as
    /// <c>CREATE OR REPLACE</c> statements in the order they can be created: the shard needs them first.
    /// </summary>
    private static async Task<List<string>> IndexFunctionsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT pg_get_functiondef(p.oid) FROM pg_proc p
            WHERE p.proname IN ('qc_character_pairs', 'qc_search_grams') AND p.pronamespace = 'public'::regnamespace
            ORDER BY p.proname
            """;
        var functions = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            functions.Add(reader.GetString(0));
        }

        return functions;
    }

    /// <summary>
    /// The local partitions but <paramref name="leaving"/> whose key is the parent's: when the parent's
    /// goes (a parent with a foreign partition may not have unique indexes), each needs its own.
    /// </summary>
    private static async Task<List<string>> PartitionsWithInheritedKeysAsync(NpgsqlConnection connection, CityTable table, string leaving,
        CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT c.relname
            FROM pg_inherits i
            JOIN pg_class c ON c.oid = i.inhrelid
            WHERE i.inhparent = @parent::regclass AND c.relkind = 'r' AND c.relname <> @leaving
              AND NOT EXISTS (SELECT FROM pg_constraint k WHERE k.conrelid = c.oid AND k.contype = 'p' AND k.conparentid = 0)
            """;
        command.Parameters.AddWithValue("parent", table.Name);
        command.Parameters.AddWithValue("leaving", leaving);
        var tables = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            tables.Add(reader.GetString(0));
        }

        return tables;
    }

    /// <summary>A local partition's own key and uniqueness (within a county, as the parent's were).</summary>
    private static string LocalKeys(CityTable table, string partition) => $"""
        ALTER TABLE {Quote(partition)} ADD CONSTRAINT {Quote("PK_" + partition)} PRIMARY KEY ({Columns([.. table.KeyColumns, "CountyCode"])});
        {string.Concat(table.Uniques.Select(unique => unique.Create(partition, withCounty: true)))}

        """;

    /// <summary>Columns quoted and listed for SQL.</summary>
    private static string Columns(IEnumerable<string> columns) => string.Join(", ", columns.Select(Quote));

    /// <summary>Whether the table has the named constraint.</summary>
    private static async Task<bool> HasConstraintAsync(NpgsqlConnection connection, string table, string constraint, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM pg_constraint WHERE conrelid = @table::regclass AND conname = @constraint";
        command.Parameters.AddWithValue("table", table);
        command.Parameters.AddWithValue("constraint", constraint);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    /// <summary>A stable name for the shard's foreign server, from where it is (host, port, database).</summary>
    private static string ServerName(NpgsqlConnectionStringBuilder shard)
    {
        var where = Encoding.UTF8.GetBytes($"{shard.Host}:{shard.Port}/{shard.Database}");
        return "qc_shard_" + Convert.ToHexStringLower(SHA256.HashData(where))[..12];
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string Literal(string value) => value.Replace("'", "''", StringComparison.Ordinal);

    private static async Task<long> ScalarAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
