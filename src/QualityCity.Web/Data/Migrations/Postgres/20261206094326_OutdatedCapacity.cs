using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace QualityCity.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class OutdatedCapacity : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "capacity_plans",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CreditCode = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Notes = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    IsDemo = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_capacity_plans", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "capacity_targets",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FromYear = table.Column<int>(type: "integer", nullable: false),
                    Firms = table.Column<int>(type: "integer", nullable: false),
                    Lines = table.Column<int>(type: "integer", nullable: false),
                    Devices = table.Column<int>(type: "integer", nullable: false),
                    Source = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_capacity_targets", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "capacity_items",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PlanId = table.Column<long>(type: "bigint", nullable: false),
                    Kind = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Model = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Capacity = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    CapacityUnit = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    CatalogueClause = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    MonitorCode = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    ExitedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    VerifiedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    VerificationRecord = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    VerificationPhotos = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    VerifiedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_capacity_items", x => x.Id);
                    table.ForeignKey(
                        name: "FK_capacity_items_capacity_plans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "capacity_plans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "capacity_milestones",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PlanId = table.Column<long>(type: "bigint", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    DoneOn = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_capacity_milestones", x => x.Id);
                    table.ForeignKey(
                        name: "FK_capacity_milestones_capacity_plans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "capacity_plans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "capacity_alerts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ItemId = table.Column<long>(type: "bigint", nullable: false),
                    MonitorCode = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    PeakKw = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    FirstSeenUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    ClosingNote = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_capacity_alerts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_capacity_alerts_capacity_items_ItemId",
                        column: x => x.ItemId,
                        principalTable: "capacity_items",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_capacity_alerts_ItemId_Day",
                table: "capacity_alerts",
                columns: new[] { "ItemId", "Day" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_capacity_alerts_Status",
                table: "capacity_alerts",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_capacity_items_MonitorCode",
                table: "capacity_items",
                column: "MonitorCode");

            migrationBuilder.CreateIndex(
                name: "IX_capacity_items_PlanId",
                table: "capacity_items",
                column: "PlanId");

            migrationBuilder.CreateIndex(
                name: "IX_capacity_milestones_PlanId",
                table: "capacity_milestones",
                column: "PlanId");

            migrationBuilder.CreateIndex(
                name: "IX_capacity_plans_CreditCode",
                table: "capacity_plans",
                column: "CreditCode");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "capacity_alerts");

            migrationBuilder.DropTable(
                name: "capacity_milestones");

            migrationBuilder.DropTable(
                name: "capacity_targets");

            migrationBuilder.DropTable(
                name: "capacity_items");

            migrationBuilder.DropTable(
                name: "capacity_plans");
        }
    }
}
