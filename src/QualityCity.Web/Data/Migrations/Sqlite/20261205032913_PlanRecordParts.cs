using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace QualityCity.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PlanRecordParts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "plan_record_parts",
                columns: table => new
                {
                    DrawId = table.Column<int>(type: "INTEGER", nullable: false),
                    Document = table.Column<string>(type: "TEXT", nullable: false),
                    Part = table.Column<int>(type: "INTEGER", nullable: false),
                    Bytes = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_plan_record_parts", x => new { x.DrawId, x.Document, x.Part });
                    table.ForeignKey(
                        name: "FK_plan_record_parts_plan_draws_DrawId",
                        column: x => x.DrawId,
                        principalTable: "plan_draws",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            // A stored text becomes its record's first and only piece (it fitted in one value before).
            migrationBuilder.Sql("""
                INSERT INTO plan_record_parts ("DrawId", "Document", "Part", "Bytes") SELECT "Id", 'draw', 0, CAST("DrawJson" AS BLOB) FROM plan_draws;
                INSERT INTO plan_record_parts ("DrawId", "Document", "Part", "Bytes") SELECT "Id", 'plan', 0, CAST("PlanJson" AS BLOB) FROM plan_draws;
                """);

            migrationBuilder.DropColumn(
                name: "DrawJson",
                table: "plan_draws");

            migrationBuilder.DropColumn(
                name: "PlanJson",
                table: "plan_draws");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "DrawJson",
                table: "plan_draws",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "PlanJson",
                table: "plan_draws",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.Sql("""
                UPDATE plan_draws SET
                    "DrawJson" = COALESCE((SELECT group_concat(CAST("Bytes" AS TEXT), '') FROM (SELECT "Bytes" FROM plan_record_parts p WHERE p."DrawId" = plan_draws."Id" AND p."Document" = 'draw' ORDER BY p."Part")), ''),
                    "PlanJson" = COALESCE((SELECT group_concat(CAST("Bytes" AS TEXT), '') FROM (SELECT "Bytes" FROM plan_record_parts p WHERE p."DrawId" = plan_draws."Id" AND p."Document" = 'plan' ORDER BY p."Part")), '');
                """);

            migrationBuilder.DropTable(
                name: "plan_record_parts");
        }
    }
}
