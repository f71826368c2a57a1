using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace QualityCity.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class VoiceOutcomes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "quality_sampling_leads",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CreditCode = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    EntityName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Product = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Department = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    Source = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_quality_sampling_leads", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "voice_conversions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ItemId = table.Column<long>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    CreditCode = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    By = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_voice_conversions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_voice_conversions_voice_items_ItemId",
                        column: x => x.ItemId,
                        principalTable: "voice_items",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "voice_forwards",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ItemId = table.Column<long>(type: "INTEGER", nullable: false),
                    CreditCode = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    Department = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    ForwardedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    ForwardedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Reply = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    RepliedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    RepliedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_voice_forwards", x => x.Id);
                    table.ForeignKey(
                        name: "FK_voice_forwards_voice_items_ItemId",
                        column: x => x.ItemId,
                        principalTable: "voice_items",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "voice_leads",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ItemId = table.Column<long>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    Owner = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    MarkedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    MarkedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_voice_leads", x => x.Id);
                    table.ForeignKey(
                        name: "FK_voice_leads_voice_items_ItemId",
                        column: x => x.ItemId,
                        principalTable: "voice_items",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "voice_policy_tasks",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ItemId = table.Column<long>(type: "INTEGER", nullable: false),
                    OwnerDepartment = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Actions = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Deadline = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DoneAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_voice_policy_tasks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_voice_policy_tasks_voice_items_ItemId",
                        column: x => x.ItemId,
                        principalTable: "voice_items",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "voice_suggestion_outcomes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ItemId = table.Column<long>(type: "INTEGER", nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    PublicTitle = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    PublicReason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    DecidedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_voice_suggestion_outcomes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_voice_suggestion_outcomes_voice_items_ItemId",
                        column: x => x.ItemId,
                        principalTable: "voice_items",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_quality_sampling_leads_CreatedAtUtc",
                table: "quality_sampling_leads",
                column: "CreatedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_quality_sampling_leads_Source_Reference",
                table: "quality_sampling_leads",
                columns: new[] { "Source", "Reference" });

            migrationBuilder.CreateIndex(
                name: "IX_voice_conversions_ItemId_Kind",
                table: "voice_conversions",
                columns: new[] { "ItemId", "Kind" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_voice_conversions_Kind_CreditCode_AtUtc",
                table: "voice_conversions",
                columns: new[] { "Kind", "CreditCode", "AtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_voice_forwards_CreditCode_ForwardedAtUtc",
                table: "voice_forwards",
                columns: new[] { "CreditCode", "ForwardedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_voice_forwards_ItemId",
                table: "voice_forwards",
                column: "ItemId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_voice_leads_ItemId",
                table: "voice_leads",
                column: "ItemId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_voice_leads_Status_MarkedAtUtc",
                table: "voice_leads",
                columns: new[] { "Status", "MarkedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_voice_policy_tasks_ItemId",
                table: "voice_policy_tasks",
                column: "ItemId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_voice_policy_tasks_OwnerDepartment_Status",
                table: "voice_policy_tasks",
                columns: new[] { "OwnerDepartment", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_voice_suggestion_outcomes_DecidedAtUtc",
                table: "voice_suggestion_outcomes",
                column: "DecidedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_voice_suggestion_outcomes_ItemId",
                table: "voice_suggestion_outcomes",
                column: "ItemId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "quality_sampling_leads");

            migrationBuilder.DropTable(
                name: "voice_conversions");

            migrationBuilder.DropTable(
                name: "voice_forwards");

            migrationBuilder.DropTable(
                name: "voice_leads");

            migrationBuilder.DropTable(
                name: "voice_policy_tasks");

            migrationBuilder.DropTable(
                name: "voice_suggestion_outcomes");
        }
    }
}
