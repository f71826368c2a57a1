using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace QualityCity.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Penalties : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "discretion_bands",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Document = table.Column<string>(type: "TEXT", nullable: false),
                    Violation = table.Column<string>(type: "TEXT", nullable: false),
                    Band = table.Column<string>(type: "TEXT", nullable: false),
                    Situation = table.Column<string>(type: "TEXT", nullable: false),
                    Standard = table.Column<string>(type: "TEXT", nullable: false),
                    MinFine = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: true),
                    MaxFine = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_discretion_bands", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "penalty_decisions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    InspectionId = table.Column<long>(type: "INTEGER", nullable: false),
                    ItemCode = table.Column<string>(type: "TEXT", nullable: false),
                    CreditCode = table.Column<string>(type: "TEXT", nullable: false),
                    DepartmentId = table.Column<int>(type: "INTEGER", nullable: false),
                    Decision = table.Column<string>(type: "TEXT", nullable: false),
                    Fine = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: true),
                    ExemptionId = table.Column<int>(type: "INTEGER", nullable: true),
                    BandId = table.Column<int>(type: "INTEGER", nullable: true),
                    FirstViolation = table.Column<bool>(type: "INTEGER", nullable: false),
                    Deviation = table.Column<string>(type: "TEXT", nullable: true),
                    Reason = table.Column<string>(type: "TEXT", nullable: false),
                    DecidedBy = table.Column<string>(type: "TEXT", nullable: false),
                    DecidedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_penalty_decisions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "penalty_exemptions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    List = table.Column<string>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", nullable: false),
                    Violation = table.Column<string>(type: "TEXT", nullable: false),
                    Conditions = table.Column<string>(type: "TEXT", nullable: false),
                    LegalBasis = table.Column<string>(type: "TEXT", nullable: false),
                    Source = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_penalty_exemptions", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_penalty_decisions_InspectionId",
                table: "penalty_decisions",
                column: "InspectionId");

            migrationBuilder.CreateIndex(
                name: "IX_penalty_decisions_ItemCode",
                table: "penalty_decisions",
                column: "ItemCode");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "discretion_bands");

            migrationBuilder.DropTable(
                name: "penalty_decisions");

            migrationBuilder.DropTable(
                name: "penalty_exemptions");
        }
    }
}
