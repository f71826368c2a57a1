using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace QualityCity.Web.Data.Migrations.Postgres
{
    /// <summary>
    /// The visits, their parts, the inspections and their results carry the county (ADR 0051), so
    /// that they can be partitioned by city with the registry.
    /// </summary>
    public partial class VisitsAndInspectionsCarryCounty : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "CountyCode",
                table: "visits",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "CountyCode",
                table: "visit_items",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "CountyCode",
                table: "visit_inspectors",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "CountyCode",
                table: "visit_departments",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "CountyCode",
                table: "inspections",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "CountyCode",
                table: "inspection_item_results",
                type: "text",
                nullable: false,
                defaultValue: "");

            // Every row written before takes its county: a visit the county of its enterprise as the
            // registry holds it now (none when the registry no longer does), its parts, items and
            // officers the visit's, an inspection its enterprise's as its visit did, a result its
            // inspection's (ADR 0051).
            migrationBuilder.Sql("""
                UPDATE visits SET "CountyCode" = m."CountyCode" FROM market_entities AS m WHERE m."CreditCode" = visits."CreditCode";
                UPDATE visit_departments SET "CountyCode" = v."CountyCode" FROM visits AS v WHERE v."Id" = visit_departments."VisitId";
                UPDATE visit_items SET "CountyCode" = d."CountyCode" FROM visit_departments AS d WHERE d."Id" = visit_items."VisitDepartmentId";
                UPDATE visit_inspectors SET "CountyCode" = v."CountyCode" FROM visits AS v WHERE v."Id" = visit_inspectors."VisitId";
                UPDATE inspections SET "CountyCode" = m."CountyCode" FROM market_entities AS m WHERE m."CreditCode" = inspections."CreditCode";
                UPDATE inspection_item_results SET "CountyCode" = i."CountyCode" FROM inspections AS i WHERE i."Id" = inspection_item_results."InspectionId";
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "CountyCode",
                table: "visits");

            migrationBuilder.DropColumn(
                name: "CountyCode",
                table: "visit_items");

            migrationBuilder.DropColumn(
                name: "CountyCode",
                table: "visit_inspectors");

            migrationBuilder.DropColumn(
                name: "CountyCode",
                table: "visit_departments");

            migrationBuilder.DropColumn(
                name: "CountyCode",
                table: "inspections");

            migrationBuilder.DropColumn(
                name: "CountyCode",
                table: "inspection_item_results");
        }
    }
}
