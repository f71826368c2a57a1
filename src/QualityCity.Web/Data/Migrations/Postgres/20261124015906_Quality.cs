using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace QualityCity.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Quality : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "InsuredStaff",
                table: "market_entities",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "improvement_plans",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Scope = table.Column<string>(type: "text", nullable: false),
                    Industry = table.Column<string>(type: "text", nullable: false),
                    ProblemKey = table.Column<string>(type: "text", nullable: false),
                    CreditCode = table.Column<string>(type: "text", nullable: true),
                    Title = table.Column<string>(type: "text", nullable: false),
                    Owner = table.Column<string>(type: "text", nullable: false),
                    Actions = table.Column<string>(type: "text", nullable: false),
                    Deadline = table.Column<DateOnly>(type: "date", nullable: false),
                    Status = table.Column<string>(type: "text", nullable: false),
                    Progress = table.Column<string>(type: "text", nullable: true),
                    CreatedBy = table.Column<string>(type: "text", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_improvement_plans", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "origin_certifications",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CreditCode = table.Column<string>(type: "text", nullable: false),
                    Brand = table.Column<string>(type: "text", nullable: false),
                    CertificateNo = table.Column<string>(type: "text", nullable: false),
                    Products = table.Column<string>(type: "text", nullable: false),
                    IssuedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    ValidUntil = table.Column<DateOnly>(type: "date", nullable: false),
                    Status = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_origin_certifications", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "product_categories",
                columns: table => new
                {
                    Code = table.Column<string>(type: "text", nullable: false),
                    Name = table.Column<string>(type: "text", nullable: false),
                    ShortName = table.Column<string>(type: "text", nullable: false),
                    NameEn = table.Column<string>(type: "text", nullable: false),
                    Industry = table.Column<string>(type: "text", nullable: false),
                    Standard = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_product_categories", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "quality_flags",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Rule = table.Column<string>(type: "text", nullable: false),
                    CreditCode = table.Column<string>(type: "text", nullable: false),
                    Key = table.Column<string>(type: "text", nullable: false),
                    Evidence = table.Column<string>(type: "text", nullable: false),
                    Status = table.Column<string>(type: "text", nullable: false),
                    Decision = table.Column<string>(type: "text", nullable: true),
                    DecidedBy = table.Column<string>(type: "text", nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DecidedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_quality_flags", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "quality_map_cells",
                columns: table => new
                {
                    ProductCategory = table.Column<string>(type: "text", nullable: false),
                    TestItem = table.Column<string>(type: "text", nullable: false),
                    CountyCode = table.Column<string>(type: "text", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Industry = table.Column<string>(type: "text", nullable: false),
                    Tested = table.Column<int>(type: "integer", nullable: false),
                    Failed = table.Column<int>(type: "integer", nullable: false),
                    TestedPublished = table.Column<int>(type: "integer", nullable: false),
                    FailedPublished = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_quality_map_cells", x => new { x.ProductCategory, x.CountyCode, x.Year, x.TestItem });
                });

            migrationBuilder.CreateTable(
                name: "samples",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SampleNo = table.Column<string>(type: "text", nullable: false),
                    PlanId = table.Column<int>(type: "integer", nullable: true),
                    Level = table.Column<string>(type: "text", nullable: false),
                    Authority = table.Column<string>(type: "text", nullable: false),
                    Kind = table.Column<string>(type: "text", nullable: false),
                    ProductCategory = table.Column<string>(type: "text", nullable: false),
                    Industry = table.Column<string>(type: "text", nullable: false),
                    Specification = table.Column<string>(type: "text", nullable: false),
                    Batch = table.Column<string>(type: "text", nullable: false),
                    Brand = table.Column<string>(type: "text", nullable: false),
                    ProducerCreditCode = table.Column<string>(type: "text", nullable: false),
                    ProducerName = table.Column<string>(type: "text", nullable: false),
                    CountyCode = table.Column<string>(type: "text", nullable: false),
                    MadeInCounty = table.Column<string>(type: "text", nullable: true),
                    SellerCreditCode = table.Column<string>(type: "text", nullable: true),
                    SellerName = table.Column<string>(type: "text", nullable: false),
                    Place = table.Column<string>(type: "text", nullable: false),
                    SampledOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Lab = table.Column<string>(type: "text", nullable: false),
                    ReportNo = table.Column<string>(type: "text", nullable: false),
                    ReportedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Passed = table.Column<bool>(type: "boolean", nullable: true),
                    Status = table.Column<string>(type: "text", nullable: false),
                    NoticeReceivedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ObjectionDue = table.Column<DateOnly>(type: "date", nullable: true),
                    ObjectionFiledOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ObjectionReason = table.Column<string>(type: "text", nullable: true),
                    RetestOn = table.Column<DateOnly>(type: "date", nullable: true),
                    FinalOn = table.Column<DateOnly>(type: "date", nullable: true),
                    PublishedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    CorrectionDue = table.Column<DateOnly>(type: "date", nullable: true),
                    ReinspectionDue = table.Column<DateOnly>(type: "date", nullable: true),
                    AnnouncedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    SecondReinspectionFrom = table.Column<DateOnly>(type: "date", nullable: true),
                    SecondReinspectionTo = table.Column<DateOnly>(type: "date", nullable: true),
                    FollowUpOf = table.Column<long>(type: "bigint", nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_samples", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "test_items",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ProductCategory = table.Column<string>(type: "text", nullable: false),
                    Code = table.Column<string>(type: "text", nullable: false),
                    Name = table.Column<string>(type: "text", nullable: false),
                    NameEn = table.Column<string>(type: "text", nullable: false),
                    StandardClause = table.Column<string>(type: "text", nullable: false),
                    Unit = table.Column<string>(type: "text", nullable: false),
                    Limit = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_test_items", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "sample_item_results",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SampleId = table.Column<long>(type: "bigint", nullable: false),
                    ProductCategory = table.Column<string>(type: "text", nullable: false),
                    CountyCode = table.Column<string>(type: "text", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    ItemCode = table.Column<string>(type: "text", nullable: false),
                    Passed = table.Column<bool>(type: "boolean", nullable: false),
                    Published = table.Column<bool>(type: "boolean", nullable: false),
                    FirstPassed = table.Column<bool>(type: "boolean", nullable: true),
                    StandardClause = table.Column<string>(type: "text", nullable: false),
                    Measured = table.Column<string>(type: "text", nullable: false),
                    Limit = table.Column<string>(type: "text", nullable: false),
                    Unit = table.Column<string>(type: "text", nullable: false),
                    RetestMeasured = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sample_item_results", x => x.Id);
                    table.ForeignKey(
                        name: "FK_sample_item_results_samples_SampleId",
                        column: x => x.SampleId,
                        principalTable: "samples",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_improvement_plans_Industry_ProblemKey",
                table: "improvement_plans",
                columns: new[] { "Industry", "ProblemKey" });

            migrationBuilder.CreateIndex(
                name: "IX_origin_certifications_CertificateNo",
                table: "origin_certifications",
                column: "CertificateNo",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_origin_certifications_CreditCode",
                table: "origin_certifications",
                column: "CreditCode");

            migrationBuilder.CreateIndex(
                name: "IX_quality_flags_Rule_CreditCode_Key",
                table: "quality_flags",
                columns: new[] { "Rule", "CreditCode", "Key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_quality_flags_Status",
                table: "quality_flags",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_quality_map_cells_Industry_Year",
                table: "quality_map_cells",
                columns: new[] { "Industry", "Year" });

            migrationBuilder.CreateIndex(
                name: "IX_sample_item_results_ProductCategory_CountyCode_Year_ItemCode",
                table: "sample_item_results",
                columns: new[] { "ProductCategory", "CountyCode", "Year", "ItemCode" })
                .Annotation("Npgsql:IndexInclude", new[] { "Passed", "Published" });

            migrationBuilder.CreateIndex(
                name: "IX_sample_item_results_SampleId",
                table: "sample_item_results",
                column: "SampleId");

            migrationBuilder.CreateIndex(
                name: "IX_samples_Industry_SampledOn",
                table: "samples",
                columns: new[] { "Industry", "SampledOn" });

            migrationBuilder.CreateIndex(
                name: "IX_samples_ProducerCreditCode_ProductCategory",
                table: "samples",
                columns: new[] { "ProducerCreditCode", "ProductCategory" });

            migrationBuilder.CreateIndex(
                name: "IX_samples_ProductCategory_CountyCode_SampledOn",
                table: "samples",
                columns: new[] { "ProductCategory", "CountyCode", "SampledOn" });

            migrationBuilder.CreateIndex(
                name: "IX_samples_SampleNo",
                table: "samples",
                column: "SampleNo",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_test_items_ProductCategory_Code",
                table: "test_items",
                columns: new[] { "ProductCategory", "Code" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "improvement_plans");

            migrationBuilder.DropTable(
                name: "origin_certifications");

            migrationBuilder.DropTable(
                name: "product_categories");

            migrationBuilder.DropTable(
                name: "quality_flags");

            migrationBuilder.DropTable(
                name: "quality_map_cells");

            migrationBuilder.DropTable(
                name: "sample_item_results");

            migrationBuilder.DropTable(
                name: "test_items");

            migrationBuilder.DropTable(
                name: "samples");

            migrationBuilder.DropColumn(
                name: "InsuredStaff",
                table: "market_entities");
        }
    }
}
