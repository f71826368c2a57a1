using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace QualityCity.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PlanPools : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "department_remits",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DepartmentId = table.Column<int>(type: "INTEGER", nullable: false),
                    Scope = table.Column<string>(type: "TEXT", nullable: false),
                    Value = table.Column<string>(type: "TEXT", nullable: false),
                    Note = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_department_remits", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "plan_commitments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Digest = table.Column<string>(type: "TEXT", nullable: false),
                    Json = table.Column<string>(type: "TEXT", nullable: false),
                    Actor = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_plan_commitments", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_department_remits_DepartmentId",
                table: "department_remits",
                column: "DepartmentId");

            migrationBuilder.CreateIndex(
                name: "IX_plan_commitments_Year_Digest",
                table: "plan_commitments",
                columns: new[] { "Year", "Digest" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "department_remits");

            migrationBuilder.DropTable(
                name: "plan_commitments");
        }
    }
}
