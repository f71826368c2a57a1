using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace QualityCity.Web.Data.Migrations.Postgres
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
                type: "character varying(600)",
                maxLength: 600,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "ContactPhoneDigits",
                table: "market_entities",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "NameInitials",
                table: "market_entities",
                type: "character varying(200)",
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

            // REG-4: a word matches the name or the address; the address gets its own character-token index.
            migrationBuilder.Sql("CREATE INDEX \"IX_market_entities_AddressTokens\" ON market_entities USING gin (to_tsvector('simple', \"AddressTokens\"));");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX IF EXISTS \"IX_market_entities_AddressTokens\";");

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
