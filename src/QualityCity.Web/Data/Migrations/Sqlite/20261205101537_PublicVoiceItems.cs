using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace QualityCity.Web.Data.Migrations.Sqlite
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
                    Code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ParentCode = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    NameEn = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    DefaultDepartment = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    Sort = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_voice_categories", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "voice_items",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TrackingCode = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ExternalId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    CategoryCode = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    CountyCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    Township = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Address = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    Latitude = table.Column<double>(type: "REAL", nullable: true),
                    Longitude = table.Column<double>(type: "REAL", nullable: true),
                    CreditCode = table.Column<string>(type: "TEXT", maxLength: 18, nullable: true),
                    EntityName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Description = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    ContactName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ContactPhone = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    ContactEmail = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Anonymous = table.Column<bool>(type: "INTEGER", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    AssignedDepartment = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    ReturnedBy = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    LastReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Extension = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ExtensionReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    PublicAnswer = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    AnsweredAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    FollowUpMethod = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    FollowUpBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    FollowUpResult = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Rating = table.Column<string>(type: "TEXT", maxLength: 24, nullable: true),
                    RatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ReopenCount = table.Column<int>(type: "INTEGER", nullable: false),
                    MergedInto = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    ReceivedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DeadlineUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DeadlineDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    DeadlineUnit = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    DeadlineStep = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    DeadlineProvisional = table.Column<bool>(type: "INTEGER", nullable: false),
                    Urgent = table.Column<bool>(type: "INTEGER", nullable: false),
                    IsDemo = table.Column<bool>(type: "INTEGER", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_voice_items", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "voice_item_events",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ItemId = table.Column<long>(type: "INTEGER", nullable: false),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Actor = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    FromState = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    ToState = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Department = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true)
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ItemId = table.Column<long>(type: "INTEGER", nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Size = table.Column<long>(type: "INTEGER", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Content = table.Column<byte[]>(type: "BLOB", nullable: false),
                    UploadedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
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
