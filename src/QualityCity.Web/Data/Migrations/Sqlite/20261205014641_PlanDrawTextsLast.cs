using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace QualityCity.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PlanDrawTextsLast : Migration
    {
        /// <summary>
        /// SQLite stores a row's columns in table order and reaches a column behind a long text by
        /// walking the text's overflow pages. draw.json and plan.json (hundreds of megabytes in a
        /// large city) stood before the draw's status and counts, so every page that read a draw's
        /// status walked them. The table is rebuilt with the two texts last; nothing else changes.
        /// PostgreSQL keeps long texts out of line and needs no such step.
        /// </summary>
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The plan's rows refer to plan_draws: with foreign keys on, dropping the old table would delete them.
            migrationBuilder.Sql("PRAGMA foreign_keys = 0;", suppressTransaction: true);
            migrationBuilder.Sql(@"
CREATE TABLE ""ef_temp_plan_draws"" (
    ""Id"" INTEGER NOT NULL CONSTRAINT ""PK_plan_draws"" PRIMARY KEY AUTOINCREMENT,
    ""Year"" INTEGER NOT NULL,
    ""Seed"" TEXT NOT NULL,
    ""CommitmentDigest"" TEXT NOT NULL,
    ""Actor"" TEXT NOT NULL,
    ""CreatedAtUtc"" TEXT NOT NULL,
    ""CapViolations"" INTEGER NOT NULL DEFAULT 0,
    ""Obligations"" INTEGER NOT NULL DEFAULT 0,
    ""PublicationNote"" TEXT NULL,
    ""PublishedAtUtc"" TEXT NULL,
    ""PublishedBy"" TEXT NULL,
    ""RedrawReason"" TEXT NULL,
    ""Status"" TEXT NOT NULL DEFAULT '',
    ""Understaffed"" INTEGER NOT NULL DEFAULT 0,
    ""VisitsIfSeparate"" INTEGER NOT NULL DEFAULT 0,
    ""VisitsMerged"" INTEGER NOT NULL DEFAULT 0,
    ""DrawJson"" TEXT NOT NULL,
    ""PlanJson"" TEXT NOT NULL
);
INSERT INTO ""ef_temp_plan_draws"" (""Id"", ""Year"", ""Seed"", ""CommitmentDigest"", ""Actor"", ""CreatedAtUtc"", ""CapViolations"", ""Obligations"",
    ""PublicationNote"", ""PublishedAtUtc"", ""PublishedBy"", ""RedrawReason"", ""Status"", ""Understaffed"", ""VisitsIfSeparate"", ""VisitsMerged"", ""DrawJson"", ""PlanJson"")
SELECT ""Id"", ""Year"", ""Seed"", ""CommitmentDigest"", ""Actor"", ""CreatedAtUtc"", ""CapViolations"", ""Obligations"",
    ""PublicationNote"", ""PublishedAtUtc"", ""PublishedBy"", ""RedrawReason"", ""Status"", ""Understaffed"", ""VisitsIfSeparate"", ""VisitsMerged"", ""DrawJson"", ""PlanJson""
FROM ""plan_draws"";
DROP TABLE ""plan_draws"";
ALTER TABLE ""ef_temp_plan_draws"" RENAME TO ""plan_draws"";
CREATE UNIQUE INDEX ""IX_plan_draws_Seed"" ON ""plan_draws"" (""Seed"");
CREATE INDEX ""IX_plan_draws_Year"" ON ""plan_draws"" (""Year"");
");
            migrationBuilder.Sql("PRAGMA foreign_keys = 1;", suppressTransaction: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The column order is no part of the model: nothing to undo.
        }
    }
}
