using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace QualityCity.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class InspectionResults : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "Late",
                table: "inspections",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateOnly>(
                name: "PublicationDue",
                table: "inspections",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "PublishedAtUtc",
                table: "inspections",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Notes",
                table: "inspection_item_results",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateTime>(
                name: "RecordedAtUtc",
                table: "inspection_item_results",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RecordedBy",
                table: "inspection_item_results",
                type: "text",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "inspection_ratings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    InspectionId = table.Column<long>(type: "bigint", nullable: false),
                    CreditCode = table.Column<string>(type: "text", nullable: false),
                    DepartmentId = table.Column<int>(type: "integer", nullable: false),
                    Score = table.Column<int>(type: "integer", nullable: false),
                    Comment = table.Column<string>(type: "text", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_inspection_ratings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "rectification_tasks",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    InspectionId = table.Column<long>(type: "bigint", nullable: false),
                    CreditCode = table.Column<string>(type: "text", nullable: false),
                    DepartmentId = table.Column<int>(type: "integer", nullable: false),
                    ItemCode = table.Column<string>(type: "text", nullable: false),
                    Problem = table.Column<string>(type: "text", nullable: false),
                    DueDate = table.Column<DateOnly>(type: "date", nullable: false),
                    Status = table.Column<string>(type: "text", nullable: false),
                    Evidence = table.Column<string>(type: "text", nullable: true),
                    EvidenceAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DecidedBy = table.Column<string>(type: "text", nullable: true),
                    DecisionNote = table.Column<string>(type: "text", nullable: true),
                    ClosedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_rectification_tasks", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_inspection_ratings_DepartmentId",
                table: "inspection_ratings",
                column: "DepartmentId");

            migrationBuilder.CreateIndex(
                name: "IX_inspection_ratings_InspectionId",
                table: "inspection_ratings",
                column: "InspectionId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_rectification_tasks_CreditCode_Status",
                table: "rectification_tasks",
                columns: new[] { "CreditCode", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_rectification_tasks_InspectionId",
                table: "rectification_tasks",
                column: "InspectionId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "inspection_ratings");

            migrationBuilder.DropTable(
                name: "rectification_tasks");

            migrationBuilder.DropColumn(
                name: "Late",
                table: "inspections");

            migrationBuilder.DropColumn(
                name: "PublicationDue",
                table: "inspections");

            migrationBuilder.DropColumn(
                name: "PublishedAtUtc",
                table: "inspections");

            migrationBuilder.DropColumn(
                name: "Notes",
                table: "inspection_item_results");

            migrationBuilder.DropColumn(
                name: "RecordedAtUtc",
                table: "inspection_item_results");

            migrationBuilder.DropColumn(
                name: "RecordedBy",
                table: "inspection_item_results");
        }
    }
}
