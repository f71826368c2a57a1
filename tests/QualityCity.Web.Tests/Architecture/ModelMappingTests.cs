using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Tests.Infrastructure;

namespace QualityCity.Web.Tests.Architecture;

/// <summary>
/// Each module maps its own tables; together they must give exactly the model the migrations build,
/// on both providers, so a mapping moved between files never changes a database.
/// </summary>
public abstract class ModelMappingTests(QualityCityFactory factory) : PlatformTest(factory)
{
    [SkippableFact]
    public async Task The_modules_mappings_are_the_model_the_migrations_build()
    {
        SkipIfUnavailable();
        await using var scope = OpenDb();
        Assert.False(scope.Db.Database.HasPendingModelChanges(), "the model differs from the last migration's snapshot");
        Assert.Empty(await scope.Db.Database.GetPendingMigrationsAsync());
    }

    [SkippableFact]
    public async Task Every_table_is_mapped_by_the_module_that_owns_its_entity()
    {
        SkipIfUnavailable();
        await using var scope = OpenDb();
        var strays = scope.Db.Model.GetEntityTypes()
            .Where(e => e.ClrType.Namespace is { } ns && ns.StartsWith("QualityCity.Web.Modules.", StringComparison.Ordinal))
            // The accounts' tables are ASP.NET Core Identity's, mapped by its base context.
            .Where(e => !e.ClrType.IsAssignableTo(typeof(Microsoft.AspNetCore.Identity.IdentityUser)))
            .Select(e => (Entity: e.ClrType, Module: e.ClrType.Namespace!.Split('.')[3]))
            .Where(e => !e.Entity.Assembly.GetTypes().Any(t =>
                t.Namespace is { } ns && ns.StartsWith($"QualityCity.Web.Modules.{e.Module}", StringComparison.Ordinal)
                && t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEntityTypeConfiguration<>)
                    && i.GetGenericArguments()[0] == e.Entity)))
            .Select(e => e.Entity.FullName)
            .ToList();
        Assert.Empty(strays);
    }
}

public sealed class SqliteModelMappingTests(SqliteFactory factory) : ModelMappingTests(factory), IClassFixture<SqliteFactory>;

public sealed class PostgresModelMappingTests(PostgresFactory factory) : ModelMappingTests(factory), IClassFixture<PostgresFactory>;
