using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QualityCity.Web.Modules.Services.Standards;

namespace QualityCity.Web.Modules.Services;

// The Services module's tables: applied by QualityCityDbContext with the other modules' configurations.

internal sealed class StandardTable : IEntityTypeConfiguration<Standard>
{
    public void Configure(EntityTypeBuilder<Standard> e)
    {
        e.ToTable("standards");
        e.HasIndex(x => x.NumberKey).IsUnique();
        e.HasIndex(x => x.ChangeSeq);
        e.Property(x => x.Number).HasMaxLength(64);
        e.Property(x => x.NumberKey).HasMaxLength(64);
        e.Property(x => x.Type).HasMaxLength(16);
        e.Property(x => x.TitleZh).HasMaxLength(Domain.Services.Standards.StandardRowParser.MaxTitleLength);
        e.Property(x => x.TitleEn).HasMaxLength(Domain.Services.Standards.StandardRowParser.MaxTitleLength);
        e.Property(x => x.RecordedStatus).HasMaxLength(8);
        e.Property(x => x.Ccs).HasMaxLength(8);
        e.Property(x => x.Ics).HasMaxLength(200);
        e.Property(x => x.Replaces).HasMaxLength(1000);
        e.Property(x => x.ReplacedBy).HasMaxLength(1000);
        e.Property(x => x.Body).HasMaxLength(Domain.Services.Standards.StandardRowParser.MaxNameLength);
        e.Property(x => x.Committee).HasMaxLength(Domain.Services.Standards.StandardRowParser.MaxNameLength);
        e.Property(x => x.Cluster).HasMaxLength(Domain.Services.Standards.StandardRowParser.MaxNameLength);
    }
}

internal sealed class StandardSupersessionTable : IEntityTypeConfiguration<StandardSupersession>
{
    public void Configure(EntityTypeBuilder<StandardSupersession> e)
    {
        e.ToTable("standard_supersessions");
        e.HasIndex(x => x.StandardId);
        e.HasIndex(x => x.OldKey);
        e.HasIndex(x => x.NewKey);
        e.HasOne<Standard>().WithMany().HasForeignKey(x => x.StandardId).OnDelete(DeleteBehavior.Cascade);
        e.Property(x => x.OldKey).HasMaxLength(64);
        e.Property(x => x.NewKey).HasMaxLength(64);
        e.Property(x => x.OldNumber).HasMaxLength(64);
        e.Property(x => x.NewNumber).HasMaxLength(64);
    }
}
