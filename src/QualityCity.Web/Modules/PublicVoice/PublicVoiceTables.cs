using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace QualityCity.Web.Modules.PublicVoice;

// The PublicVoice module's tables: applied by QualityCityDbContext with the other modules' configurations.

internal sealed class VoiceItemTable : IEntityTypeConfiguration<VoiceItem>
{
    public const int MaxDescription = 4000;

    public void Configure(EntityTypeBuilder<VoiceItem> e)
    {
        e.ToTable("voice_items");
        e.HasIndex(x => x.TrackingCode).IsUnique();
        // The hotline's order id (and any other source's id) names one item: a second import finds it.
        e.HasIndex(x => new { x.Source, x.ExternalId }).IsUnique().HasFilter("\"ExternalId\" IS NOT NULL");
        e.HasIndex(x => new { x.State, x.DeadlineUtc });
        e.HasIndex(x => new { x.AssignedDepartment, x.State });
        e.HasIndex(x => new { x.CountyCode, x.ReceivedAtUtc });
        e.HasIndex(x => x.CreditCode);
        // The items merged into one (并单), read with it.
        e.HasIndex(x => x.MergedInto);
        e.Property(x => x.TrackingCode).HasMaxLength(16);
        e.Property(x => x.Kind).HasMaxLength(16);
        e.Property(x => x.Channel).HasMaxLength(16);
        e.Property(x => x.Source).HasMaxLength(32);
        e.Property(x => x.ExternalId).HasMaxLength(64);
        e.Property(x => x.CategoryCode).HasMaxLength(32);
        e.Property(x => x.CountyCode).HasMaxLength(12);
        e.Property(x => x.Township).HasMaxLength(100);
        e.Property(x => x.Address).HasMaxLength(300);
        e.Property(x => x.CreditCode).HasMaxLength(18);
        e.Property(x => x.EntityName).HasMaxLength(200);
        e.Property(x => x.Description).HasMaxLength(MaxDescription);
        e.Property(x => x.ContactName).HasMaxLength(100);
        e.Property(x => x.ContactPhone).HasMaxLength(40);
        e.Property(x => x.ContactEmail).HasMaxLength(200);
        e.Property(x => x.State).HasMaxLength(16);
        e.Property(x => x.AssignedDepartment).HasMaxLength(32);
        e.Property(x => x.ReturnedBy).HasMaxLength(400);
        e.Property(x => x.LastReason).HasMaxLength(1000);
        e.Property(x => x.Extension).HasMaxLength(16);
        e.Property(x => x.ExtensionReason).HasMaxLength(1000);
        e.Property(x => x.PublicAnswer).HasMaxLength(MaxDescription);
        e.Property(x => x.FollowUpMethod).HasMaxLength(8);
        e.Property(x => x.FollowUpBy).HasMaxLength(100);
        e.Property(x => x.FollowUpResult).HasMaxLength(1000);
        e.Property(x => x.Rating).HasMaxLength(24);
        e.Property(x => x.MergedInto).HasMaxLength(16);
        e.Property(x => x.DeadlineUnit).HasMaxLength(16);
        e.Property(x => x.DeadlineStep).HasMaxLength(16);
        e.Property(x => x.PosterCode).HasMaxLength(16);
    }
}

internal sealed class VoiceItemEventTable : IEntityTypeConfiguration<VoiceItemEvent>
{
    public void Configure(EntityTypeBuilder<VoiceItemEvent> e)
    {
        e.ToTable("voice_item_events");
        e.HasIndex(x => new { x.ItemId, x.AtUtc });
        e.HasOne<VoiceItem>().WithMany().HasForeignKey(x => x.ItemId).OnDelete(DeleteBehavior.Cascade);
        e.Property(x => x.CountyCode).HasMaxLength(12);
        e.Property(x => x.Actor).HasMaxLength(256);
        e.Property(x => x.Action).HasMaxLength(24);
        e.Property(x => x.FromState).HasMaxLength(16);
        e.Property(x => x.ToState).HasMaxLength(16);
        e.Property(x => x.Department).HasMaxLength(32);
        e.Property(x => x.Note).HasMaxLength(VoiceItemTable.MaxDescription);
    }
}

