using QualityCity.Domain.Common;
using QualityCity.Web.Data;
using QualityCity.Web.Modules.Audit.Contracts;
using QualityCity.Web.Modules.Registry.Contracts;
using QualityCity.Web.Modules.Services.Standards;

namespace QualityCity.Web.Demo;

/// <summary>
/// The demo city's standards library: the real records of <c>Demo/Standards/real-standards.csv</c>
/// (the wire and cable, bearing, food-labelling and test-method standards the demo's sampling cites,
/// the credit-code standard …) and synthetic records up to <c>Demo:Standards</c> (80,000 by default,
/// as seed 001's library), marked synthetic on every page. Both go through the standards import, so
/// the demo exercises the same path as a bureau's first upload; one audit entry records the load.
/// </summary>
public static class DemoLibrary
{
    /// <summary>How many records the demo's library holds unless <c>Demo:Standards</c> says otherwise.</summary>
    public const int DefaultSize = 80_000;

    public static string RealRecordsPath => Path.Combine(AppContext.BaseDirectory, "Demo", "Standards", "real-standards.csv");

    public static async Task<(int Real, int Synthetic)> LoadAsync(IServiceProvider services, QualityCityDbContext db, int size, string seed, CancellationToken cancellationToken)
    {
        var import = ActivatorUtilities.CreateInstance<StandardsImport>(services, db);
        import.AuditBatches = false;
        int real;
        using (var file = RegistryFileReader.Open(RealRecordsPath))
        {
            real = (await import.ImportAsync(file, "system", cancellationToken)).Inserted;
        }

        import.IsSynthetic = true;
        var synthetic = (await import.ImportRecordsAsync(DemoStandards.Synthetic(Math.Max(0, size - real), SplitMix64.FromString(seed + "/standards").NextUInt64()),
            "system", cancellationToken)).Inserted;
        await services.GetRequiredService<IAuditTrail>().AppendAsync(db, "system",
            [new AuditDraft("demo.standards", "DemoCity", string.Empty, $"{{\"real\":{real},\"synthetic\":{synthetic}}}")], cancellationToken);
        return (real, synthetic);
    }
}
