using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace QualityCity.Web.Data.Migrations.Postgres
{
    /// <summary>
    /// A demand carries its enterprise's county and its steps the demand's (ADR 0053), so that they can
    /// be partitioned by city. Demands filed before take their enterprise's county as the registry
    /// holds it now, else the county of the authority that issued the credit code.
    /// </summary>
    public partial class DemandsCarryCounty : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "CountyCode",
                table: "service_demands",
                type: "character varying(12)",
                maxLength: 12,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "CountyCode",
                table: "service_demand_events",
                type: "character varying(12)",
                maxLength: 12,
                nullable: false,
                defaultValue: "");

            migrationBuilder.Sql("""
                UPDATE service_demands SET "CountyCode" = substr("CreditCode", 3, 6);
                UPDATE service_demands SET "CountyCode" = m."CountyCode" FROM market_entities AS m WHERE m."CreditCode" = service_demands."CreditCode";
                UPDATE service_demand_events SET "CountyCode" = d."CountyCode" FROM service_demands AS d WHERE d."Id" = service_demand_events."DemandId";
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "CountyCode",
                table: "service_demands");

            migrationBuilder.DropColumn(
                name: "CountyCode",
                table: "service_demand_events");
        }
    }
}
