using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace QualityCity.Web.Data.Migrations.Postgres
{
    /// <summary>
    /// The one window's demands partitioned by region on PostgreSQL with their steps (ADR 0053), as the
    /// public-voice items are (ADR 0052): <c>service_demands</c> and <c>service_demand_events</c> become
    /// tables partitioned by range of <c>CountyCode</c>, each with a default partition, carved and moved
    /// with the rest of a city. A demand's code (D2026-000123) is numbered per year across the
    /// installation; a partitioned table's unique indexes hold the county, so
    /// <c>service_demand_directory</c> (one row per demand: its id, code, year, number and county) keeps
    /// the code and the year's number unique across the province, kept by row triggers on the demands.
    /// The requests for materials (a few per demand at most) stay whole and link to the directory's id,
    /// a link that holds for a demand on a shard. SQLite and the model are unchanged.
    /// </summary>
    public partial class DemandsPartitionedByRegion : Migration
    {
        /// <summary>The partitioned tables, the demand first.</summary>
        private static readonly string[] Tables = ["service_demands", "service_demand_events"];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE service_demand_directory (
                    "Id" bigint NOT NULL,
                    "Code" character varying(16) NOT NULL,
                    "Year" integer NOT NULL,
                    "Number" integer NOT NULL,
                    "CountyCode" character varying(12) NOT NULL,
                    CONSTRAINT "PK_service_demand_directory" PRIMARY KEY ("Id"));
                INSERT INTO service_demand_directory SELECT "Id", "Code", "Year", "Number", "CountyCode" FROM service_demands;
                CREATE UNIQUE INDEX "IX_service_demand_directory_Code" ON service_demand_directory ("Code");
                CREATE UNIQUE INDEX "IX_service_demand_directory_Year_Number" ON service_demand_directory ("Year", "Number");
                ALTER TABLE service_demand_materials DROP CONSTRAINT "FK_service_demand_materials_service_demands_DemandId";

                """ + Rebuild("partitioned", """PARTITION BY RANGE ("CountyCode")""") + Keys(partitioned: true) + """
                ALTER TABLE service_demand_materials ADD CONSTRAINT "FK_service_demand_materials_service_demand_directory_DemandId"
                    FOREIGN KEY ("DemandId") REFERENCES service_demand_directory ("Id") ON DELETE CASCADE;

                -- An entry that names the same demand in the same county is that demand: a city's demands
                -- moving into a partition of their own are inserted there again. A code or a year's number
                -- held by another demand is refused, by name; the filing takes the next number.
                CREATE FUNCTION service_demand_directory_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO service_demand_directory ("Id", "Code", "Year", "Number", "CountyCode")
                        VALUES (NEW."Id", NEW."Code", NEW."Year", NEW."Number", NEW."CountyCode")
                        ON CONFLICT DO NOTHING;
                    IF NOT FOUND AND NOT EXISTS (SELECT 1 FROM service_demand_directory
                            WHERE "Id" = NEW."Id" AND "Code" = NEW."Code" AND "CountyCode" = NEW."CountyCode") THEN
                        IF EXISTS (SELECT 1 FROM service_demand_directory WHERE "Code" = NEW."Code") THEN
                            RAISE unique_violation USING
                                MESSAGE = format('demand code %s is stored already', NEW."Code"),
                                CONSTRAINT = 'IX_service_demand_directory_Code', TABLE = 'service_demand_directory';
                        ELSIF EXISTS (SELECT 1 FROM service_demand_directory WHERE "Year" = NEW."Year" AND "Number" = NEW."Number") THEN
                            RAISE unique_violation USING
                                MESSAGE = format('demand number %s of %s is stored already', NEW."Number", NEW."Year"),
                                CONSTRAINT = 'IX_service_demand_directory_Year_Number', TABLE = 'service_demand_directory';
                        ELSE
                            RAISE unique_violation USING
                                MESSAGE = format('demand %s is stored already, in another county', NEW."Id"),
                                CONSTRAINT = 'PK_service_demand_directory', TABLE = 'service_demand_directory';
                        END IF;
                    END IF;
                    RETURN NULL;
                END $$;
                CREATE TRIGGER service_demand_directory_inserted AFTER INSERT ON service_demands
                    FOR EACH ROW EXECUTE FUNCTION service_demand_directory_inserted();

                CREATE FUNCTION service_demand_directory_updated() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    UPDATE service_demand_directory
                    SET "Code" = NEW."Code", "Year" = NEW."Year", "Number" = NEW."Number", "CountyCode" = NEW."CountyCode"
                    WHERE "Id" = OLD."Id";
                    RETURN NULL;
                END $$;
                CREATE TRIGGER service_demand_directory_updated AFTER UPDATE OF "Code", "Year", "Number", "CountyCode" ON service_demands
                    FOR EACH ROW WHEN (OLD."Code" IS DISTINCT FROM NEW."Code" OR OLD."Year" IS DISTINCT FROM NEW."Year"
                        OR OLD."Number" IS DISTINCT FROM NEW."Number" OR OLD."CountyCode" IS DISTINCT FROM NEW."CountyCode")
                    EXECUTE FUNCTION service_demand_directory_updated();

                -- Removing a demand's entry removes its requests for materials, as removing the demand did.
                CREATE FUNCTION service_demand_directory_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    DELETE FROM service_demand_directory WHERE "Id" = OLD."Id" AND "CountyCode" = OLD."CountyCode";
                    RETURN NULL;
                END $$;
                CREATE TRIGGER service_demand_directory_deleted AFTER DELETE ON service_demands
                    FOR EACH ROW EXECUTE FUNCTION service_demand_directory_deleted();

                CREATE FUNCTION service_demand_directory_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    TRUNCATE service_demand_directory CASCADE;
                    RETURN NULL;
                END $$;
                CREATE TRIGGER service_demand_directory_truncated AFTER TRUNCATE ON service_demands
                    FOR EACH STATEMENT EXECUTE FUNCTION service_demand_directory_truncated();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Only while every partition is local: a foreign one is first brought back by the operator.
            migrationBuilder.Sql("""
                DROP TRIGGER service_demand_directory_truncated ON service_demands;
                DROP TRIGGER service_demand_directory_deleted ON service_demands;
                DROP TRIGGER service_demand_directory_updated ON service_demands;
                DROP TRIGGER service_demand_directory_inserted ON service_demands;
                DROP FUNCTION service_demand_directory_truncated();
                DROP FUNCTION service_demand_directory_deleted();
                DROP FUNCTION service_demand_directory_updated();
                DROP FUNCTION service_demand_directory_inserted();
                ALTER TABLE service_demand_materials DROP CONSTRAINT "FK_service_demand_materials_service_demand_directory_DemandId";
                DROP TABLE service_demand_directory;

                """ + Rebuild("whole", string.Empty) + Keys(partitioned: false) + """
                ALTER TABLE service_demand_materials ADD CONSTRAINT "FK_service_demand_materials_service_demands_DemandId"
                    FOREIGN KEY ("DemandId") REFERENCES service_demands ("Id") ON DELETE CASCADE;
                """);
        }

        /// <summary>The keys, indexes and the steps' link; on the partitioned tables each key, unique index and link holds the county.</summary>
        private static string Keys(bool partitioned)
        {
            string With(string columns) => partitioned ? columns + ", \"CountyCode\"" : columns;
            return $"""
                ALTER TABLE service_demands ADD CONSTRAINT "PK_service_demands" PRIMARY KEY ({With("\"Id\"")});
                CREATE UNIQUE INDEX "IX_service_demands_Code" ON service_demands ({With("\"Code\"")});
                CREATE UNIQUE INDEX "IX_service_demands_Year_Number" ON service_demands ({With("\"Year\", \"Number\"")});
                CREATE INDEX "IX_service_demands_CreditCode_FiledAtUtc" ON service_demands ("CreditCode", "FiledAtUtc");
                CREATE INDEX "IX_service_demands_RoutedUnit_State" ON service_demands ("RoutedUnit", "State");
                CREATE INDEX "IX_service_demands_State_DueAtUtc" ON service_demands ("State", "DueAtUtc");
                ALTER TABLE service_demand_events ADD CONSTRAINT "PK_service_demand_events" PRIMARY KEY ({With("\"Id\"")});
                CREATE INDEX "IX_service_demand_events_DemandId_AtUtc" ON service_demand_events ("DemandId", "AtUtc");
                ALTER TABLE service_demand_events ADD CONSTRAINT "FK_service_demand_events_service_demands_DemandId"
                    FOREIGN KEY ({With("\"DemandId\"")}) REFERENCES service_demands ({With("\"Id\"")}) ON DELETE CASCADE;

                """;
        }

        /// <summary>The tables rebuilt as <paramref name="suffix"/> tables (partitioned with a default partition, or whole), their rows copied, then renamed back.</summary>
        private static string Rebuild(string suffix, string partitioning)
        {
            // As for the other tables partitioned by city: PostgreSQL cannot turn a table into a
            // partitioned one in place, so the rows move to new tables; each identity's sequence goes on
            // from the last id.
            var sql = new System.Text.StringBuilder();
            foreach (var table in Tables)
            {
                sql.Append($"""
                    CREATE TABLE {table}_{suffix} (LIKE {table} INCLUDING DEFAULTS INCLUDING IDENTITY INCLUDING STORAGE) {partitioning};

                    """);
                if (partitioning.Length > 0)
                {
                    sql.Append($"""
                        CREATE TABLE {table}_default PARTITION OF {table}_{suffix} DEFAULT;

                        """);
                }

                sql.Append($"""
                    INSERT INTO {table}_{suffix} SELECT * FROM {table};

                    """);
            }

            sql.Append($"""
                DROP TABLE {string.Join(", ", Tables)};

                """);
            foreach (var table in Tables)
            {
                sql.Append($"""
                    ALTER TABLE {table}_{suffix} RENAME TO {table};
                    ALTER SEQUENCE "{table}_{suffix}_Id_seq" RENAME TO "{table}_Id_seq";
                    SELECT setval('"{table}_Id_seq"', COALESCE((SELECT max("Id") FROM {table}), 0) + 1, false);

                    """);
            }

            return sql.ToString();
        }
    }
}
