using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace QualityCity.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class VoiceTriage : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "voice_routing_models",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TrainedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    TrainedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Samples = table.Column<int>(type: "INTEGER", nullable: false),
                    HeldOut = table.Column<int>(type: "INTEGER", nullable: false),
                    HeldOutAccuracy = table.Column<double>(type: "REAL", nullable: true),
                    Departments = table.Column<int>(type: "INTEGER", nullable: false),
                    Model = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_voice_routing_models", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "voice_routing_rules",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Sort = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 33, nullable: false),
                    CountyCode = table.Column<string>(type: "TEXT", maxLength: 13, nullable: false),
                    Industry = table.Column<string>(type: "TEXT", maxLength: 9, nullable: false),
                    Department = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Fallback = table.Column<bool>(type: "INTEGER", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_voice_routing_rules", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_voice_items_MergedInto",
                table: "voice_items",
                column: "MergedInto");

            migrationBuilder.CreateIndex(
                name: "IX_voice_routing_models_TrainedAtUtc",
                table: "voice_routing_models",
                column: "TrainedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_voice_routing_rules_Sort_Id",
                table: "voice_routing_rules",
                columns: new[] { "Sort", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "voice_routing_models");

            migrationBuilder.DropTable(
                name: "voice_routing_rules");

            migrationBuilder.DropIndex(
                name: "IX_voice_items_MergedInto",
                table: "voice_items");
        }
    }
}
