using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace QualityCity.Web.Data.Migrations.Postgres
{
    /// <summary>
    /// The product-quality facts partitioned by region on PostgreSQL, as the registry is (ADR 0047,
    /// ADR 0050): <c>samples</c> and <c>sample_item_results</c> become tables partitioned by range of
    /// <c>CountyCode</c> (a result carries its sample's county already, for the map), with a default
    /// partition that holds every row until <c>registry partition --city</c> carves a city's partitions
    /// of the registry and of both tables together. The keys hold the partition key: (Id, CountyCode)
    /// for both, a sample number unique within a county, and a result's link to its sample
    /// (SampleId, CountyCode), which keeps a result in the same city as its sample. The model is unchanged.
    /// </summary>
    public partial class QualityPartitionedByRegion : Migration
    {
        private const string Keys = """
            ALTER TABLE samples ADD CONSTRAINT "PK_samples" PRIMARY KEY ("Id", "CountyCode");
            CREATE UNIQUE INDEX "IX_samples_SampleNo" ON samples ("SampleNo", "CountyCode");
            CREATE INDEX "IX_samples_Industry_SampledOn" ON samples ("Industry", "SampledOn");
            CREATE INDEX "IX_samples_ProducerCreditCode_ProductCategory" ON samples ("ProducerCreditCode", "ProductCategory");
            CREATE INDEX "IX_samples_ProductCategory_CountyCode_SampledOn" ON samples ("ProductCategory", "CountyCode", "SampledOn");
            CREATE INDEX "IX_samples_TaskId" ON samples ("TaskId");
            ALTER TABLE sample_item_results ADD CONSTRAINT "PK_sample_item_results" PRIMARY KEY ("Id", "CountyCode");
            CREATE INDEX "IX_sample_item_results_SampleId" ON sample_item_results ("SampleId");
            CREATE INDEX "IX_sample_item_results_map_key" ON sample_item_results ("ProductCategory", "CountyCode", "Year", "ItemCode", "Published", "Passed");
            ALTER TABLE sample_item_results ADD CONSTRAINT "FK_sample_item_results_samples_SampleId"
                FOREIGN KEY ("SampleId", "CountyCode") REFERENCES samples ("Id", "CountyCode") ON DELETE CASCADE;
            """;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // As for the registry: PostgreSQL cannot turn a table into a partitioned one in place, so the
            // rows move to new tables; each identity's sequence goes on from the last id.
            migrationBuilder.Sql(Rebuild("partitioned", """PARTITION BY RANGE ("CountyCode")""") + Keys);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Only while every partition is local: a foreign one is first brought back by the operator.
            migrationBuilder.Sql(Rebuild("whole", string.Empty) + Keys
                .Replace("""PRIMARY KEY ("Id", "CountyCode")""", """PRIMARY KEY ("Id")""", StringComparison.Ordinal)
                .Replace("""("SampleNo", "CountyCode")""", """("SampleNo")""", StringComparison.Ordinal)
                .Replace("""FOREIGN KEY ("SampleId", "CountyCode") REFERENCES samples ("Id", "CountyCode")""", """FOREIGN KEY ("SampleId") REFERENCES samples ("Id")""",
                    StringComparison.Ordinal));
        }

        /// <summary>Both tables rebuilt as <paramref name="suffix"/> tables (partitioned with a default partition, or whole), their rows copied, then renamed back.</summary>
        private static string Rebuild(string suffix, string partitioning)
        {
            var sql = new System.Text.StringBuilder();
            foreach (var table in new[] { "samples", "sample_item_results" })
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

            sql.Append("""
                DROP TABLE sample_item_results;
                DROP TABLE samples;

                """);
            foreach (var table in new[] { "samples", "sample_item_results" })
            {
                sql.Append($"""
                    ALTER TABLE {table}_{suffix} RENAME TO {table};
                    ALTER SEQUENCE "{table}_{suffix}_Id_seq" RENAME TO "{table}_Id_seq";
                    SELECT setval('"{table}_Id_seq"', COALESCE((SELECT max("Id") FROM {table}), 0) + 1, false);

                    """);
            }

            return sql.ToString();
        }
    }
}
