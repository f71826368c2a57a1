using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace QualityCity.Web.Data.Migrations.Postgres
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
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "WarnedDeadlineUtc",
                table: "voice_items",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "voice_surveys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    QuestionsJson = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    DepartmentsJson = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    SampleSize = table.Column<int>(type: "integer", nullable: false),
                    PoolFile = table.Column<string>(type: "text", nullable: false),
                    PoolDigest = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    PoolSize = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Seed = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    CommittedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DrawnAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DrawnBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_voice_surveys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "voice_survey_responses",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SurveyId = table.Column<int>(type: "integer", nullable: false),
                    UserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    CreditCode = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    SubmittedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SurveyId = table.Column<int>(type: "integer", nullable: false),
                    CreditCode = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    Ticket = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Rank = table.Column<int>(type: "integer", nullable: false)
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SurveyId = table.Column<int>(type: "integer", nullable: false),
                    Department = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Question = table.Column<int>(type: "integer", nullable: false),
                    Score = table.Column<int>(type: "integer", nullable: false)
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
