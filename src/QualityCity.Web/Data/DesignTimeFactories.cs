using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using QualityCity.Web.Modules.Audit;

namespace QualityCity.Web.Data;

// Used only by `dotnet ef migrations add`: each provider's migrations are generated from its own
// context type, so the two sets never mix (docs/decisions/0003-two-migration-sets.md).

internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteQualityCityDbContext>
{
    public SqliteQualityCityDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteQualityCityDbContext>()
            .UseSqlite("Data Source=design-time.db", o => o.MigrationsAssembly(typeof(QualityCityDbContext).Assembly.FullName))
            .Options, new AuditLog());
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresQualityCityDbContext>
{
    public PostgresQualityCityDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresQualityCityDbContext>()
            .UseNpgsql("Host=localhost;Database=design_time")
            .Options, new AuditLog());
}
