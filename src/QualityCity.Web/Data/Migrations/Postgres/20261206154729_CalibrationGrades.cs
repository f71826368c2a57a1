using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace QualityCity.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CalibrationGrades : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "ControlSample",
                table: "visit_departments",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "PlannedGrade",
                table: "visit_departments",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "ControlSample",
                table: "plan_visit_obligations",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "Grade",
                table: "plan_visit_obligations",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "ControlSample",
                table: "inspections",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "GradeInputs",
                table: "inspections",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "PlannedGrade",
                table: "inspections",
                type: "text",
                nullable: true);

            // Plans drawn before: the grade is the start of each obligation's reason ("red: quarter 2"),
            // and the registered visits and recorded inspections take it from their plan.
            migrationBuilder.Sql("""
                UPDATE plan_visit_obligations SET "Grade" = CASE WHEN "Reason" LIKE 'red:%' THEN 'red'
                    WHEN "Reason" LIKE 'yellow:%' THEN 'yellow' WHEN "Reason" LIKE 'green:%' THEN 'green' END
                """);
            migrationBuilder.Sql("""
                UPDATE visit_departments SET "PlannedGrade" = (SELECT o."Grade" FROM visits v
                    JOIN plan_visits p ON p."DrawId" = v."DrawId" AND p."VisitKey" = v."VisitKey"
                    JOIN plan_visit_obligations o ON o."DrawId" = p."DrawId" AND o."VisitPosition" = p."Position"
                    JOIN departments d ON d."Code" = o."Department"
                    WHERE v."Id" = visit_departments."VisitId" AND d."Id" = visit_departments."DepartmentId"
                    ORDER BY o."Position" LIMIT 1)
                """);
            migrationBuilder.Sql("""
                UPDATE inspections SET "PlannedGrade" = (SELECT vd."PlannedGrade" FROM visits v
                    JOIN visit_departments vd ON vd."VisitId" = v."Id"
                    WHERE v."VisitKey" = inspections."VisitKey" AND vd."DepartmentId" = inspections."DepartmentId"
                    ORDER BY v."Id" DESC LIMIT 1)
                WHERE "Kind" = 'routine'
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ControlSample",
                table: "visit_departments");

            migrationBuilder.DropColumn(
                name: "PlannedGrade",
                table: "visit_departments");

            migrationBuilder.DropColumn(
                name: "ControlSample",
                table: "plan_visit_obligations");

            migrationBuilder.DropColumn(
                name: "Grade",
                table: "plan_visit_obligations");

            migrationBuilder.DropColumn(
                name: "ControlSample",
                table: "inspections");

            migrationBuilder.DropColumn(
                name: "GradeInputs",
                table: "inspections");

            migrationBuilder.DropColumn(
                name: "PlannedGrade",
                table: "inspections");
        }
    }
}
