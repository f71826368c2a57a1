using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace QualityCity.Web.Data.Migrations.Sqlite
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
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "improvement_plans",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Scope = table.Column<string>(type: "TEXT", nullable: false),
                    Industry = table.Column<string>(type: "TEXT", nullable: false),
                    ProblemKey = table.Column<string>(type: "TEXT", nullable: false),
                    CreditCode = table.Column<string>(type: "TEXT", nullable: true),
                    Title = table.Column<string>(type: "TEXT", nullable: false),
                    Owner = table.Column<string>(type: "TEXT", nullable: false),
                    Actions = table.Column<string>(type: "TEXT", nullable: false),
                    Deadline = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", nullable: false),
                    Progress = table.Column<string>(type: "TEXT", nullable: true),
                    CreatedBy = table.Column<string>(type: "TEXT", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_improvement_plans", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "origin_certifications",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CreditCode = table.Column<string>(type: "TEXT", nullable: false),
                    Brand = table.Column<string>(type: "TEXT", nullable: false),
                    CertificateNo = table.Column<string>(type: "TEXT", nullable: false),
                    Products = table.Column<string>(type: "TEXT", nullable: false),
                    IssuedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ValidUntil = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_origin_certifications", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "product_categories",
                columns: table => new
                {
                    Code = table.Column<string>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    ShortName = table.Column<string>(type: "TEXT", nullable: false),
                    NameEn = table.Column<string>(type: "TEXT", nullable: false),
                    Industry = table.Column<string>(type: "TEXT", nullable: false),
                    Standard = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_product_categories", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "quality_flags",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Rule = table.Column<string>(type: "TEXT", nullable: false),
                    CreditCode = table.Column<string>(type: "TEXT", nullable: false),
                    Key = table.Column<string>(type: "TEXT", nullable: false),
                    Evidence = table.Column<string>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", nullable: false),
                    Decision = table.Column<string>(type: "TEXT", nullable: true),
                    DecidedBy = table.Column<string>(type: "TEXT", nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DecidedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_quality_flags", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "quality_map_cells",
                columns: table => new
                {
                    ProductCategory = table.Column<string>(type: "TEXT", nullable: false),
                    TestItem = table.Column<string>(type: "TEXT", nullable: false),
                    CountyCode = table.Column<string>(type: "TEXT", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Industry = table.Column<string>(type: "TEXT", nullable: false),
                    Tested = table.Column<int>(type: "INTEGER", nullable: false),
                    Failed = table.Column<int>(type: "INTEGER", nullable: false),
                    TestedPublished = table.Column<int>(type: "INTEGER", nullable: false),
                    FailedPublished = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_quality_map_cells", x => new { x.ProductCategory, x.CountyCode, x.Year, x.TestItem });
                });

            migrationBuilder.CreateTable(
                name: "samples",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SampleNo = table.Column<string>(type: "TEXT", nullable: false),
                    PlanId = table.Column<int>(type: "INTEGER", nullable: true),
                    Level = table.Column<string>(type: "TEXT", nullable: false),
                    Authority = table.Column<string>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", nullable: false),
                    ProductCategory = table.Column<string>(type: "TEXT", nullable: false),
                    Industry = table.Column<string>(type: "TEXT", nullable: false),
                    Specification = table.Column<string>(type: "TEXT", nullable: false),
                    Batch = table.Column<string>(type: "TEXT", nullable: false),
                    Brand = table.Column<string>(type: "TEXT", nullable: false),
                    ProducerCreditCode = table.Column<string>(type: "TEXT", nullable: false),
                    ProducerName = table.Column<string>(type: "TEXT", nullable: false),
                    CountyCode = table.Column<string>(type: "TEXT", nullable: false),
                    MadeInCounty = table.Column<string>(type: "TEXT", nullable: true),
                    SellerCreditCode = table.Column<string>(type: "TEXT", nullable: true),
                    SellerName = table.Column<string>(type: "TEXT", nullable: false),
                    Place = table.Column<string>(type: "TEXT", nullable: false),
                    SampledOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Lab = table.Column<string>(type: "TEXT", nullable: false),
                    ReportNo = table.Column<string>(type: "TEXT", nullable: false),
                    ReportedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Passed = table.Column<bool>(type: "INTEGER", nullable: true),
                    Status = table.Column<string>(type: "TEXT", nullable: false),
                    NoticeReceivedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ObjectionDue = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ObjectionFiledOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ObjectionReason = table.Column<string>(type: "TEXT", nullable: true),
                    RetestOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    FinalOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    PublishedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    CorrectionDue = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ReinspectionDue = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    AnnouncedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    SecondReinspectionFrom = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    SecondReinspectionTo = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    FollowUpOf = table.Column<long>(type: "INTEGER", nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_samples", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "test_items",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProductCategory = table.Column<string>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    NameEn = table.Column<string>(type: "TEXT", nullable: false),
                    StandardClause = table.Column<string>(type: "TEXT", nullable: false),
                    Unit = table.Column<string>(type: "TEXT", nullable: false),
                    Limit = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_test_items", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "sample_item_results",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SampleId = table.Column<long>(type: "INTEGER", nullable: false),
                    ProductCategory = table.Column<string>(type: "TEXT", nullable: false),
                    CountyCode = table.Column<string>(type: "TEXT", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    ItemCode = table.Column<string>(type: "TEXT", nullable: false),
                    Passed = table.Column<bool>(type: "INTEGER", nullable: false),
                    Published = table.Column<bool>(type: "INTEGER", nullable: false),
                    FirstPassed = table.Column<bool>(type: "INTEGER", nullable: true),
                    StandardClause = table.Column<string>(type: "TEXT", nullable: false),
                    Measured = table.Column<string>(type: "TEXT", nullable: false),
                    Limit = table.Column<string>(type: "TEXT", nullable: false),
                    Unit = table.Column<string>(type: "TEXT", nullable: false),
                    RetestMeasured = table.Column<string>(type: "TEXT", nullable: true)
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
                columns: new[] { "ProductCategory", "CountyCode", "Year", "ItemCode" });

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
