using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace QualityCity.Web.Data.Migrations.Postgres
{
    /// <summary>
    /// The credit-code directory of the partitioned registry (ADR 0048): one row per entity, its credit
    /// code as the key and the county that names its partition. A partitioned table's unique indexes must
    /// hold the partition key, so <c>market_entities</c> alone keeps a code unique only within a county;
    /// the directory makes it unique across the province (a code stored in two cities is refused by the
    /// database), and lets the import find a code's row in its own partition instead of probing every
    /// city's. Row triggers keep it, so every writer of the registry — the pages, the command line, SQL
    /// by hand — keeps it without knowing of it; only a writer that says it copies the entries itself
    /// (the bulk insert of the import and the demo, which is faster so) is left to do so. The triggers
    /// also fire for a city's partition on a shard, where statement triggers with transition tables
    /// cannot collect the rows. Moving a city between partitions or to a shard moves no entity and
    /// leaves the directory as it is.
    /// </summary>
    public partial class RegistryCreditCodeDirectory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE credit_code_directory (
                    "CreditCode" character varying(18) NOT NULL,
                    "CountyCode" character varying(12) NOT NULL,
                    CONSTRAINT "PK_credit_code_directory" PRIMARY KEY ("CreditCode"));
                INSERT INTO credit_code_directory SELECT "CreditCode", "CountyCode" FROM market_entities;

                -- An entry that names the same county is the same entity: a city's rows moving into a
                -- partition of its own are inserted there again. A code in another county is refused.
                CREATE FUNCTION credit_code_directory_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO credit_code_directory ("CreditCode", "CountyCode") VALUES (NEW."CreditCode", NEW."CountyCode")
                        ON CONFLICT ("CreditCode") DO NOTHING;
                    IF NOT FOUND AND NOT EXISTS (SELECT 1 FROM credit_code_directory WHERE "CreditCode" = NEW."CreditCode" AND "CountyCode" = NEW."CountyCode") THEN
                        RAISE unique_violation USING
                            MESSAGE = format('credit code %s is stored already, in another county', NEW."CreditCode"),
                            CONSTRAINT = 'PK_credit_code_directory', TABLE = 'credit_code_directory';
                    END IF;
                    RETURN NULL;
                END $$;
                -- A bulk writer that copies the entries itself (MarketEntityBulkInsert) says so for its
                -- statement, and the trigger is then not even called: a call per row costs a quarter
                -- of a binary COPY.
                CREATE TRIGGER credit_code_directory_inserted AFTER INSERT ON market_entities
                    FOR EACH ROW WHEN (current_setting('qualitycity.directory_written', true) IS DISTINCT FROM 'on')
                    EXECUTE FUNCTION credit_code_directory_inserted();

                CREATE FUNCTION credit_code_directory_updated() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    UPDATE credit_code_directory SET "CreditCode" = NEW."CreditCode", "CountyCode" = NEW."CountyCode"
                    WHERE "CreditCode" = OLD."CreditCode";
                    RETURN NULL;
                END $$;
                CREATE TRIGGER credit_code_directory_updated AFTER UPDATE OF "CreditCode", "CountyCode" ON market_entities
                    FOR EACH ROW WHEN (OLD."CreditCode" IS DISTINCT FROM NEW."CreditCode" OR OLD."CountyCode" IS DISTINCT FROM NEW."CountyCode")
                    EXECUTE FUNCTION credit_code_directory_updated();

                CREATE FUNCTION credit_code_directory_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    DELETE FROM credit_code_directory WHERE "CreditCode" = OLD."CreditCode" AND "CountyCode" = OLD."CountyCode";
                    RETURN NULL;
                END $$;
                CREATE TRIGGER credit_code_directory_deleted AFTER DELETE ON market_entities
                    FOR EACH ROW EXECUTE FUNCTION credit_code_directory_deleted();

                CREATE FUNCTION credit_code_directory_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    TRUNCATE credit_code_directory;
                    RETURN NULL;
                END $$;
                CREATE TRIGGER credit_code_directory_truncated AFTER TRUNCATE ON market_entities
                    FOR EACH STATEMENT EXECUTE FUNCTION credit_code_directory_truncated();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER credit_code_directory_truncated ON market_entities;
                DROP TRIGGER credit_code_directory_deleted ON market_entities;
                DROP TRIGGER credit_code_directory_updated ON market_entities;
                DROP TRIGGER credit_code_directory_inserted ON market_entities;
                DROP FUNCTION credit_code_directory_truncated();
                DROP FUNCTION credit_code_directory_deleted();
                DROP FUNCTION credit_code_directory_updated();
                DROP FUNCTION credit_code_directory_inserted();
                DROP TABLE credit_code_directory;
                """);
        }
    }
}
