using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace QualityCity.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class VoiceOversight : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "EscalatedDeadlineUtc",
                table: "voice_items",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "WarnedDeadlineUtc",
                table: "voice_items",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "voice_surveys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    QuestionsJson = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    DepartmentsJson = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    SampleSize = table.Column<int>(type: "INTEGER", nullable: false),
                    PoolFile = table.Column<string>(type: "TEXT", nullable: false),
                    PoolDigest = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    PoolSize = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Seed = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    CommittedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DrawnAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DrawnBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_voice_surveys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "voice_survey_responses",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SurveyId = table.Column<int>(type: "INTEGER", nullable: false),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    CreditCode = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    SubmittedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_voice_survey_responses", x => x.Id);
                    table.ForeignKey(
                        name: "FK_voice_survey_responses_voice_surveys_SurveyId",
                        column: x => x.SurveyId,
                        principalTable: "voice_surveys",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "voice_survey_samples",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SurveyId = table.Column<int>(type: "INTEGER", nullable: false),
                    CreditCode = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    Ticket = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Rank = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_voice_survey_samples", x => x.Id);
                    table.ForeignKey(
                        name: "FK_voice_survey_samples_voice_surveys_SurveyId",
                        column: x => x.SurveyId,
                        principalTable: "voice_surveys",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "voice_survey_scores",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SurveyId = table.Column<int>(type: "INTEGER", nullable: false),
                    Department = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Question = table.Column<int>(type: "INTEGER", nullable: false),
                    Score = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_voice_survey_scores", x => x.Id);
                    table.ForeignKey(
                        name: "FK_voice_survey_scores_voice_surveys_SurveyId",
                        column: x => x.SurveyId,
                        principalTable: "voice_surveys",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_voice_survey_responses_SurveyId_UserName",
                table: "voice_survey_responses",
                columns: new[] { "SurveyId", "UserName" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_voice_survey_samples_SurveyId_CreditCode",
                table: "voice_survey_samples",
                columns: new[] { "SurveyId", "CreditCode" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_voice_survey_scores_SurveyId_Department_Question",
                table: "voice_survey_scores",
                columns: new[] { "SurveyId", "Department", "Question" });

            migrationBuilder.CreateIndex(
                name: "IX_voice_surveys_Seed",
                table: "voice_surveys",
                column: "Seed",
                unique: true,
                filter: "\"Seed\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "voice_survey_responses");

            migrationBuilder.DropTable(
                name: "voice_survey_samples");

            migrationBuilder.DropTable(
                name: "voice_survey_scores");

            migrationBuilder.DropTable(
                name: "voice_surveys");

            migrationBuilder.DropColumn(
                name: "EscalatedDeadlineUtc",
                table: "voice_items");

            migrationBuilder.DropColumn(
                name: "WarnedDeadlineUtc",
                table: "voice_items");
        }
    }
}
