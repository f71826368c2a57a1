using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace QualityCity.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PublicVoiceItems : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "voice_categories",
                columns: table => new
                {
                    Code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    ParentCode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    NameEn = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    DefaultDepartment = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    Sort = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_voice_categories", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "voice_items",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TrackingCode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Channel = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Source = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    ExternalId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    CategoryCode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    CountyCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    Township = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Address = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    Latitude = table.Column<double>(type: "double precision", nullable: true),
                    Longitude = table.Column<double>(type: "double precision", nullable: true),
                    CreditCode = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: true),
                    EntityName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    ContactName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ContactPhone = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    ContactEmail = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Anonymous = table.Column<bool>(type: "boolean", nullable: false),
                    State = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    AssignedDepartment = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    ReturnedBy = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    LastReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Extension = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ExtensionReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    PublicAnswer = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    AnsweredAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    FollowUpMethod = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true),
                    FollowUpBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    FollowUpResult = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Rating = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: true),
                    RatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ReopenCount = table.Column<int>(type: "integer", nullable: false),
                    MergedInto = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    ReceivedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DeadlineUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DeadlineDate = table.Column<DateOnly>(type: "date", nullable: true),
                    DeadlineUnit = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    DeadlineStep = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    DeadlineProvisional = table.Column<bool>(type: "boolean", nullable: false),
                    Urgent = table.Column<bool>(type: "boolean", nullable: false),
                    IsDemo = table.Column<bool>(type: "boolean", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_voice_items", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "voice_item_events",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ItemId = table.Column<long>(type: "bigint", nullable: false),
                    AtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Actor = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Action = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    FromState = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    ToState = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Department = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    Note = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_voice_item_events", x => x.Id);
                    table.ForeignKey(
                        name: "FK_voice_item_events_voice_items_ItemId",
                        column: x => x.ItemId,
                        principalTable: "voice_items",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "voice_photos",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ItemId = table.Column<long>(type: "bigint", nullable: false),
                    ContentType = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Size = table.Column<long>(type: "bigint", nullable: false),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Content = table.Column<byte[]>(type: "bytea", nullable: false),
                    UploadedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_voice_photos", x => x.Id);
                    table.ForeignKey(
                        name: "FK_voice_photos_voice_items_ItemId",
                        column: x => x.ItemId,
                        principalTable: "voice_items",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_voice_categories_ParentCode",
                table: "voice_categories",
                column: "ParentCode");

            migrationBuilder.CreateIndex(
                name: "IX_voice_item_events_ItemId_AtUtc",
                table: "voice_item_events",
                columns: new[] { "ItemId", "AtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_voice_items_AssignedDepartment_State",
                table: "voice_items",
                columns: new[] { "AssignedDepartment", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_voice_items_CountyCode_ReceivedAtUtc",
                table: "voice_items",
                columns: new[] { "CountyCode", "ReceivedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_voice_items_CreditCode",
                table: "voice_items",
                column: "CreditCode");

            migrationBuilder.CreateIndex(
                name: "IX_voice_items_Source_ExternalId",
                table: "voice_items",
                columns: new[] { "Source", "ExternalId" },
                unique: true,
                filter: "\"ExternalId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_voice_items_State_DeadlineUtc",
                table: "voice_items",
                columns: new[] { "State", "DeadlineUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_voice_items_TrackingCode",
                table: "voice_items",
                column: "TrackingCode",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_voice_photos_ItemId",
                table: "voice_photos",
                column: "ItemId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "voice_categories");

            migrationBuilder.DropTable(
                name: "voice_item_events");

            migrationBuilder.DropTable(
                name: "voice_photos");

            migrationBuilder.DropTable(
                name: "voice_items");
        }
    }
}
