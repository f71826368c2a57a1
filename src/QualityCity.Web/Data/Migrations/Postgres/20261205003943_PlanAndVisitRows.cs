using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace QualityCity.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PlanAndVisitRows : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "plan_cap_violations",
                columns: table => new
                {
                    DrawId = table.Column<int>(type: "integer", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    Enterprise = table.Column<string>(type: "text", nullable: false),
                    Kind = table.Column<string>(type: "text", nullable: false),
                    Department = table.Column<string>(type: "text", nullable: true),
                    Item = table.Column<string>(type: "text", nullable: true),
                    Visits = table.Column<int>(type: "integer", nullable: false),
                    Cap = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_plan_cap_violations", x => new { x.DrawId, x.Position });
                    table.ForeignKey(
                        name: "FK_plan_cap_violations_plan_draws_DrawId",
                        column: x => x.DrawId,
                        principalTable: "plan_draws",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "plan_recognitions",
                columns: table => new
                {
                    DrawId = table.Column<int>(type: "integer", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    Enterprise = table.Column<string>(type: "text", nullable: false),
                    Department = table.Column<string>(type: "text", nullable: false),
                    Items = table.Column<string>(type: "text", nullable: false),
                    WindowStart = table.Column<DateOnly>(type: "date", nullable: false),
                    WindowEnd = table.Column<DateOnly>(type: "date", nullable: false),
                    WholeObligation = table.Column<bool>(type: "boolean", nullable: false),
                    Reason = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_plan_recognitions", x => new { x.DrawId, x.Position });
                    table.ForeignKey(
                        name: "FK_plan_recognitions_plan_draws_DrawId",
                        column: x => x.DrawId,
                        principalTable: "plan_draws",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "plan_understaffed",
                columns: table => new
                {
                    DrawId = table.Column<int>(type: "integer", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    VisitKey = table.Column<string>(type: "text", nullable: false),
                    Department = table.Column<string>(type: "text", nullable: false),
                    Inspectors = table.Column<int>(type: "integer", nullable: false),
                    Required = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_plan_understaffed", x => new { x.DrawId, x.Position });
                    table.ForeignKey(
                        name: "FK_plan_understaffed_plan_draws_DrawId",
                        column: x => x.DrawId,
                        principalTable: "plan_draws",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "plan_visits",
                columns: table => new
                {
                    DrawId = table.Column<int>(type: "integer", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    VisitKey = table.Column<string>(type: "text", nullable: false),
                    Enterprise = table.Column<string>(type: "text", nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    MovedFrom = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_plan_visits", x => new { x.DrawId, x.Position });
                    table.ForeignKey(
                        name: "FK_plan_visits_plan_draws_DrawId",
                        column: x => x.DrawId,
                        principalTable: "plan_draws",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "visit_inspectors",
                columns: table => new
                {
                    VisitDepartmentId = table.Column<long>(type: "bigint", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    VisitId = table.Column<long>(type: "bigint", nullable: false),
                    InspectorId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_visit_inspectors", x => new { x.VisitDepartmentId, x.Position });
                    table.ForeignKey(
                        name: "FK_visit_inspectors_visit_departments_VisitDepartmentId",
                        column: x => x.VisitDepartmentId,
                        principalTable: "visit_departments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_visit_inspectors_visits_VisitId",
                        column: x => x.VisitId,
                        principalTable: "visits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "visit_items",
                columns: table => new
                {
                    VisitDepartmentId = table.Column<long>(type: "bigint", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    ItemCode = table.Column<string>(type: "text", nullable: false),
                    ItemVersion = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_visit_items", x => new { x.VisitDepartmentId, x.Position });
                    table.ForeignKey(
                        name: "FK_visit_items_visit_departments_VisitDepartmentId",
                        column: x => x.VisitDepartmentId,
                        principalTable: "visit_departments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "plan_visit_inspectors",
                columns: table => new
                {
                    DrawId = table.Column<int>(type: "integer", nullable: false),
                    VisitPosition = table.Column<int>(type: "integer", nullable: false),
                    Department = table.Column<string>(type: "text", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    InspectorId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_plan_visit_inspectors", x => new { x.DrawId, x.VisitPosition, x.Department, x.Position });
                    table.ForeignKey(
                        name: "FK_plan_visit_inspectors_plan_visits_DrawId_VisitPosition",
                        columns: x => new { x.DrawId, x.VisitPosition },
                        principalTable: "plan_visits",
                        principalColumns: new[] { "DrawId", "Position" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "plan_visit_obligations",
                columns: table => new
                {
                    DrawId = table.Column<int>(type: "integer", nullable: false),
                    VisitPosition = table.Column<int>(type: "integer", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    Department = table.Column<string>(type: "text", nullable: false),
                    WindowStart = table.Column<DateOnly>(type: "date", nullable: false),
                    WindowEnd = table.Column<DateOnly>(type: "date", nullable: false),
                    Reason = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_plan_visit_obligations", x => new { x.DrawId, x.VisitPosition, x.Position });
                    table.ForeignKey(
                        name: "FK_plan_visit_obligations_plan_visits_DrawId_VisitPosition",
                        columns: x => new { x.DrawId, x.VisitPosition },
                        principalTable: "plan_visits",
                        principalColumns: new[] { "DrawId", "Position" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "plan_visit_obligation_items",
                columns: table => new
                {
                    DrawId = table.Column<int>(type: "integer", nullable: false),
                    VisitPosition = table.Column<int>(type: "integer", nullable: false),
                    ObligationPosition = table.Column<int>(type: "integer", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    ItemCode = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_plan_visit_obligation_items", x => new { x.DrawId, x.VisitPosition, x.ObligationPosition, x.Position });
                    table.ForeignKey(
                        name: "FK_plan_visit_obligation_items_plan_visit_obligations_DrawId_V~",
                        columns: x => new { x.DrawId, x.VisitPosition, x.ObligationPosition },
                        principalTable: "plan_visit_obligations",
                        principalColumns: new[] { "DrawId", "VisitPosition", "Position" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_plan_recognitions_DrawId_Department",
                table: "plan_recognitions",
                columns: new[] { "DrawId", "Department" });

            migrationBuilder.CreateIndex(
                name: "IX_plan_visit_inspectors_InspectorId_DrawId",
                table: "plan_visit_inspectors",
                columns: new[] { "InspectorId", "DrawId" });

            migrationBuilder.CreateIndex(
                name: "IX_plan_visit_obligations_DrawId_Department_VisitPosition",
                table: "plan_visit_obligations",
                columns: new[] { "DrawId", "Department", "VisitPosition" });

            migrationBuilder.CreateIndex(
                name: "IX_plan_visits_DrawId_Date_VisitKey",
                table: "plan_visits",
                columns: new[] { "DrawId", "Date", "VisitKey" });

            migrationBuilder.CreateIndex(
                name: "IX_plan_visits_DrawId_Enterprise",
                table: "plan_visits",
                columns: new[] { "DrawId", "Enterprise" });

            migrationBuilder.CreateIndex(
                name: "IX_visit_inspectors_InspectorId_VisitId",
                table: "visit_inspectors",
                columns: new[] { "InspectorId", "VisitId" });

            migrationBuilder.CreateIndex(
                name: "IX_visit_inspectors_VisitId",
                table: "visit_inspectors",
                column: "VisitId");

            // The comma-separated parts of every registered visit become rows, in their order
            // ("SAMR-001:1,SAMR-002:1" → items 0 and 1; "12,7" → officers 0 and 1), before the columns go.
            migrationBuilder.Sql(@"
INSERT INTO visit_items (""VisitDepartmentId"", ""Position"", ""ItemCode"", ""ItemVersion"")
SELECT d.""Id"", t.n - 1, split_part(trim(t.token), ':', 1), CAST(split_part(trim(t.token), ':', 2) AS integer)
FROM visit_departments d CROSS JOIN LATERAL unnest(string_to_array(d.""Items"", ',')) WITH ORDINALITY AS t(token, n)
WHERE position(':' IN t.token) > 0;");
            migrationBuilder.Sql(@"
INSERT INTO visit_inspectors (""VisitDepartmentId"", ""Position"", ""VisitId"", ""InspectorId"")
SELECT d.""Id"", t.n - 1, d.""VisitId"", CAST(trim(t.token) AS integer)
FROM visit_departments d CROSS JOIN LATERAL unnest(string_to_array(d.""InspectorIds"", ',')) WITH ORDINALITY AS t(token, n)
WHERE trim(t.token) <> '';");

            migrationBuilder.DropColumn(
                name: "InspectorIds",
                table: "visit_departments");

            migrationBuilder.DropColumn(
                name: "Items",
                table: "visit_departments");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "plan_cap_violations");

            migrationBuilder.DropTable(
                name: "plan_recognitions");

            migrationBuilder.DropTable(
                name: "plan_understaffed");

            migrationBuilder.DropTable(
                name: "plan_visit_inspectors");

            migrationBuilder.DropTable(
                name: "plan_visit_obligation_items");

            migrationBuilder.DropTable(
                name: "visit_inspectors");

            migrationBuilder.DropTable(
                name: "visit_items");

            migrationBuilder.DropTable(
                name: "plan_visit_obligations");

            migrationBuilder.DropTable(
                name: "plan_visits");

            migrationBuilder.AddColumn<string>(
                name: "InspectorIds",
                table: "visit_departments",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Items",
                table: "visit_departments",
                type: "text",
                nullable: false,
                defaultValue: "");
        }
    }
}
