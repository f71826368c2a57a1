using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QualityCity.Web.Modules.Audit.Checkpoints;

namespace QualityCity.Web.Modules.Audit;

// The Audit module's tables: applied by QualityCityDbContext with the other modules' configurations.

internal sealed class AuditEntryTable : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> e)
    {
        e.ToTable("audit_log");
        e.HasKey(x => x.Sequence);
        e.Property(x => x.Sequence).ValueGeneratedNever();
        e.Property(x => x.KeyId).HasMaxLength(8);
    }
}

internal sealed class AuditCheckpointRecordTable : IEntityTypeConfiguration<AuditCheckpointRecord>
{
    public void Configure(EntityTypeBuilder<AuditCheckpointRecord> e)
    {
        e.ToTable("audit_checkpoints");
        e.HasIndex(x => x.Sequence);
        e.Property(x => x.HeadHash).HasMaxLength(64);
        e.Property(x => x.KeyId).HasMaxLength(8);
    }
}
