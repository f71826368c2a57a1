using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace QualityCity.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class DevelopmentServices : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "chain_leaderships",
                columns: table => new
                {
                    ChainCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    LeaderName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    LeaderTitle = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_chain_leaderships", x => x.ChainCode);
                });

            migrationBuilder.CreateTable(
                name: "chain_members",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ChainCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    LinkCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    CreditCode = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    LeadingFirm = table.Column<bool>(type: "boolean", nullable: false),
                    AddedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    AddedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_chain_members", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "chain_projects",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ChainCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    LinkCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    InvestmentWan = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    Status = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    IsDemo = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_chain_projects", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "commissioners",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    DepartmentCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Phone = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    UserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Active = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_commissioners", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "efficiency_formula_choices",
                columns: table => new
                {
                    Year = table.Column<int>(type: "integer", nullable: false),
                    FormulaId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Json = table.Column<string>(type: "text", nullable: false),
                    Uploaded = table.Column<bool>(type: "boolean", nullable: false),
                    ChosenBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    ChosenAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_efficiency_formula_choices", x => x.Year);
                });

            migrationBuilder.CreateTable(
                name: "enterprise_problems",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CreditCode = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    Title = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Detail = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    RaisedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    RaisedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    OwnerDepartment = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Status = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Resolution = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    SolvedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    UpdatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_enterprise_problems", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "tier_profiles",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CreditCode = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    Version = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ValuesJson = table.Column<string>(type: "text", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_tier_profiles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "tier_recognitions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CreditCode = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    Tier = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    RecognisedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    ValidUntil = table.Column<DateOnly>(type: "date", nullable: true),
                    Authority = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Document = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    IsDemo = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_tier_recognitions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "commissioned_enterprises",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CreditCode = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    CommissionerId = table.Column<int>(type: "integer", nullable: false),
                    Since = table.Column<DateOnly>(type: "date", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_commissioned_enterprises", x => x.Id);
                    table.ForeignKey(
                        name: "FK_commissioned_enterprises_commissioners_CommissionerId",
                        column: x => x.CommissionerId,
                        principalTable: "commissioners",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "commissioner_visits",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CreditCode = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    CommissionerId = table.Column<int>(type: "integer", nullable: false),
                    VisitedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Kind = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Notes = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    RecordedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_commissioner_visits", x => x.Id);
                    table.ForeignKey(
                        name: "FK_commissioner_visits_commissioners_CommissionerId",
                        column: x => x.CommissionerId,
                        principalTable: "commissioners",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_chain_members_ChainCode_LinkCode_CreditCode",
                table: "chain_members",
                columns: new[] { "ChainCode", "LinkCode", "CreditCode" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_chain_projects_ChainCode",
                table: "chain_projects",
                column: "ChainCode");

            migrationBuilder.CreateIndex(
                name: "IX_commissioned_enterprises_CommissionerId",
                table: "commissioned_enterprises",
                column: "CommissionerId");

            migrationBuilder.CreateIndex(
                name: "IX_commissioned_enterprises_CreditCode",
                table: "commissioned_enterprises",
                column: "CreditCode",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_commissioner_visits_CommissionerId",
                table: "commissioner_visits",
                column: "CommissionerId");

            migrationBuilder.CreateIndex(
                name: "IX_commissioner_visits_CreditCode_VisitedOn",
                table: "commissioner_visits",
                columns: new[] { "CreditCode", "VisitedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_commissioners_UserName",
                table: "commissioners",
                column: "UserName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_enterprise_problems_CreditCode",
                table: "enterprise_problems",
                column: "CreditCode");

            migrationBuilder.CreateIndex(
                name: "IX_enterprise_problems_Status_DueOn",
                table: "enterprise_problems",
                columns: new[] { "Status", "DueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_tier_profiles_CreditCode",
                table: "tier_profiles",
                column: "CreditCode",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_tier_recognitions_CreditCode_Tier_RecognisedOn",
                table: "tier_recognitions",
                columns: new[] { "CreditCode", "Tier", "RecognisedOn" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "chain_leaderships");

            migrationBuilder.DropTable(
                name: "chain_members");

            migrationBuilder.DropTable(
                name: "chain_projects");

            migrationBuilder.DropTable(
                name: "commissioned_enterprises");

            migrationBuilder.DropTable(
                name: "commissioner_visits");

            migrationBuilder.DropTable(
                name: "efficiency_formula_choices");

            migrationBuilder.DropTable(
                name: "enterprise_problems");

            migrationBuilder.DropTable(
                name: "tier_profiles");

            migrationBuilder.DropTable(
                name: "tier_recognitions");

            migrationBuilder.DropTable(
                name: "commissioners");
        }
    }
}
