using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QualityCity.Web.Modules.ReferenceData.Contracts;

namespace QualityCity.Web.Modules.ReferenceData;

// The ReferenceData module's tables: applied by QualityCityDbContext with the other modules' configurations.

internal sealed class RegionTable : IEntityTypeConfiguration<Region>
{
    public void Configure(EntityTypeBuilder<Region> e)
    {
        e.ToTable("regions");
        e.HasKey(x => x.Code);
        e.HasIndex(x => x.ParentCode);
    }
}

internal sealed class IndustryTable : IEntityTypeConfiguration<Industry>
{
    public void Configure(EntityTypeBuilder<Industry> e)
    {
        e.ToTable("industries");
        e.HasKey(x => x.Code);
    }
}

internal sealed class IndustryChainTable : IEntityTypeConfiguration<IndustryChain>
{
    public void Configure(EntityTypeBuilder<IndustryChain> e)
    {
        e.ToTable("industry_chains");
        e.HasKey(x => x.Code);
    }
}

internal sealed class IndustryChainLinkTable : IEntityTypeConfiguration<IndustryChainLink>
{
    public void Configure(EntityTypeBuilder<IndustryChainLink> e)
    {
        e.ToTable("industry_chain_links");
        e.HasIndex(x => x.ChainCode);
    }
}

internal sealed class HolidayEntryTable : IEntityTypeConfiguration<HolidayEntry>
{
    public void Configure(EntityTypeBuilder<HolidayEntry> e)
    {
        e.ToTable("holidays");
        e.HasKey(x => x.Date);
    }
}
