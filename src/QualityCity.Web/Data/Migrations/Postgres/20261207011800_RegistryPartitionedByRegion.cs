using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace QualityCity.Web.Data.Migrations.Postgres
{
    /// <summary>
    /// The registry partitioned by region on PostgreSQL (ADR 0047): <c>market_entities</c> becomes a
    /// table partitioned by range of <c>CountyCode</c>, so that a city (the six-digit codes 3715xx) can
    /// have a partition of its own, carved out by <c>registry partition --city</c>, and that partition can
    /// later live on another server. Everything starts in the default partition, so a city's
    /// installation behaves as before. A partitioned table's primary key and unique indexes must hold
    /// the partition key: the key is (Id, CountyCode) and the credit code is unique within a county
    /// (the import's lookup by credit code keeps it unique across the table). The model is unchanged.
    /// </summary>
    public partial class RegistryPartitionedByRegion : Migration
    {
        private const string Indexes = """
            ALTER TABLE market_entities ADD CONSTRAINT "PK_market_entities" PRIMARY KEY ("Id", "CountyCode");
            CREATE UNIQUE INDEX "IX_market_entities_CreditCode" ON market_entities ("CreditCode", "CountyCode");
            CREATE INDEX "IX_market_entities_AddressTokens" ON market_entities USING gin (to_tsvector('simple', "AddressTokens"));
            CREATE INDEX "IX_market_entities_NameTokens" ON market_entities USING gin (to_tsvector('simple', "NameTokens"));
            CREATE INDEX "IX_market_entities_ChainCode" ON market_entities ("ChainCode");
            CREATE INDEX "IX_market_entities_ContactPhoneDigits" ON market_entities ("ContactPhoneDigits");
            CREATE INDEX "IX_market_entities_CountyCode" ON market_entities ("CountyCode");
            CREATE INDEX "IX_market_entities_IndustryCode" ON market_entities ("IndustryCode");
            CREATE INDEX "IX_market_entities_Name" ON market_entities ("Name");
            CREATE INDEX "IX_market_entities_NameInitials" ON market_entities ("NameInitials");
            CREATE INDEX "IX_market_entities_RiskGrade" ON market_entities ("RiskGrade");
            """;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The rows move to a new table rather than the old one being altered: PostgreSQL cannot turn
            // a table into a partitioned one in place. The identity's sequence goes on from the last id.
            migrationBuilder.Sql("""
                CREATE TABLE market_entities_partitioned (LIKE market_entities INCLUDING DEFAULTS INCLUDING IDENTITY INCLUDING STORAGE)
                    PARTITION BY RANGE ("CountyCode");
                CREATE TABLE market_entities_default PARTITION OF market_entities_partitioned DEFAULT;
                INSERT INTO market_entities_partitioned SELECT * FROM market_entities;
                DROP TABLE market_entities;
                ALTER TABLE market_entities_partitioned RENAME TO market_entities;
                ALTER SEQUENCE "market_entities_partitioned_Id_seq" RENAME TO "market_entities_Id_seq";
                SELECT setval('"market_entities_Id_seq"', COALESCE((SELECT max("Id") FROM market_entities), 0) + 1, false);
                """ + Indexes);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Only while every partition is local: a foreign one is first brought back by the operator.
            migrationBuilder.Sql("""
                CREATE TABLE market_entities_whole (LIKE market_entities INCLUDING DEFAULTS INCLUDING IDENTITY INCLUDING STORAGE);
                INSERT INTO market_entities_whole SELECT * FROM market_entities;
                DROP TABLE market_entities;
                ALTER TABLE market_entities_whole RENAME TO market_entities;
                ALTER SEQUENCE "market_entities_whole_Id_seq" RENAME TO "market_entities_Id_seq";
                SELECT setval('"market_entities_Id_seq"', COALESCE((SELECT max("Id") FROM market_entities), 0) + 1, false);
                """ + Indexes.Replace("""PRIMARY KEY ("Id", "CountyCode")""", """PRIMARY KEY ("Id")""", StringComparison.Ordinal)
                    .Replace("""("CreditCode", "CountyCode")""", """("CreditCode")""", StringComparison.Ordinal));
        }
    }
}