internal sealed class VoicePhotoTable : IEntityTypeConfiguration<VoicePhoto>
{
    public void Configure(EntityTypeBuilder<VoicePhoto> e)
    {
        e.ToTable("voice_photos");
        e.HasIndex(x => x.ItemId);
        e.HasOne<VoiceItem>().WithMany().HasForeignKey(x => x.ItemId).OnDelete(DeleteBehavior.Cascade);
        e.Property(x => x.CountyCode).HasMaxLength(12);
        e.Property(x => x.ContentType).HasMaxLength(32);
        e.Property(x => x.Sha256).HasMaxLength(64);
    }
}

internal sealed class VoiceCategoryTable : IEntityTypeConfiguration<VoiceCategory>
{
    public void Configure(EntityTypeBuilder<VoiceCategory> e)
    {
        e.ToTable("voice_categories");
        e.HasKey(x => x.Code);
        e.HasIndex(x => x.ParentCode);
        e.Property(x => x.Code).HasMaxLength(32);
        e.Property(x => x.ParentCode).HasMaxLength(32);
        e.Property(x => x.Name).HasMaxLength(100);
        e.Property(x => x.NameEn).HasMaxLength(200);
        e.Property(x => x.DefaultDepartment).HasMaxLength(32);
    }
}

internal sealed class Open311ApiKeyTable : IEntityTypeConfiguration<Open311ApiKey>
{
    public void Configure(EntityTypeBuilder<Open311ApiKey> e)
    {
        e.ToTable("voice_open311_keys");
        e.HasIndex(x => x.KeyHash).IsUnique();
        e.Property(x => x.Name).HasMaxLength(100);
        e.Property(x => x.KeyHash).HasMaxLength(64);
        e.Property(x => x.CreatedBy).HasMaxLength(256);
        e.Property(x => x.RevokedBy).HasMaxLength(256);
    }
}

