using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace QualityCity.Web.Data.Migrations.Postgres
{
    /// <summary>
    /// A registry import's job names the process running it, so that the next import on the machine
    /// can mark a job whose process was killed as stopped instead of running for ever.
    /// </summary>
    public partial class ImportJobRunner : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Runner",
                table: "import_jobs",
                type: "text",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Runner",
                table: "import_jobs");
        }
    }
}
