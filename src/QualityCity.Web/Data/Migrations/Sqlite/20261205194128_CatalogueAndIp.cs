using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace QualityCity.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CatalogueAndIp : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "catalogue_items",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    MeasuringRange = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Accuracy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Lab = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    PriceYuan = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: false),
                    TurnaroundDays = table.Column<int>(type: "INTEGER", nullable: false),
                    Mandatory = table.Column<bool>(type: "INTEGER", nullable: false),
                    IsSynthetic = table.Column<bool>(type: "INTEGER", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_catalogue_items", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ip_patents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Number = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    HolderCreditCode = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    ApplicationDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    GrantDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    IsSynthetic = table.Column<bool>(type: "INTEGER", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ip_patents", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ip_pledges",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Key = table.Column<string>(type: "TEXT", maxLength: 140, nullable: false),
                    CreditCode = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    Bank = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    AmountWan = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: false),
                    RegistrationDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    TermEndDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Pledged = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    IsSynthetic = table.Column<bool>(type: "INTEGER", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ip_pledges", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ip_trademarks",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RegistrationNumber = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    MarkName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Classes = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    HolderCreditCode = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    RegistrationDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ExpiryDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    IsSynthetic = table.Column<bool>(type: "INTEGER", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ip_trademarks", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_catalogue_items_Category",
                table: "catalogue_items",
                column: "Category");

            migrationBuilder.CreateIndex(
                name: "IX_catalogue_items_Code",
                table: "catalogue_items",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ip_patents_HolderCreditCode",
                table: "ip_patents",
                column: "HolderCreditCode");

            migrationBuilder.CreateIndex(
                name: "IX_ip_patents_Number",
                table: "ip_patents",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ip_pledges_CreditCode",
                table: "ip_pledges",
                column: "CreditCode");

            migrationBuilder.CreateIndex(
                name: "IX_ip_pledges_Key",
                table: "ip_pledges",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ip_pledges_RegistrationDate",
                table: "ip_pledges",
                column: "RegistrationDate");

            migrationBuilder.CreateIndex(
                name: "IX_ip_trademarks_HolderCreditCode",
                table: "ip_trademarks",
                column: "HolderCreditCode");

            migrationBuilder.CreateIndex(
                name: "IX_ip_trademarks_RegistrationNumber",
                table: "ip_trademarks",
                column: "RegistrationNumber",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "catalogue_items");

            migrationBuilder.DropTable(
                name: "ip_patents");

            migrationBuilder.DropTable(
                name: "ip_pledges");

            migrationBuilder.DropTable(
                name: "ip_trademarks");
        }
    }
}
