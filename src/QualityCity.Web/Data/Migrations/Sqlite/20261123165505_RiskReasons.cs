using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace QualityCity.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RiskReasons : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "RiskOverrideBy",
                table: "market_entities",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RiskOverrideGrade",
                table: "market_entities",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RiskOverrideReason",
                table: "market_entities",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RiskReasons",
                table: "market_entities",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "RiskOverrideBy",
                table: "market_entities");

            migrationBuilder.DropColumn(
                name: "RiskOverrideGrade",
                table: "market_entities");

            migrationBuilder.DropColumn(
                name: "RiskOverrideReason",
                table: "market_entities");

            migrationBuilder.DropColumn(
                name: "RiskReasons",
                table: "market_entities");
        }
    }
}
