using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace QualityCity.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ProductionRecords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "production_records",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CreditCode = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    OutputValue = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: true),
                    Electricity = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: true),
                    TaxPaid = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: true),
                    LandMu = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: true),
                    Source = table.Column<string>(type: "TEXT", nullable: false),
                    ImportedBy = table.Column<string>(type: "TEXT", nullable: false),
                    ImportedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_production_records", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_production_records_CreditCode_Year",
                table: "production_records",
                columns: new[] { "CreditCode", "Year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_production_records_Year",
                table: "production_records",
                column: "Year");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "production_records");
        }
    }
}
