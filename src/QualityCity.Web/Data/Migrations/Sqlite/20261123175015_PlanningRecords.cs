using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace QualityCity.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PlanningRecords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "CapViolations",
                table: "plan_draws",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Obligations",
                table: "plan_draws",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "PublicationNote",
                table: "plan_draws",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "PublishedAtUtc",
                table: "plan_draws",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PublishedBy",
                table: "plan_draws",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RedrawReason",
                table: "plan_draws",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Status",
                table: "plan_draws",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "Understaffed",
                table: "plan_draws",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "VisitsIfSeparate",
                table: "plan_draws",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "VisitsMerged",
                table: "plan_draws",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "Kinds",
                table: "department_remits",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Category",
                table: "checklist_items",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "case_inspections",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CreditCode = table.Column<string>(type: "TEXT", nullable: false),
                    DepartmentId = table.Column<int>(type: "INTEGER", nullable: false),
                    Trigger = table.Column<string>(type: "TEXT", nullable: false),
                    Reference = table.Column<string>(type: "TEXT", nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Note = table.Column<string>(type: "TEXT", nullable: false),
                    Actor = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_case_inspections", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "inspections",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    VisitKey = table.Column<string>(type: "TEXT", nullable: false),
                    CreditCode = table.Column<string>(type: "TEXT", nullable: false),
                    DepartmentId = table.Column<int>(type: "INTEGER", nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", nullable: false),
                    InspectorIds = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_inspections", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "plan_approvals",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DrawId = table.Column<int>(type: "INTEGER", nullable: false),
                    Department = table.Column<string>(type: "TEXT", nullable: false),
                    Actor = table.Column<string>(type: "TEXT", nullable: false),
                    Note = table.Column<string>(type: "TEXT", nullable: false),
                    ApprovedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_plan_approvals", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "plan_pool_files",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CommitmentId = table.Column<int>(type: "INTEGER", nullable: false),
                    Department = table.Column<string>(type: "TEXT", nullable: false),
                    Stratum = table.Column<string>(type: "TEXT", nullable: false),
                    PoolFile = table.Column<string>(type: "TEXT", nullable: false),
                    Digest = table.Column<string>(type: "TEXT", nullable: false),
                    Content = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_plan_pool_files", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "inspection_item_results",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    InspectionId = table.Column<long>(type: "INTEGER", nullable: false),
                    ItemCode = table.Column<string>(type: "TEXT", nullable: false),
                    ItemVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_inspection_item_results", x => x.Id);
                    table.ForeignKey(
                        name: "FK_inspection_item_results_inspections_InspectionId",
                        column: x => x.InspectionId,
                        principalTable: "inspections",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_plan_draws_Year",
                table: "plan_draws",
                column: "Year");

            migrationBuilder.CreateIndex(
                name: "IX_case_inspections_CreditCode",
                table: "case_inspections",
                column: "CreditCode");

            migrationBuilder.CreateIndex(
                name: "IX_inspection_item_results_InspectionId",
                table: "inspection_item_results",
                column: "InspectionId");

            migrationBuilder.CreateIndex(
                name: "IX_inspections_CreditCode_Date",
                table: "inspections",
                columns: new[] { "CreditCode", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_inspections_VisitKey",
                table: "inspections",
                column: "VisitKey");

            migrationBuilder.CreateIndex(
                name: "IX_plan_approvals_DrawId_Department",
                table: "plan_approvals",
                columns: new[] { "DrawId", "Department" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_plan_pool_files_CommitmentId_PoolFile",
                table: "plan_pool_files",
                columns: new[] { "CommitmentId", "PoolFile" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "case_inspections");

            migrationBuilder.DropTable(
                name: "inspection_item_results");

            migrationBuilder.DropTable(
                name: "plan_approvals");

            migrationBuilder.DropTable(
                name: "plan_pool_files");

            migrationBuilder.DropTable(
                name: "inspections");

            migrationBuilder.DropIndex(
                name: "IX_plan_draws_Year",
                table: "plan_draws");

            migrationBuilder.DropColumn(
                name: "CapViolations",
                table: "plan_draws");

            migrationBuilder.DropColumn(
                name: "Obligations",
                table: "plan_draws");

            migrationBuilder.DropColumn(
                name: "PublicationNote",
                table: "plan_draws");

            migrationBuilder.DropColumn(
                name: "PublishedAtUtc",
                table: "plan_draws");

            migrationBuilder.DropColumn(
                name: "PublishedBy",
                table: "plan_draws");

            migrationBuilder.DropColumn(
                name: "RedrawReason",
                table: "plan_draws");

            migrationBuilder.DropColumn(
                name: "Status",
                table: "plan_draws");

            migrationBuilder.DropColumn(
                name: "Understaffed",
                table: "plan_draws");

            migrationBuilder.DropColumn(
                name: "VisitsIfSeparate",
                table: "plan_draws");

            migrationBuilder.DropColumn(
                name: "VisitsMerged",
                table: "plan_draws");

            migrationBuilder.DropColumn(
                name: "Kinds",
                table: "department_remits");

            migrationBuilder.DropColumn(
                name: "Category",
                table: "checklist_items");
        }
    }
}
