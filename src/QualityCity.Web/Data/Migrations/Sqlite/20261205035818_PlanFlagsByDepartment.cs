using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace QualityCity.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PlanFlagsByDepartment : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_plan_recognitions_DrawId_Department",
                table: "plan_recognitions");

            migrationBuilder.CreateIndex(
                name: "IX_plan_understaffed_DrawId_Department_Position",
                table: "plan_understaffed",
                columns: new[] { "DrawId", "Department", "Position" });

            migrationBuilder.CreateIndex(
                name: "IX_plan_recognitions_DrawId_Department_Position",
                table: "plan_recognitions",
                columns: new[] { "DrawId", "Department", "Position" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_plan_understaffed_DrawId_Department_Position",
                table: "plan_understaffed");

            migrationBuilder.DropIndex(
                name: "IX_plan_recognitions_DrawId_Department_Position",
                table: "plan_recognitions");

            migrationBuilder.CreateIndex(
                name: "IX_plan_recognitions_DrawId_Department",
                table: "plan_recognitions",
                columns: new[] { "DrawId", "Department" });
        }
    }
}
