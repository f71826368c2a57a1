using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace QualityCity.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RegistrySearchColumns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "AddressTokens",
                table: "market_entities",
                type: "TEXT",
                maxLength: 600,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "ContactPhoneDigits",
                table: "market_entities",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "NameInitials",
                table: "market_entities",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_market_entities_ContactPhoneDigits",
                table: "market_entities",
                column: "ContactPhoneDigits");

            migrationBuilder.CreateIndex(
                name: "IX_market_entities_NameInitials",
                table: "market_entities",
                column: "NameInitials");

            // The full-text index gets the address as a second column (REG-4: a word matches the name
            // or the address): one MATCH answers both, and a phrase never runs from one column into
            // the other. The rows' AddressTokens are filled by the start-up backfill, whose updates
            // the update trigger carries into the index.
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS market_entities_names_update;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS market_entities_names_delete;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS market_entities_names_insert;");
            migrationBuilder.Sql("DROP TABLE IF EXISTS market_entity_names;");
            migrationBuilder.Sql("CREATE VIRTUAL TABLE market_entity_names USING fts5(\"NameTokens\", \"AddressTokens\", content='market_entities', content_rowid='Id', tokenize='unicode61');");
            migrationBuilder.Sql("CREATE TRIGGER market_entities_names_insert AFTER INSERT ON market_entities BEGIN INSERT INTO market_entity_names(rowid, \"NameTokens\", \"AddressTokens\") VALUES (new.\"Id\", new.\"NameTokens\", new.\"AddressTokens\"); END;");
            migrationBuilder.Sql("CREATE TRIGGER market_entities_names_delete AFTER DELETE ON market_entities BEGIN INSERT INTO market_entity_names(market_entity_names, rowid, \"NameTokens\", \"AddressTokens\") VALUES ('delete', old.\"Id\", old.\"NameTokens\", old.\"AddressTokens\"); END;");
            migrationBuilder.Sql("CREATE TRIGGER market_entities_names_update AFTER UPDATE OF \"NameTokens\", \"AddressTokens\" ON market_entities BEGIN INSERT INTO market_entity_names(market_entity_names, rowid, \"NameTokens\", \"AddressTokens\") VALUES ('delete', old.\"Id\", old.\"NameTokens\", old.\"AddressTokens\"); INSERT INTO market_entity_names(rowid, \"NameTokens\", \"AddressTokens\") VALUES (new.\"Id\", new.\"NameTokens\", new.\"AddressTokens\"); END;");
            migrationBuilder.Sql("INSERT INTO market_entity_names(market_entity_names) VALUES ('rebuild');");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS market_entities_names_update;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS market_entities_names_delete;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS market_entities_names_insert;");
            migrationBuilder.Sql("DROP TABLE IF EXISTS market_entity_names;");
            migrationBuilder.Sql("CREATE VIRTUAL TABLE market_entity_names USING fts5(\"NameTokens\", content='market_entities', content_rowid='Id', tokenize='unicode61');");
            migrationBuilder.Sql("CREATE TRIGGER market_entities_names_insert AFTER INSERT ON market_entities BEGIN INSERT INTO market_entity_names(rowid, \"NameTokens\") VALUES (new.\"Id\", new.\"NameTokens\"); END;");
            migrationBuilder.Sql("CREATE TRIGGER market_entities_names_delete AFTER DELETE ON market_entities BEGIN INSERT INTO market_entity_names(market_entity_names, rowid, \"NameTokens\") VALUES ('delete', old.\"Id\", old.\"NameTokens\"); END;");
            migrationBuilder.Sql("CREATE TRIGGER market_entities_names_update AFTER UPDATE OF \"NameTokens\" ON market_entities BEGIN INSERT INTO market_entity_names(market_entity_names, rowid, \"NameTokens\") VALUES ('delete', old.\"Id\", old.\"NameTokens\"); INSERT INTO market_entity_names(rowid, \"NameTokens\") VALUES (new.\"Id\", new.\"NameTokens\"); END;");
            migrationBuilder.Sql("INSERT INTO market_entity_names(market_entity_names) VALUES ('rebuild');");

            migrationBuilder.DropIndex(
                name: "IX_market_entities_ContactPhoneDigits",
                table: "market_entities");

            migrationBuilder.DropIndex(
                name: "IX_market_entities_NameInitials",
                table: "market_entities");

            migrationBuilder.DropColumn(
                name: "AddressTokens",
                table: "market_entities");

            migrationBuilder.DropColumn(
                name: "ContactPhoneDigits",
                table: "market_entities");

            migrationBuilder.DropColumn(
                name: "NameInitials",
                table: "market_entities");
        }
    }
}
