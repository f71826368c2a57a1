using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace QualityCity.Web.Modules.Development;

internal sealed class EfficiencyFiguresTable : IEntityTypeConfiguration<Efficiency.EfficiencyFigures>
{
    public void Configure(EntityTypeBuilder<Efficiency.EfficiencyFigures> e)
    {
        e.ToTable("efficiency_figures");
        e.HasIndex(x => new { x.CreditCode, x.Year }).IsUnique();
        e.HasIndex(x => x.Year);
        e.Property(x => x.CreditCode).HasMaxLength(18);
        // 万元 and 亩 with four decimals: what statistics tables carry, and room for a million 万元.
        foreach (var figure in new[] { "LandMu", "Revenue", "Tax", "ValueAdded", "EnergyTce", "EmissionsT", "Employees", "RdSpend" })
        {
            e.Property(figure).HasPrecision(18, 4);
        }
    }
}
