using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace QualityCity.Web.Data.Migrations.Postgres
{
    /// <summary>
    /// A public-voice item's steps and photos carry its county (ADR 0052), so that they can be
    /// partitioned by city with their item. Rows written before take their item's.
    /// </summary>
    public partial class VoiceStepsAndPhotosCarryCounty : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "CountyCode",
                table: "voice_photos",
                type: "character varying(12)",
                maxLength: 12,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "CountyCode",
                table: "voice_item_events",
                type: "character varying(12)",
                maxLength: 12,
                nullable: false,
                defaultValue: "");

            migrationBuilder.Sql("""
                UPDATE voice_item_events SET "CountyCode" = i."CountyCode" FROM voice_items AS i WHERE i."Id" = voice_item_events."ItemId";
                UPDATE voice_photos SET "CountyCode" = i."CountyCode" FROM voice_items AS i WHERE i."Id" = voice_photos."ItemId";
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "CountyCode",
                table: "voice_photos");

            migrationBuilder.DropColumn(
                name: "CountyCode",
                table: "voice_item_events");
        }
    }
}
