using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace QualityCity.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OfflineSync : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "EnteredAtUtc",
                table: "inspection_item_results",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "inspection_item_results",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.CreateTable(
                name: "inspection_signatures",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    VisitId = table.Column<long>(type: "INTEGER", nullable: false),
                    DepartmentId = table.Column<int>(type: "INTEGER", nullable: false),
                    Role = table.Column<string>(type: "TEXT", nullable: false),
                    SignerName = table.Column<string>(type: "TEXT", nullable: false),
                    AttachmentId = table.Column<long>(type: "INTEGER", nullable: false),
                    ResultHash = table.Column<string>(type: "TEXT", nullable: false),
                    SignedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ReceivedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UploadedBy = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_inspection_signatures", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "sync_receipts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ClientId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    VisitId = table.Column<long>(type: "INTEGER", nullable: false),
                    InspectorId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", nullable: false),
                    ItemCode = table.Column<string>(type: "TEXT", nullable: true),
                    Status = table.Column<string>(type: "TEXT", nullable: false),
                    EnteredAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ReceivedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Answer = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sync_receipts", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_inspection_signatures_VisitId_DepartmentId",
                table: "inspection_signatures",
                columns: new[] { "VisitId", "DepartmentId" });

            migrationBuilder.CreateIndex(
                name: "IX_sync_receipts_ClientId",
                table: "sync_receipts",
                column: "ClientId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_sync_receipts_VisitId_InspectorId",
                table: "sync_receipts",
                columns: new[] { "VisitId", "InspectorId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "inspection_signatures");

            migrationBuilder.DropTable(
                name: "sync_receipts");

            migrationBuilder.DropColumn(
                name: "EnteredAtUtc",
                table: "inspection_item_results");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "inspection_item_results");
        }
    }
}
