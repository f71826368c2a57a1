using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace QualityCity.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SamplingPlans : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "TaskId",
                table: "samples",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "sampling_plans",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Level = table.Column<string>(type: "TEXT", nullable: false),
                    Authority = table.Column<string>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sampling_plans", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "sampling_tasks",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PlanId = table.Column<int>(type: "INTEGER", nullable: false),
                    ProductCategory = table.Column<string>(type: "TEXT", nullable: false),
                    CountyCode = table.Column<string>(type: "TEXT", nullable: false),
                    Batches = table.Column<int>(type: "INTEGER", nullable: false),
                    Lab = table.Column<string>(type: "TEXT", nullable: false),
                    Due = table.Column<DateOnly>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sampling_tasks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_sampling_tasks_sampling_plans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "sampling_plans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_samples_TaskId",
                table: "samples",
                column: "TaskId");

            migrationBuilder.CreateIndex(
                name: "IX_sampling_plans_Year_Authority",
                table: "sampling_plans",
                columns: new[] { "Year", "Authority" });

            migrationBuilder.CreateIndex(
                name: "IX_sampling_tasks_PlanId",
                table: "sampling_tasks",
                column: "PlanId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "sampling_tasks");

            migrationBuilder.DropTable(
                name: "sampling_plans");

            migrationBuilder.DropIndex(
                name: "IX_samples_TaskId",
                table: "samples");

            migrationBuilder.DropColumn(
                name: "TaskId",
                table: "samples");
        }
    }
}
