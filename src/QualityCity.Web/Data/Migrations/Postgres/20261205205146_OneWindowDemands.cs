using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace QualityCity.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class OneWindowDemands : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "service_demands",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Code = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    CreditCode = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    EnterpriseName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Complexity = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    CatalogueItems = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    ContactName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ContactPhone = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    State = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    RoutedUnit = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    FiledBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    FiledOnBehalf = table.Column<bool>(type: "boolean", nullable: false),
                    FiledAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    AcceptedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Answer = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    AnsweredAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Rating = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: true),
                    RatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ContactNote = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    ContactedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    FixNote = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    FixedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ClosedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    DueAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DueProvisional = table.Column<bool>(type: "boolean", nullable: false),
                    ContactDueAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    FixDueAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    EscalatedFlags = table.Column<int>(type: "integer", nullable: false),
                    Escalated = table.Column<bool>(type: "boolean", nullable: false),
                    EscalatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    UpdatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_service_demands", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "service_demand_events",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    DemandId = table.Column<long>(type: "bigint", nullable: false),
                    AtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Actor = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Action = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    FromState = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    ToState = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    Note = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_service_demand_events", x => x.Id);
                    table.ForeignKey(
                        name: "FK_service_demand_events_service_demands_DemandId",
                        column: x => x.DemandId,
                        principalTable: "service_demands",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "service_demand_materials",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    DemandId = table.Column<long>(type: "bigint", nullable: false),
                    Items = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    RequestedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RequestedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    SuppliedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    SuppliedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    SuppliedText = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_service_demand_materials", x => x.Id);
                    table.ForeignKey(
                        name: "FK_service_demand_materials_service_demands_DemandId",
                        column: x => x.DemandId,
                        principalTable: "service_demands",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_service_demand_events_DemandId_AtUtc",
                table: "service_demand_events",
                columns: new[] { "DemandId", "AtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_service_demand_materials_DemandId",
                table: "service_demand_materials",
                column: "DemandId");

            migrationBuilder.CreateIndex(
                name: "IX_service_demands_Code",
                table: "service_demands",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_service_demands_CreditCode_FiledAtUtc",
                table: "service_demands",
                columns: new[] { "CreditCode", "FiledAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_service_demands_RoutedUnit_State",
                table: "service_demands",
                columns: new[] { "RoutedUnit", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_service_demands_State_DueAtUtc",
                table: "service_demands",
                columns: new[] { "State", "DueAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_service_demands_Year_Number",
                table: "service_demands",
                columns: new[] { "Year", "Number" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "service_demand_events");

            migrationBuilder.DropTable(
                name: "service_demand_materials");

            migrationBuilder.DropTable(
                name: "service_demands");
        }
    }
}
