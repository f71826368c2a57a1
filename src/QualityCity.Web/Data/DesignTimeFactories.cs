using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using QualityCity.Web.Modules.Audit;

namespace QualityCity.Web.Data;

// Used only by `dotnet ef migrations add`: each provider's migrations are generated from its own
// context type, so the two sets never mix (docs/decisions/0003-two-migration-sets.md). Nothing is
// written at design time, so the audit log gets a throw-away chain key and a clock that is never read.

internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteQualityCityDbContext>
{
    public SqliteQualityCityDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteQualityCityDbContext>()
            .UseSqlite("Data Source=design-time.db", o => o.MigrationsAssembly(typeof(QualityCityDbContext).Assembly.FullName))
            .Options, DesignTimeAudit.Log());
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresQualityCityDbContext>
{
    public PostgresQualityCityDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresQualityCityDbContext>()
            .UseNpgsql("Host=localhost;Database=design_time")
            .Options, DesignTimeAudit.Log());
}

internal static class DesignTimeAudit
{
    public static AuditLog Log() =>
        new(new Lazy<AuditChainKeyRing>(new AuditChainKeyRing([System.Security.Cryptography.RandomNumberGenerator.GetBytes(Domain.Audit.AuditChain.MinimumKeyBytes)], "design time")),
            new Hosting.PlatformClock(new NoClock()));

    /// <summary>Design time saves nothing, so nothing may ask it the time.</summary>
    private sealed class NoClock : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => throw new InvalidOperationException("nothing is written at design time, so nothing reads the clock");
    }
}
