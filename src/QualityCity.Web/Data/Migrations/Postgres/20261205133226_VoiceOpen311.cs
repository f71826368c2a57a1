using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace QualityCity.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class VoiceOpen311 : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "voice_open311_keys",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    KeyHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    RevokedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RevokedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    LastUsedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_voice_open311_keys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "voice_open311_requests",
                columns: table => new
                {
                    ItemId = table.Column<long>(type: "bigint", nullable: false),
                    ApiKeyId = table.Column<long>(type: "bigint", nullable: true),
                    MediaUrl = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    AddressId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Attributes = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_voice_open311_requests", x => x.ItemId);
                    table.ForeignKey(
                        name: "FK_voice_open311_requests_voice_items_ItemId",
                        column: x => x.ItemId,
                        principalTable: "voice_items",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_voice_open311_requests_voice_open311_keys_ApiKeyId",
                        column: x => x.ApiKeyId,
                        principalTable: "voice_open311_keys",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateIndex(
                name: "IX_voice_open311_keys_KeyHash",
                table: "voice_open311_keys",
                column: "KeyHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_voice_open311_requests_ApiKeyId",
                table: "voice_open311_requests",
                column: "ApiKeyId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "voice_open311_requests");

            migrationBuilder.DropTable(
                name: "voice_open311_keys");
        }
    }
}
