using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace QualityCity.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PublicVoiceParts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "EscalatedDeadlineUtc",
                table: "voice_items",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PosterCode",
                table: "voice_items",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "WarnedDeadlineUtc",
                table: "voice_items",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "quality_sampling_leads",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CreditCode = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    EntityName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Product = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Department = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    Source = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Reference = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_quality_sampling_leads", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "voice_conversions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ItemId = table.Column<long>(type: "bigint", nullable: false),
                    Kind = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    CreditCode = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    Reference = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    By = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    AtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ItemId = table.Column<long>(type: "bigint", nullable: false),
                    CreditCode = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    Department = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    Note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    ForwardedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    ForwardedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Reply = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    RepliedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    RepliedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ItemId = table.Column<long>(type: "bigint", nullable: false),
                    Kind = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    Owner = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    MarkedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    MarkedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
                name: "voice_open311_keys",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    KeyHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    RevokedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RevokedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    LastUsedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_voice_open311_keys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "voice_policy_tasks",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ItemId = table.Column<long>(type: "bigint", nullable: false),
                    OwnerDepartment = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Actions = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Deadline = table.Column<DateOnly>(type: "date", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DoneAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
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
                name: "voice_posters",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Code = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Target = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    TargetKey = table.Column<string>(type: "character varying(600)", maxLength: 600, nullable: false),
                    CountyCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: true),
                    Township = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Address = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    DepartmentCode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    CreditCode = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: true),
                    CategoryCode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_voice_posters", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "voice_routing_models",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TrainedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    TrainedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Samples = table.Column<int>(type: "integer", nullable: false),
                    HeldOut = table.Column<int>(type: "integer", nullable: false),
                    HeldOutAccuracy = table.Column<double>(type: "double precision", nullable: true),
                    Departments = table.Column<int>(type: "integer", nullable: false),
                    Model = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_voice_routing_models", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "voice_routing_rules",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Sort = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Category = table.Column<string>(type: "character varying(33)", maxLength: 33, nullable: false),
                    CountyCode = table.Column<string>(type: "character varying(13)", maxLength: 13, nullable: false),
                    Industry = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    Department = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Fallback = table.Column<bool>(type: "boolean", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_voice_routing_rules", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "voice_suggestion_outcomes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ItemId = table.Column<long>(type: "bigint", nullable: false),
                    Outcome = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    PublicTitle = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    PublicReason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    DecidedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    DecidedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
                name: "voice_open311_requests",
                columns: table => new
                {
                    ItemId = table.Column<long>(type: "bigint", nullable: false),
                    ApiKeyId = table.Column<long>(type: "bigint", nullable: true),
                    MediaUrl = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    AddressId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Attributes = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_voice_open311_requests", x => x.ItemId);
                    table.ForeignKey(
                        name: "FK_voice_open311_requests_voice_items_ItemId",
                        column: x => x.ItemId,
                        principalTable: "voice_items",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_voice_open311_requests_voice_open311_keys_ApiKeyId",
                        column: x => x.ApiKeyId,
                        principalTable: "voice_open311_keys",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
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
                name: "IX_voice_items_MergedInto",
                table: "voice_items",
                column: "MergedInto");

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
                name: "IX_voice_open311_keys_KeyHash",
                table: "voice_open311_keys",
                column: "KeyHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_voice_open311_requests_ApiKeyId",
                table: "voice_open311_requests",
                column: "ApiKeyId");

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
                name: "IX_voice_posters_Code",
                table: "voice_posters",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_voice_posters_TargetKey",
                table: "voice_posters",
                column: "TargetKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_voice_routing_models_TrainedAtUtc",
                table: "voice_routing_models",
                column: "TrainedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_voice_routing_rules_Sort_Id",
                table: "voice_routing_rules",
                columns: new[] { "Sort", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_voice_suggestion_outcomes_DecidedAtUtc",
                table: "voice_suggestion_outcomes",
                column: "DecidedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_voice_suggestion_outcomes_ItemId",
                table: "voice_suggestion_outcomes",
                column: "ItemId",
                unique: true);

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
                name: "quality_sampling_leads");

            migrationBuilder.DropTable(
                name: "voice_conversions");

            migrationBuilder.DropTable(
                name: "voice_forwards");

            migrationBuilder.DropTable(
                name: "voice_leads");

            migrationBuilder.DropTable(
                name: "voice_open311_requests");

            migrationBuilder.DropTable(
                name: "voice_policy_tasks");

            migrationBuilder.DropTable(
                name: "voice_posters");

            migrationBuilder.DropTable(
                name: "voice_routing_models");

            migrationBuilder.DropTable(
                name: "voice_routing_rules");

            migrationBuilder.DropTable(
                name: "voice_suggestion_outcomes");

            migrationBuilder.DropTable(
                name: "voice_survey_responses");

            migrationBuilder.DropTable(
                name: "voice_survey_samples");

            migrationBuilder.DropTable(
                name: "voice_survey_scores");

            migrationBuilder.DropTable(
                name: "voice_open311_keys");

            migrationBuilder.DropTable(
                name: "voice_surveys");

            migrationBuilder.DropIndex(
                name: "IX_voice_items_MergedInto",
                table: "voice_items");

            migrationBuilder.DropColumn(
                name: "EscalatedDeadlineUtc",
                table: "voice_items");

            migrationBuilder.DropColumn(
                name: "PosterCode",
                table: "voice_items");

            migrationBuilder.DropColumn(
                name: "WarnedDeadlineUtc",
                table: "voice_items");
        }
    }
}
