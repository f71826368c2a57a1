using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace QualityCity.Web.Data.Migrations.Postgres
{
    /// <summary>
    /// The visits and inspections partitioned by region on PostgreSQL, as the registry and the samples
    /// are (ADR 0047, ADR 0050, ADR 0051): <c>visits</c>, <c>visit_departments</c>, <c>visit_items</c>,
    /// <c>visit_inspectors</c>, <c>inspections</c> and <c>inspection_item_results</c> become tables
    /// partitioned by range of <c>CountyCode</c>, each with a default partition that holds every row
    /// until <c>registry partition --city</c> carves the city's partitions of every table together. The
    /// keys hold the partition key, a visit key is unique within a county for a draw, and each row's
    /// link to its visit, part or inspection holds the county too, which keeps a visit's rows in one
    /// city. The model is unchanged.
    /// </summary>
    public partial class InspectionsPartitionedByRegion : Migration
    {
        /// <summary>The tables, parents before children, and whether each has an identity column "Id".</summary>
        private static readonly (string Name, bool Identity)[] Tables =
        [
            ("visits", true), ("visit_departments", true), ("visit_items", false), ("visit_inspectors", false),
            ("inspections", true), ("inspection_item_results", true),
        ];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // As for the registry and the samples: PostgreSQL cannot turn a table into a partitioned one
            // in place, so the rows move to new tables; each identity's sequence goes on from the last id.
            migrationBuilder.Sql(Rebuild("partitioned", """PARTITION BY RANGE ("CountyCode")""") + Keys(partitioned: true));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Only while every partition is local: a foreign one is first brought back by the operator.
            migrationBuilder.Sql(Rebuild("whole", string.Empty) + Keys(partitioned: false));
        }

        /// <summary>The keys, indexes and links; on the partitioned tables each key and link holds the county.</summary>
        private static string Keys(bool partitioned)
        {
            string With(string columns) => partitioned ? columns + ", \"CountyCode\"" : columns;
            return $"""
                ALTER TABLE visits ADD CONSTRAINT "PK_visits" PRIMARY KEY ({With("\"Id\"")});
                CREATE UNIQUE INDEX "IX_visits_VisitKey_DrawId" ON visits ({With("\"VisitKey\", \"DrawId\"")});
                CREATE INDEX "IX_visits_CreditCode_Date" ON visits ("CreditCode", "Date");
                CREATE INDEX "IX_visits_Date" ON visits ("Date");
                ALTER TABLE visit_departments ADD CONSTRAINT "PK_visit_departments" PRIMARY KEY ({With("\"Id\"")});
                CREATE INDEX "IX_visit_departments_VisitId" ON visit_departments ("VisitId");
                ALTER TABLE visit_items ADD CONSTRAINT "PK_visit_items" PRIMARY KEY ({With("\"VisitDepartmentId\", \"Position\"")});
                ALTER TABLE visit_inspectors ADD CONSTRAINT "PK_visit_inspectors" PRIMARY KEY ({With("\"VisitDepartmentId\", \"Position\"")});
                CREATE INDEX "IX_visit_inspectors_InspectorId_VisitId" ON visit_inspectors ("InspectorId", "VisitId");
                CREATE INDEX "IX_visit_inspectors_VisitId" ON visit_inspectors ("VisitId");
                ALTER TABLE inspections ADD CONSTRAINT "PK_inspections" PRIMARY KEY ({With("\"Id\"")});
                CREATE INDEX "IX_inspections_CreditCode_Date" ON inspections ("CreditCode", "Date");
                CREATE INDEX "IX_inspections_Date_DepartmentId" ON inspections ("Date", "DepartmentId");
                CREATE INDEX "IX_inspections_Unpublished" ON inspections ("PublicationDue", "Date", "DepartmentId") WHERE "PublishedAtUtc" IS NULL;
                CREATE INDEX "IX_inspections_VisitKey" ON inspections ("VisitKey");
                ALTER TABLE inspection_item_results ADD CONSTRAINT "PK_inspection_item_results" PRIMARY KEY ({With("\"Id\"")});
                CREATE INDEX "IX_inspection_item_results_InspectionId" ON inspection_item_results ("InspectionId");
                CREATE INDEX "IX_inspection_item_results_Problems" ON inspection_item_results ("InspectionId") WHERE "Outcome" = 'problem';
                ALTER TABLE visit_departments ADD CONSTRAINT "FK_visit_departments_visits_VisitId"
                    FOREIGN KEY ({With("\"VisitId\"")}) REFERENCES visits ({With("\"Id\"")}) ON DELETE CASCADE;
                ALTER TABLE visit_items ADD CONSTRAINT "FK_visit_items_visit_departments_VisitDepartmentId"
                    FOREIGN KEY ({With("\"VisitDepartmentId\"")}) REFERENCES visit_departments ({With("\"Id\"")}) ON DELETE CASCADE;
                ALTER TABLE visit_inspectors ADD CONSTRAINT "FK_visit_inspectors_visit_departments_VisitDepartmentId"
                    FOREIGN KEY ({With("\"VisitDepartmentId\"")}) REFERENCES visit_departments ({With("\"Id\"")}) ON DELETE CASCADE;
                ALTER TABLE visit_inspectors ADD CONSTRAINT "FK_visit_inspectors_visits_VisitId"
                    FOREIGN KEY ({With("\"VisitId\"")}) REFERENCES visits ({With("\"Id\"")}) ON DELETE CASCADE;
                ALTER TABLE inspection_item_results ADD CONSTRAINT "FK_inspection_item_results_inspections_InspectionId"
                    FOREIGN KEY ({With("\"InspectionId\"")}) REFERENCES inspections ({With("\"Id\"")}) ON DELETE CASCADE;

                """;
        }

        /// <summary>The tables rebuilt as <paramref name="suffix"/> tables (partitioned with a default partition, or whole), their rows copied, then renamed back.</summary>
        private static string Rebuild(string suffix, string partitioning)
        {
            var sql = new System.Text.StringBuilder();
            foreach (var (table, _) in Tables)
            {
                sql.Append($"""
                    CREATE TABLE {table}_{suffix} (LIKE {table} INCLUDING DEFAULTS INCLUDING IDENTITY INCLUDING STORAGE) {partitioning};

                    """);
                if (partitioning.Length > 0)
                {
                    sql.Append($"""
                        CREATE TABLE {table}_default PARTITION OF {table}_{suffix} DEFAULT;

                        """);
                }

                sql.Append($"""
                    INSERT INTO {table}_{suffix} SELECT * FROM {table};

                    """);
            }

            sql.Append($"""
                DROP TABLE {string.Join(", ", Tables.Select(t => t.Name))};

                """);
            foreach (var (table, identity) in Tables)
            {
                sql.Append($"""
                    ALTER TABLE {table}_{suffix} RENAME TO {table};

                    """);
                if (identity)
                {
                    sql.Append($"""
                        ALTER SEQUENCE "{table}_{suffix}_Id_seq" RENAME TO "{table}_Id_seq";
                        SELECT setval('"{table}_Id_seq"', COALESCE((SELECT max("Id") FROM {table}), 0) + 1, false);

                        """);
                }
            }

            return sql.ToString();
        }
    }
}
