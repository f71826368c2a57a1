using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace QualityCity.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class KpiFiguresKept : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "kpi_inspection_days",
                columns: table => new
                {
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    DepartmentId = table.Column<int>(type: "integer", nullable: false),
                    Inspections = table.Column<int>(type: "integer", nullable: false),
                    Problems = table.Column<int>(type: "integer", nullable: false),
                    Published = table.Column<int>(type: "integer", nullable: false),
                    PublishedOnTime = table.Column<int>(type: "integer", nullable: false),
                    Ratings = table.Column<int>(type: "integer", nullable: false),
                    RatingScore = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_kpi_inspection_days", x => new { x.Date, x.DepartmentId });
                });

            migrationBuilder.CreateTable(
                name: "kpi_task_days",
                columns: table => new
                {
                    DueDate = table.Column<DateOnly>(type: "date", nullable: false),
                    DepartmentId = table.Column<int>(type: "integer", nullable: false),
                    Due = table.Column<int>(type: "integer", nullable: false),
                    OnTime = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_kpi_task_days", x => new { x.DueDate, x.DepartmentId });
                });

            migrationBuilder.CreateTable(
                name: "kpi_visit_days",
                columns: table => new
                {
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    Visits = table.Column<int>(type: "integer", nullable: false),
                    JointVisits = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_kpi_visit_days", x => x.Date);
                });

            migrationBuilder.CreateTable(
                name: "kpi_visits",
                columns: table => new
                {
                    CreditCode = table.Column<string>(type: "text", nullable: false),
                    VisitKey = table.Column<string>(type: "text", nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    Departments = table.Column<int>(type: "integer", nullable: false),
                    NextDate = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_kpi_visits", x => new { x.CreditCode, x.VisitKey });
                });

            migrationBuilder.CreateIndex(
                name: "IX_rectification_tasks_DueDate_DepartmentId",
                table: "rectification_tasks",
                columns: new[] { "DueDate", "DepartmentId" });

            migrationBuilder.CreateIndex(
                name: "IX_inspections_Date_DepartmentId",
                table: "inspections",
                columns: new[] { "Date", "DepartmentId" });

            migrationBuilder.CreateIndex(
                name: "IX_inspections_Unpublished",
                table: "inspections",
                columns: new[] { "PublicationDue", "Date", "DepartmentId" },
                filter: "\"PublishedAtUtc\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_inspection_item_results_Problems",
                table: "inspection_item_results",
                column: "InspectionId",
                filter: "\"Outcome\" = 'problem'");

            migrationBuilder.CreateIndex(
                name: "IX_kpi_visits_Date_Departments_NextDate",
                table: "kpi_visits",
                columns: new[] { "Date", "Departments", "NextDate" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "kpi_inspection_days");

            migrationBuilder.DropTable(
                name: "kpi_task_days");

            migrationBuilder.DropTable(
                name: "kpi_visit_days");

            migrationBuilder.DropTable(
                name: "kpi_visits");

            migrationBuilder.DropIndex(
                name: "IX_rectification_tasks_DueDate_DepartmentId",
                table: "rectification_tasks");

            migrationBuilder.DropIndex(
                name: "IX_inspections_Date_DepartmentId",
                table: "inspections");

            migrationBuilder.DropIndex(
                name: "IX_inspections_Unpublished",
                table: "inspections");

            migrationBuilder.DropIndex(
                name: "IX_inspection_item_results_Problems",
                table: "inspection_item_results");
        }
    }
}
