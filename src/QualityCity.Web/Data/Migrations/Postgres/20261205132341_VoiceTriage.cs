using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace QualityCity.Web.Data.Migrations.Postgres
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TrainedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    TrainedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Samples = table.Column<int>(type: "integer", nullable: false),
                    HeldOut = table.Column<int>(type: "integer", nullable: false),
                    HeldOutAccuracy = table.Column<double>(type: "double precision", nullable: true),
                    Departments = table.Column<int>(type: "integer", nullable: false),
                    Model = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_voice_routing_models", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "voice_routing_rules",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Sort = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Category = table.Column<string>(type: "character varying(33)", maxLength: 33, nullable: false),
                    CountyCode = table.Column<string>(type: "character varying(13)", maxLength: 13, nullable: false),
                    Industry = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    Department = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Fallback = table.Column<bool>(type: "boolean", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
