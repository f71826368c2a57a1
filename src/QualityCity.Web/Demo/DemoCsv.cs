using System.Text;
using QualityCity.Domain.Common;
using QualityCity.Web.Modules.Registry.ExportRegistry;

namespace QualityCity.Web.Demo;

/// <summary>
/// Writes a registry CSV of synthetic entities without touching a database (<c>demo --csv</c>), in
/// the import's own format, for benchmarks and trials. Rows are written as they are made: a million
/// rows need no more memory than ten. With a province (<c>--province 37</c>) the entities are spread
/// over its counties (<see cref="DemoProvince"/>).
/// </summary>
public static class DemoCsv
{
    public static async Task<long> WriteAsync(string path, int count, string seed, CancellationToken cancellationToken, string? province = null)
    {
        var generator = DemoEntityGenerator.CreateFromFiles(SplitMix64.FromString(seed));
        var spread = province is null ? null : DemoProvince.FromFiles(province);
        var placement = SplitMix64.FromString(seed + ":province");
        await using var writer = new StreamWriter(path, false, new UTF8Encoding(true), 1 << 16);
        await writer.WriteLineAsync(RegistryExporter.CsvHeader);
        for (var i = 0; i < count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var entity = generator.Next();
            await writer.WriteLineAsync(RegistryExporter.CsvLine(spread is null ? entity : spread.Rehome(entity, placement)));
        }

        return count;
    }
}
