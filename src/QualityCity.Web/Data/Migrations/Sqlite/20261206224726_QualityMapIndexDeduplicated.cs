using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace QualityCity.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class QualityMapIndexDeduplicated : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_sample_item_results_ProductCategory_CountyCode_Year_ItemCode",
                table: "sample_item_results");

            migrationBuilder.CreateIndex(
                name: "IX_sample_item_results_map_key",
                table: "sample_item_results",
                columns: new[] { "ProductCategory", "CountyCode", "Year", "ItemCode", "Published", "Passed" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_sample_item_results_map_key",
                table: "sample_item_results");

            migrationBuilder.CreateIndex(
                name: "IX_sample_item_results_ProductCategory_CountyCode_Year_ItemCode",
                table: "sample_item_results",
                columns: new[] { "ProductCategory", "CountyCode", "Year", "ItemCode" });
        }
    }
}
