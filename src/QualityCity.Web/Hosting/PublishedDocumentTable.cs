using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace QualityCity.Web.Hosting;

internal sealed class PublishedDocumentStampTable : IEntityTypeConfiguration<PublishedDocumentStamp>
{
    public void Configure(EntityTypeBuilder<PublishedDocumentStamp> e)
    {
        e.ToTable("published_documents");
        e.HasKey(x => x.Name);
        e.Property(x => x.Name).HasMaxLength(100);
        e.Property(x => x.Stamp).HasMaxLength(32);
    }
}
