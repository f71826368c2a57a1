using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace QualityCity.Web.Data.Migrations.Postgres
{
    /// <summary>
    /// The public-voice items partitioned by region on PostgreSQL with their steps and photos (ADR 0052),
    /// as the registry, the samples and the visits are: <c>voice_items</c>, <c>voice_item_events</c> and
    /// <c>voice_photos</c> become tables partitioned by range of <c>CountyCode</c>, each with a default
    /// partition, carved and moved with the rest of a city. A partitioned table's unique indexes hold the
    /// county, so <c>voice_item_directory</c> (one row per item: its id, tracking code, source id and
    /// county) keeps a tracking code and a hotline order id unique across the province, kept by row
    /// triggers on the items as the credit-code directory is (ADR 0048). The one-per-item tables (an
    /// Open311 request, a conversion, a forward, a lead, a policy task, a suggestion's outcome) stay
    /// whole and link to the directory's id instead of the item's, so their link holds even for an item
    /// on a shard. SQLite and the model are unchanged.
    /// </summary>
    public partial class VoiceItemsPartitionedByRegion : Migration
    {
        /// <summary>The partitioned tables, the item first.</summary>
        private static readonly string[] Tables = ["voice_items", "voice_item_events", "voice_photos"];

        /// <summary>The tables of at most one row per item, which link to it by "ItemId".</summary>
        private static readonly string[] OnePerItem =
        [
            "voice_open311_requests", "voice_conversions", "voice_forwards", "voice_leads", "voice_policy_tasks", "voice_suggestion_outcomes",
        ];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql($"""
                CREATE TABLE voice_item_directory (
                    "Id" bigint NOT NULL,
                    "TrackingCode" character varying(16) NOT NULL,
                    "Source" character varying(32) NOT NULL,
                    "ExternalId" character varying(64),
                    "CountyCode" character varying(12) NOT NULL,
                    CONSTRAINT "PK_voice_item_directory" PRIMARY KEY ("Id"));
                INSERT INTO voice_item_directory SELECT "Id", "TrackingCode", "Source", "ExternalId", "CountyCode" FROM voice_items;
                CREATE UNIQUE INDEX "IX_voice_item_directory_TrackingCode" ON voice_item_directory ("TrackingCode");
                CREATE UNIQUE INDEX "IX_voice_item_directory_Source_ExternalId" ON voice_item_directory ("Source", "ExternalId") WHERE "ExternalId" IS NOT NULL;
                {string.Concat(OnePerItem.Select(t => $"ALTER TABLE {t} DROP CONSTRAINT \"FK_{t}_voice_items_ItemId\";\n"))}
                """ + Rebuild("partitioned", """PARTITION BY RANGE ("CountyCode")""") + Keys(partitioned: true) + $"""
                {string.Concat(OnePerItem.Select(t => $"""
                    ALTER TABLE {t} ADD CONSTRAINT "FK_{t}_voice_item_directory_ItemId"
                        FOREIGN KEY ("ItemId") REFERENCES voice_item_directory ("Id") ON DELETE CASCADE;

                    """))}
                -- An entry that names the same item in the same county is that item: a city's items moving
                -- into a partition of their own are inserted there again. A tracking code or a source's id
                -- held by another item is refused, by name.
                CREATE FUNCTION voice_item_directory_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO voice_item_directory ("Id", "TrackingCode", "Source", "ExternalId", "CountyCode")
                        VALUES (NEW."Id", NEW."TrackingCode", NEW."Source", NEW."ExternalId", NEW."CountyCode")
                        ON CONFLICT DO NOTHING;
                    IF NOT FOUND AND NOT EXISTS (SELECT 1 FROM voice_item_directory
                            WHERE "Id" = NEW."Id" AND "TrackingCode" = NEW."TrackingCode" AND "CountyCode" = NEW."CountyCode") THEN
                        IF EXISTS (SELECT 1 FROM voice_item_directory WHERE "TrackingCode" = NEW."TrackingCode") THEN
                            RAISE unique_violation USING
                                MESSAGE = format('tracking code %s is stored already', NEW."TrackingCode"),
                                CONSTRAINT = 'IX_voice_item_directory_TrackingCode', TABLE = 'voice_item_directory';
                        ELSIF EXISTS (SELECT 1 FROM voice_item_directory WHERE "Source" = NEW."Source" AND "ExternalId" = NEW."ExternalId") THEN
                            RAISE unique_violation USING
                                MESSAGE = format('item %s of %s is stored already', NEW."ExternalId", NEW."Source"),
                                CONSTRAINT = 'IX_voice_item_directory_Source_ExternalId', TABLE = 'voice_item_directory';
                        ELSE
                            RAISE unique_violation USING
                                MESSAGE = format('voice item %s is stored already, in another county', NEW."Id"),
                                CONSTRAINT = 'PK_voice_item_directory', TABLE = 'voice_item_directory';
                        END IF;
                    END IF;
                    RETURN NULL;
                END $$;
                CREATE TRIGGER voice_item_directory_inserted AFTER INSERT ON voice_items
                    FOR EACH ROW EXECUTE FUNCTION voice_item_directory_inserted();

                CREATE FUNCTION voice_item_directory_updated() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    UPDATE voice_item_directory
                    SET "TrackingCode" = NEW."TrackingCode", "Source" = NEW."Source", "ExternalId" = NEW."ExternalId", "CountyCode" = NEW."CountyCode"
                    WHERE "Id" = OLD."Id";
                    RETURN NULL;
                END $$;
                CREATE TRIGGER voice_item_directory_updated AFTER UPDATE OF "TrackingCode", "Source", "ExternalId", "CountyCode" ON voice_items
                    FOR EACH ROW WHEN (OLD."TrackingCode" IS DISTINCT FROM NEW."TrackingCode" OR OLD."Source" IS DISTINCT FROM NEW."Source"
                        OR OLD."ExternalId" IS DISTINCT FROM NEW."ExternalId" OR OLD."CountyCode" IS DISTINCT FROM NEW."CountyCode")
                    EXECUTE FUNCTION voice_item_directory_updated();

                -- Removing an item's entry removes its one-per-item rows, as removing the item did.
                CREATE FUNCTION voice_item_directory_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    DELETE FROM voice_item_directory WHERE "Id" = OLD."Id" AND "CountyCode" = OLD."CountyCode";
                    RETURN NULL;
                END $$;
                CREATE TRIGGER voice_item_directory_deleted AFTER DELETE ON voice_items
                    FOR EACH ROW EXECUTE FUNCTION voice_item_directory_deleted();

                CREATE FUNCTION voice_item_directory_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    TRUNCATE voice_item_directory CASCADE;
                    RETURN NULL;
                END $$;
                CREATE TRIGGER voice_item_directory_truncated AFTER TRUNCATE ON voice_items
                    FOR EACH STATEMENT EXECUTE FUNCTION voice_item_directory_truncated();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Only while every partition is local: a foreign one is first brought back by the operator.
            migrationBuilder.Sql($"""
                DROP TRIGGER voice_item_directory_truncated ON voice_items;
                DROP TRIGGER voice_item_directory_deleted ON voice_items;
                DROP TRIGGER voice_item_directory_updated ON voice_items;
                DROP TRIGGER voice_item_directory_inserted ON voice_items;
                DROP FUNCTION voice_item_directory_truncated();
                DROP FUNCTION voice_item_directory_deleted();
                DROP FUNCTION voice_item_directory_updated();
                DROP FUNCTION voice_item_directory_inserted();
                {string.Concat(OnePerItem.Select(t => $"ALTER TABLE {t} DROP CONSTRAINT \"FK_{t}_voice_item_directory_ItemId\";\n"))}
                DROP TABLE voice_item_directory;
                """ + Rebuild("whole", string.Empty) + Keys(partitioned: false) + string.Concat(OnePerItem.Select(t => $"""
                ALTER TABLE {t} ADD CONSTRAINT "FK_{t}_voice_items_ItemId" FOREIGN KEY ("ItemId") REFERENCES voice_items ("Id") ON DELETE CASCADE;

                """)));
        }

        /// <summary>The keys, indexes and links; on the partitioned tables each key, unique index and link holds the county.</summary>
        private static string Keys(bool partitioned)
        {
            string With(string columns) => partitioned ? columns + ", \"CountyCode\"" : columns;
            return $"""
                ALTER TABLE voice_items ADD CONSTRAINT "PK_voice_items" PRIMARY KEY ({With("\"Id\"")});
                CREATE UNIQUE INDEX "IX_voice_items_TrackingCode" ON voice_items ({With("\"TrackingCode\"")});
                CREATE UNIQUE INDEX "IX_voice_items_Source_ExternalId" ON voice_items ({With("\"Source\", \"ExternalId\"")}) WHERE "ExternalId" IS NOT NULL;
                CREATE INDEX "IX_voice_items_AssignedDepartment_State" ON voice_items ("AssignedDepartment", "State");
                CREATE INDEX "IX_voice_items_CountyCode_ReceivedAtUtc" ON voice_items ("CountyCode", "ReceivedAtUtc");
                CREATE INDEX "IX_voice_items_CreditCode" ON voice_items ("CreditCode");
                CREATE INDEX "IX_voice_items_MergedInto" ON voice_items ("MergedInto");
                CREATE INDEX "IX_voice_items_State_DeadlineUtc" ON voice_items ("State", "DeadlineUtc");
                ALTER TABLE voice_item_events ADD CONSTRAINT "PK_voice_item_events" PRIMARY KEY ({With("\"Id\"")});
                CREATE INDEX "IX_voice_item_events_ItemId_AtUtc" ON voice_item_events ("ItemId", "AtUtc");
                ALTER TABLE voice_photos ADD CONSTRAINT "PK_voice_photos" PRIMARY KEY ({With("\"Id\"")});
                CREATE INDEX "IX_voice_photos_ItemId" ON voice_photos ("ItemId");
                ALTER TABLE voice_item_events ADD CONSTRAINT "FK_voice_item_events_voice_items_ItemId"
                    FOREIGN KEY ({With("\"ItemId\"")}) REFERENCES voice_items ({With("\"Id\"")}) ON DELETE CASCADE;
                ALTER TABLE voice_photos ADD CONSTRAINT "FK_voice_photos_voice_items_ItemId"
                    FOREIGN KEY ({With("\"ItemId\"")}) REFERENCES voice_items ({With("\"Id\"")}) ON DELETE CASCADE;

                """;
        }

        /// <summary>The tables rebuilt as <paramref name="suffix"/> tables (partitioned with a default partition, or whole), their rows copied, then renamed back.</summary>
        private static string Rebuild(string suffix, string partitioning)
        {
            // As for the registry, the samples and the visits: PostgreSQL cannot turn a table into a
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
