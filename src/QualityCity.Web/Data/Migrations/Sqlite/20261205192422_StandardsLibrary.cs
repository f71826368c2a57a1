using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace QualityCity.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class StandardsLibrary : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "standards",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Number = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    NumberKey = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    TitleZh = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    TitleEn = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    RecordedStatus = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    PublishDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ImplementDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    AbolishDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Ccs = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    Ics = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Replaces = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    ReplacedBy = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Body = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Committee = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Cluster = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    IsSynthetic = table.Column<bool>(type: "INTEGER", nullable: false),
                    ChangeSeq = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_standards", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "standard_supersessions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    StandardId = table.Column<long>(type: "INTEGER", nullable: false),
                    OldKey = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    NewKey = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    OldNumber = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    NewNumber = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_standard_supersessions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_standard_supersessions_standards_StandardId",
                        column: x => x.StandardId,
                        principalTable: "standards",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_standard_supersessions_NewKey",
                table: "standard_supersessions",
                column: "NewKey");

            migrationBuilder.CreateIndex(
                name: "IX_standard_supersessions_OldKey",
                table: "standard_supersessions",
                column: "OldKey");

            migrationBuilder.CreateIndex(
                name: "IX_standard_supersessions_StandardId",
                table: "standard_supersessions",
                column: "StandardId");

            migrationBuilder.CreateIndex(
                name: "IX_standards_ChangeSeq",
                table: "standards",
                column: "ChangeSeq");

            migrationBuilder.CreateIndex(
                name: "IX_standards_NumberKey",
                table: "standards",
                column: "NumberKey",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "standard_supersessions");

            migrationBuilder.DropTable(
                name: "standards");
        }
    }
}
