using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using QualityCity.Web.Data;

namespace QualityCity.Web.Hosting;

/// <summary>
/// Whether the database answers: a pooled connection of the platform's context runs <c>SELECT 1</c>.
/// Nothing heavier, because load balancers call it every few seconds, also while the server streams
/// exports and imports; no table is read, so no lock of an import can hold it up.
/// </summary>
internal sealed class DatabaseHealthCheck(QualityCityDbContext db) : IHealthCheck
{
    public const string Name = "database";

    /// <summary>A database that takes longer than this to answer SELECT 1 is as good as down for the pages.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            try
            {
                await using var command = db.Database.GetDbConnection().CreateCommand();
                command.CommandText = "SELECT 1";
                command.CommandTimeout = (int)Math.Ceiling(Timeout.TotalSeconds);
                await command.ExecuteScalarAsync(cancellationToken);
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }

            return HealthCheckResult.Healthy();
        }
        catch (DbException ex)
        {
            // The exception goes to the server's log only; the endpoint answers with the status alone.
            return HealthCheckResult.Unhealthy("the database did not answer", ex);
        }
    }
}
