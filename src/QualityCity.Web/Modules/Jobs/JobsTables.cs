using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QualityCity.Web.Modules.Jobs.Contracts;

namespace QualityCity.Web.Modules.Jobs;

/// <summary>The <c>background_jobs</c> table.</summary>
public sealed class BackgroundJobConfiguration : IEntityTypeConfiguration<BackgroundJob>
{
    public void Configure(EntityTypeBuilder<BackgroundJob> builder)
    {
        builder.ToTable("background_jobs");
        builder.Property(x => x.Kind).HasMaxLength(32);
        builder.Property(x => x.State).HasMaxLength(16);
        builder.Property(x => x.StartedBy).HasMaxLength(256);
        builder.Property(x => x.Culture).HasMaxLength(16);
        builder.Property(x => x.Message).HasMaxLength(2000);
        // The worker takes the oldest queued job; a start looks for the running ones.
        builder.HasIndex(x => new { x.State, x.QueuedAtUtc });
        // A page lists the latest jobs of its kind.
        builder.HasIndex(x => new { x.Kind, x.QueuedAtUtc });
    }
}