internal sealed class Open311RequestTable : IEntityTypeConfiguration<Open311Request>
{
    public void Configure(EntityTypeBuilder<Open311Request> e)
    {
        e.ToTable("voice_open311_requests");
        e.HasKey(x => x.ItemId);
        e.HasOne<VoiceItem>().WithOne().HasForeignKey<Open311Request>(x => x.ItemId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Open311ApiKey>().WithMany().HasForeignKey(x => x.ApiKeyId).OnDelete(DeleteBehavior.SetNull);
        e.Property(x => x.MediaUrl).HasMaxLength(1000);
        e.Property(x => x.AddressId).HasMaxLength(100);
        e.Property(x => x.Attributes).HasMaxLength(4000);
    }
}

internal sealed class VoiceRoutingRuleTable : IEntityTypeConfiguration<VoiceRoutingRule>
{
    public void Configure(EntityTypeBuilder<VoiceRoutingRule> e)
    {
        e.ToTable("voice_routing_rules");
        e.HasIndex(x => new { x.Sort, x.Id });
        e.Property(x => x.Name).HasMaxLength(100);
        e.Property(x => x.Category).HasMaxLength(33);
        e.Property(x => x.CountyCode).HasMaxLength(13);
        e.Property(x => x.Industry).HasMaxLength(9);
        e.Property(x => x.Department).HasMaxLength(32);
    }
}

internal sealed class VoiceRoutingModelTable : IEntityTypeConfiguration<VoiceRoutingModel>
{
    public void Configure(EntityTypeBuilder<VoiceRoutingModel> e)
    {
        e.ToTable("voice_routing_models");
        e.HasIndex(x => x.TrainedAtUtc);
        e.Property(x => x.TrainedBy).HasMaxLength(256);
    }
}

internal sealed class VoicePosterTable : IEntityTypeConfiguration<VoicePoster>
{
    public void Configure(EntityTypeBuilder<VoicePoster> e)
    {
        e.ToTable("voice_posters");
        e.HasIndex(x => x.Code).IsUnique();
        e.HasIndex(x => x.TargetKey).IsUnique();
        e.Property(x => x.Code).HasMaxLength(16);
        e.Property(x => x.Target).HasMaxLength(16);
        e.Property(x => x.TargetKey).HasMaxLength(600);
        e.Property(x => x.CountyCode).HasMaxLength(12);
        e.Property(x => x.Township).HasMaxLength(100);
        e.Property(x => x.Address).HasMaxLength(300);
        e.Property(x => x.DepartmentCode).HasMaxLength(32);
        e.Property(x => x.CreditCode).HasMaxLength(18);
        e.Property(x => x.CategoryCode).HasMaxLength(32);
        e.Property(x => x.CreatedBy).HasMaxLength(256);
    }
}

internal sealed class VoiceSurveyTable : IEntityTypeConfiguration<VoiceSurvey>
{
    public void Configure(EntityTypeBuilder<VoiceSurvey> e)
    {
        e.ToTable("voice_surveys");
        e.HasIndex(x => x.Seed).IsUnique().HasFilter("\"Seed\" IS NOT NULL");
        e.Property(x => x.Title).HasMaxLength(200);
        e.Property(x => x.QuestionsJson).HasMaxLength(20000);
        e.Property(x => x.DepartmentsJson).HasMaxLength(4000);
        e.Property(x => x.PoolDigest).HasMaxLength(64);
        e.Property(x => x.Status).HasMaxLength(16);
        e.Property(x => x.Seed).HasMaxLength(64);
        e.Property(x => x.CreatedBy).HasMaxLength(256);
        e.Property(x => x.DrawnBy).HasMaxLength(256);
    }
}

internal sealed class VoiceSurveySampleTable : IEntityTypeConfiguration<VoiceSurveySample>
{
    public void Configure(EntityTypeBuilder<VoiceSurveySample> e)
    {
        e.ToTable("voice_survey_samples");
        e.HasIndex(x => new { x.SurveyId, x.CreditCode }).IsUnique();
        e.HasOne<VoiceSurvey>().WithMany().HasForeignKey(x => x.SurveyId).OnDelete(DeleteBehavior.Cascade);
        e.Property(x => x.CreditCode).HasMaxLength(18);
        e.Property(x => x.Ticket).HasMaxLength(64);
    }
}

internal sealed class VoiceSurveyResponseTable : IEntityTypeConfiguration<VoiceSurveyResponse>
{
    public void Configure(EntityTypeBuilder<VoiceSurveyResponse> e)
    {
        e.ToTable("voice_survey_responses");
        // One answer per enterprise account: a second one is refused by the database too.
        e.HasIndex(x => new { x.SurveyId, x.UserName }).IsUnique();
        e.HasOne<VoiceSurvey>().WithMany().HasForeignKey(x => x.SurveyId).OnDelete(DeleteBehavior.Cascade);
        e.Property(x => x.UserName).HasMaxLength(256);
        e.Property(x => x.CreditCode).HasMaxLength(18);
    }
}

internal sealed class VoiceSurveyScoreTable : IEntityTypeConfiguration<VoiceSurveyScore>
{
    public void Configure(EntityTypeBuilder<VoiceSurveyScore> e)
    {
        e.ToTable("voice_survey_scores");
        e.HasIndex(x => new { x.SurveyId, x.Department, x.Question });
        e.HasOne<VoiceSurvey>().WithMany().HasForeignKey(x => x.SurveyId).OnDelete(DeleteBehavior.Cascade);
        e.Property(x => x.Department).HasMaxLength(32);
    }
}

internal sealed class VoiceForwardTable : IEntityTypeConfiguration<VoiceForward>
{
    public void Configure(EntityTypeBuilder<VoiceForward> e)
    {
        e.ToTable("voice_forwards");
        // One forward per item: the enterprise concerned is the item's.
        e.HasIndex(x => x.ItemId).IsUnique();
        e.HasIndex(x => new { x.CreditCode, x.ForwardedAtUtc });
        e.HasOne<VoiceItem>().WithMany().HasForeignKey(x => x.ItemId).OnDelete(DeleteBehavior.Cascade);
        e.Property(x => x.CreditCode).HasMaxLength(18);
        e.Property(x => x.Department).HasMaxLength(32);
        e.Property(x => x.Note).HasMaxLength(1000);
        e.Property(x => x.ForwardedBy).HasMaxLength(256);
        e.Property(x => x.Reply).HasMaxLength(VoiceItemTable.MaxDescription);
        e.Property(x => x.RepliedBy).HasMaxLength(256);
    }
}

internal sealed class VoiceLeadTable : IEntityTypeConfiguration<VoiceLead>
{
    public void Configure(EntityTypeBuilder<VoiceLead> e)
    {
        e.ToTable("voice_leads");
        e.HasIndex(x => x.ItemId).IsUnique();
        e.HasIndex(x => new { x.Status, x.MarkedAtUtc });
        e.HasOne<VoiceItem>().WithMany().HasForeignKey(x => x.ItemId).OnDelete(DeleteBehavior.Cascade);
        e.Property(x => x.Kind).HasMaxLength(24);
        e.Property(x => x.Owner).HasMaxLength(100);
        e.Property(x => x.Status).HasMaxLength(16);
        e.Property(x => x.Note).HasMaxLength(1000);
        e.Property(x => x.MarkedBy).HasMaxLength(256);
    }
}

internal sealed class VoiceSuggestionOutcomeTable : IEntityTypeConfiguration<VoiceSuggestionOutcome>
{
    public void Configure(EntityTypeBuilder<VoiceSuggestionOutcome> e)
    {
        e.ToTable("voice_suggestion_outcomes");
        e.HasIndex(x => x.ItemId).IsUnique();
        e.HasIndex(x => x.DecidedAtUtc);
        e.HasOne<VoiceItem>().WithMany().HasForeignKey(x => x.ItemId).OnDelete(DeleteBehavior.Cascade);
        e.Property(x => x.Outcome).HasMaxLength(24);
        e.Property(x => x.PublicTitle).HasMaxLength(100);
        e.Property(x => x.PublicReason).HasMaxLength(2000);
        e.Property(x => x.DecidedBy).HasMaxLength(256);
    }
}

internal sealed class VoicePolicyTaskTable : IEntityTypeConfiguration<VoicePolicyTask>
{
    public void Configure(EntityTypeBuilder<VoicePolicyTask> e)
    {
        e.ToTable("voice_policy_tasks");
        e.HasIndex(x => x.ItemId).IsUnique();
        e.HasIndex(x => new { x.OwnerDepartment, x.Status });
        e.HasOne<VoiceItem>().WithMany().HasForeignKey(x => x.ItemId).OnDelete(DeleteBehavior.Cascade);
        e.Property(x => x.OwnerDepartment).HasMaxLength(32);
        e.Property(x => x.Actions).HasMaxLength(2000);
        e.Property(x => x.Status).HasMaxLength(16);
    }
}

internal sealed class VoiceConversionTable : IEntityTypeConfiguration<VoiceConversion>
{
    public void Configure(EntityTypeBuilder<VoiceConversion> e)
    {
        e.ToTable("voice_conversions");
        e.HasIndex(x => new { x.ItemId, x.Kind }).IsUnique();
        // The risk grading asks for the verified complaints of one enterprise, or all, since a day.
        e.HasIndex(x => new { x.Kind, x.CreditCode, x.AtUtc });
        e.HasOne<VoiceItem>().WithMany().HasForeignKey(x => x.ItemId).OnDelete(DeleteBehavior.Cascade);
        e.Property(x => x.Kind).HasMaxLength(24);
        e.Property(x => x.CreditCode).HasMaxLength(18);
        e.Property(x => x.Reference).HasMaxLength(64);
        e.Property(x => x.Note).HasMaxLength(1000);
        e.Property(x => x.By).HasMaxLength(256);
    }
}
