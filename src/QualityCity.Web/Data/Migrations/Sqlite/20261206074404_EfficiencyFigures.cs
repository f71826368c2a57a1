using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace QualityCity.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class EfficiencyFigures : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "efficiency_figures",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CreditCode = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    LandMu = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false),
                    Revenue = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false),
                    Tax = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false),
                    ValueAdded = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false),
                    EnergyTce = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false),
                    EmissionsT = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false),
                    Employees = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false),
                    RdSpend = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false),
                    AboveScale = table.Column<bool>(type: "INTEGER", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_efficiency_figures", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_efficiency_figures_CreditCode_Year",
                table: "efficiency_figures",
                columns: new[] { "CreditCode", "Year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_efficiency_figures_Year",
                table: "efficiency_figures",
                column: "Year");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "efficiency_figures");
        }
    }
}
