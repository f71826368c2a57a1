using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using QualityCity.Web.Modules.Accounts;
using QualityCity.Web.Modules.Audit;
using QualityCity.Web.Modules.Checklists;
using QualityCity.Web.Modules.Checklists.Contracts;
using QualityCity.Web.Modules.Jobs.Contracts;
using QualityCity.Web.Modules.Organisation;
using QualityCity.Web.Modules.Organisation.Contracts;
using QualityCity.Web.Modules.Planning.Contracts;
using QualityCity.Web.Modules.ReferenceData;
using QualityCity.Web.Modules.ReferenceData.Contracts;
using QualityCity.Web.Modules.Registry;
using QualityCity.Web.Modules.Registry.Contracts;

namespace QualityCity.Web.Data;

/// <summary>
/// The one database of the platform. Provider-specific subclasses exist only so that each provider
/// has its own migration set (see docs/decisions/0003-two-migration-sets.md).
/// </summary>
public abstract class QualityCityDbContext(DbContextOptions options, AuditLog auditLog)
    : IdentityDbContext<AppUser>(options)
{
    public DbSet<MarketEntity> MarketEntities => Set<MarketEntity>();
    public DbSet<ImportJob> ImportJobs => Set<ImportJob>();
    public DbSet<Region> Regions => Set<Region>();
    public DbSet<Industry> Industries => Set<Industry>();
    public DbSet<IndustryChain> IndustryChains => Set<IndustryChain>();
    public DbSet<IndustryChainLink> IndustryChainLinks => Set<IndustryChainLink>();
    public DbSet<HolidayEntry> Holidays => Set<HolidayEntry>();
    public DbSet<Department> Departments => Set<Department>();
    public DbSet<Inspector> Inspectors => Set<Inspector>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<Modules.Audit.Checkpoints.AuditCheckpointRecord> AuditCheckpoints => Set<Modules.Audit.Checkpoints.AuditCheckpointRecord>();
    public DbSet<ChecklistItem> ChecklistItems => Set<ChecklistItem>();
    public DbSet<DepartmentRemit> DepartmentRemits => Set<DepartmentRemit>();
    public DbSet<Modules.Planning.PlanCommitment> PlanCommitments => Set<Modules.Planning.PlanCommitment>();
    public DbSet<Modules.Planning.Contracts.PlanDrawRecord> PlanDraws => Set<Modules.Planning.Contracts.PlanDrawRecord>();
    public DbSet<Modules.Planning.DrawPlan.PlanRecordPart> PlanRecordParts => Set<Modules.Planning.DrawPlan.PlanRecordPart>();
    public DbSet<Modules.Planning.PlanPoolFile> PlanPoolFiles => Set<Modules.Planning.PlanPoolFile>();
    public DbSet<Modules.Planning.PlanApproval> PlanApprovals => Set<Modules.Planning.PlanApproval>();
    public DbSet<Modules.Planning.Contracts.PlannedVisit> PlannedVisits => Set<Modules.Planning.Contracts.PlannedVisit>();
    public DbSet<Modules.Planning.Contracts.PlannedObligation> PlannedObligations => Set<Modules.Planning.Contracts.PlannedObligation>();
    public DbSet<Modules.Planning.Contracts.PlannedObligationItem> PlannedObligationItems => Set<Modules.Planning.Contracts.PlannedObligationItem>();
    public DbSet<Modules.Planning.Contracts.PlannedInspector> PlannedInspectors => Set<Modules.Planning.Contracts.PlannedInspector>();
    public DbSet<Modules.Planning.Contracts.PlannedRecognition> PlannedRecognitions => Set<Modules.Planning.Contracts.PlannedRecognition>();
    public DbSet<Modules.Planning.Contracts.PlannedCapViolation> PlannedCapViolations => Set<Modules.Planning.Contracts.PlannedCapViolation>();
    public DbSet<Modules.Planning.Contracts.PlannedUnderstaffing> PlannedUnderstaffings => Set<Modules.Planning.Contracts.PlannedUnderstaffing>();
    public DbSet<Modules.Planning.CaseInspection> CaseInspections => Set<Modules.Planning.CaseInspection>();
    public DbSet<Modules.Planning.SpecialCampaign> SpecialCampaigns => Set<Modules.Planning.SpecialCampaign>();
    public DbSet<Modules.Inspections.Inspection> Inspections => Set<Modules.Inspections.Inspection>();
    public DbSet<Modules.Inspections.Visit> Visits => Set<Modules.Inspections.Visit>();
    public DbSet<Modules.Inspections.Penalties.PenaltyExemption> PenaltyExemptions => Set<Modules.Inspections.Penalties.PenaltyExemption>();
    public DbSet<Modules.Inspections.Penalties.DiscretionBand> DiscretionBands => Set<Modules.Inspections.Penalties.DiscretionBand>();
    public DbSet<Modules.Inspections.Penalties.PenaltyDecision> PenaltyDecisions => Set<Modules.Inspections.Penalties.PenaltyDecision>();
    public DbSet<Modules.Inspections.RectificationTask> RectificationTasks => Set<Modules.Inspections.RectificationTask>();
    public DbSet<Modules.Inspections.InspectionRating> InspectionRatings => Set<Modules.Inspections.InspectionRating>();
    public DbSet<Modules.Inspections.VisitDepartment> VisitDepartments => Set<Modules.Inspections.VisitDepartment>();
    public DbSet<Modules.Inspections.VisitItem> VisitItems => Set<Modules.Inspections.VisitItem>();
    public DbSet<Modules.Inspections.VisitInspector> VisitInspectors => Set<Modules.Inspections.VisitInspector>();
    public DbSet<Modules.Inspections.InspectionItemResult> InspectionItemResults => Set<Modules.Inspections.InspectionItemResult>();
    public DbSet<Modules.Inspections.RecordResults.ResultDraft> ResultDrafts => Set<Modules.Inspections.RecordResults.ResultDraft>();
    public DbSet<Modules.Inspections.OfflineSync.SyncReceipt> SyncReceipts => Set<Modules.Inspections.OfflineSync.SyncReceipt>();
    public DbSet<Modules.Inspections.OfflineSync.InspectionSignature> InspectionSignatures => Set<Modules.Inspections.OfflineSync.InspectionSignature>();
    public DbSet<Modules.Inspections.Attachments.Attachment> Attachments => Set<Modules.Inspections.Attachments.Attachment>();
    public DbSet<Modules.Inspections.Complaints.InspectionComplaint> InspectionComplaints => Set<Modules.Inspections.Complaints.InspectionComplaint>();
    public DbSet<Modules.Inspections.Kpis.KpiInspectionDay> KpiInspectionDays => Set<Modules.Inspections.Kpis.KpiInspectionDay>();
    public DbSet<Modules.Inspections.Kpis.KpiTaskDay> KpiTaskDays => Set<Modules.Inspections.Kpis.KpiTaskDay>();
    public DbSet<Modules.Inspections.Kpis.KpiVisit> KpiVisits => Set<Modules.Inspections.Kpis.KpiVisit>();
    public DbSet<Modules.Inspections.Kpis.KpiVisitDay> KpiVisitDays => Set<Modules.Inspections.Kpis.KpiVisitDay>();
    public DbSet<Modules.Quality.ProductCategory> ProductCategories => Set<Modules.Quality.ProductCategory>();
    public DbSet<Modules.Quality.TestItemDefinition> TestItemDefinitions => Set<Modules.Quality.TestItemDefinition>();
    public DbSet<Modules.Quality.Sample> Samples => Set<Modules.Quality.Sample>();
    public DbSet<Modules.Quality.SamplingPlan> SamplingPlans => Set<Modules.Quality.SamplingPlan>();
    public DbSet<Modules.Quality.SamplingTask> SamplingTasks => Set<Modules.Quality.SamplingTask>();
    public DbSet<Modules.Quality.SampleItemResult> SampleItemResults => Set<Modules.Quality.SampleItemResult>();
    public DbSet<Modules.Quality.QualityMapCell> QualityMapCells => Set<Modules.Quality.QualityMapCell>();
    public DbSet<Modules.Quality.ImprovementPlan> ImprovementPlans => Set<Modules.Quality.ImprovementPlan>();
    public DbSet<Modules.Quality.QualityFlag> QualityFlags => Set<Modules.Quality.QualityFlag>();
    public DbSet<Modules.Quality.OriginCertification> OriginCertifications => Set<Modules.Quality.OriginCertification>();
    public DbSet<Modules.Registry.Contracts.ProductionRecord> ProductionRecords => Set<Modules.Registry.Contracts.ProductionRecord>();
    public DbSet<Modules.Registry.GradeEntities.GradeChange> GradeChanges => Set<Modules.Registry.GradeEntities.GradeChange>();
    public DbSet<Modules.Registry.GradeObjections.GradeObjection> GradeObjections => Set<Modules.Registry.GradeObjections.GradeObjection>();
    public DbSet<Hosting.PublishedDocumentStamp> PublishedDocumentStamps => Set<Hosting.PublishedDocumentStamp>();
    public DbSet<Modules.Jobs.Contracts.BackgroundJob> BackgroundJobs => Set<Modules.Jobs.Contracts.BackgroundJob>();
    public DbSet<Modules.PublicVoice.VoiceItem> VoiceItems => Set<Modules.PublicVoice.VoiceItem>();
    public DbSet<Modules.PublicVoice.VoiceItemEvent> VoiceItemEvents => Set<Modules.PublicVoice.VoiceItemEvent>();
    public DbSet<Modules.PublicVoice.VoicePhoto> VoicePhotos => Set<Modules.PublicVoice.VoicePhoto>();
    public DbSet<Modules.PublicVoice.VoiceCategory> VoiceCategories => Set<Modules.PublicVoice.VoiceCategory>();
    public DbSet<Modules.PublicVoice.Open311ApiKey> Open311ApiKeys => Set<Modules.PublicVoice.Open311ApiKey>();
    public DbSet<Modules.PublicVoice.Open311Request> Open311Requests => Set<Modules.PublicVoice.Open311Request>();
    public DbSet<Modules.PublicVoice.VoiceRoutingRule> VoiceRoutingRules => Set<Modules.PublicVoice.VoiceRoutingRule>();
    public DbSet<Modules.PublicVoice.VoiceRoutingModel> VoiceRoutingModels => Set<Modules.PublicVoice.VoiceRoutingModel>();
    public DbSet<Modules.PublicVoice.VoicePoster> VoicePosters => Set<Modules.PublicVoice.VoicePoster>();
    public DbSet<Modules.PublicVoice.VoiceSurvey> VoiceSurveys => Set<Modules.PublicVoice.VoiceSurvey>();
    public DbSet<Modules.PublicVoice.VoiceSurveySample> VoiceSurveySamples => Set<Modules.PublicVoice.VoiceSurveySample>();
    public DbSet<Modules.PublicVoice.VoiceSurveyResponse> VoiceSurveyResponses => Set<Modules.PublicVoice.VoiceSurveyResponse>();
    public DbSet<Modules.PublicVoice.VoiceSurveyScore> VoiceSurveyScores => Set<Modules.PublicVoice.VoiceSurveyScore>();
    public DbSet<Modules.PublicVoice.VoiceForward> VoiceForwards => Set<Modules.PublicVoice.VoiceForward>();
    public DbSet<Modules.PublicVoice.VoiceLead> VoiceLeads => Set<Modules.PublicVoice.VoiceLead>();
    public DbSet<Modules.PublicVoice.VoiceSuggestionOutcome> VoiceSuggestionOutcomes => Set<Modules.PublicVoice.VoiceSuggestionOutcome>();
    public DbSet<Modules.PublicVoice.VoicePolicyTask> VoicePolicyTasks => Set<Modules.PublicVoice.VoicePolicyTask>();
    public DbSet<Modules.PublicVoice.VoiceConversion> VoiceConversions => Set<Modules.PublicVoice.VoiceConversion>();
    public DbSet<Modules.Quality.SamplingLead> SamplingLeads => Set<Modules.Quality.SamplingLead>();
    public DbSet<Modules.Services.Standards.Standard> Standards => Set<Modules.Services.Standards.Standard>();
    public DbSet<Modules.Services.Standards.StandardSupersession> StandardSupersessions => Set<Modules.Services.Standards.StandardSupersession>();
    public DbSet<Modules.Services.Catalogue.CatalogueItem> CatalogueItems => Set<Modules.Services.Catalogue.CatalogueItem>();
    public DbSet<Modules.Services.IntellectualProperty.Patent> Patents => Set<Modules.Services.IntellectualProperty.Patent>();
    public DbSet<Modules.Services.IntellectualProperty.Trademark> Trademarks => Set<Modules.Services.IntellectualProperty.Trademark>();
    public DbSet<Modules.Services.IntellectualProperty.IpPledge> IpPledges => Set<Modules.Services.IntellectualProperty.IpPledge>();
    public DbSet<Modules.Services.OneWindow.Demand> Demands => Set<Modules.Services.OneWindow.Demand>();
    public DbSet<Modules.Services.OneWindow.DemandMaterialRequest> DemandMaterialRequests => Set<Modules.Services.OneWindow.DemandMaterialRequest>();
    public DbSet<Modules.Services.OneWindow.DemandEvent> DemandEvents => Set<Modules.Services.OneWindow.DemandEvent>();
    public DbSet<Modules.Development.Efficiency.EfficiencyFigures> EfficiencyFigures => Set<Modules.Development.Efficiency.EfficiencyFigures>();
    public DbSet<Modules.Development.Efficiency.EfficiencyFormulaChoice> EfficiencyFormulaChoices => Set<Modules.Development.Efficiency.EfficiencyFormulaChoice>();
    public DbSet<Modules.Development.Tiers.TierProfile> TierProfiles => Set<Modules.Development.Tiers.TierProfile>();
    public DbSet<Modules.Development.Tiers.TierRecognition> TierRecognitions => Set<Modules.Development.Tiers.TierRecognition>();
    public DbSet<Modules.Development.Commissioners.Commissioner> Commissioners => Set<Modules.Development.Commissioners.Commissioner>();
    public DbSet<Modules.Development.Commissioners.CommissionedEnterprise> CommissionedEnterprises => Set<Modules.Development.Commissioners.CommissionedEnterprise>();
    public DbSet<Modules.Development.Commissioners.CommissionerVisit> CommissionerVisits => Set<Modules.Development.Commissioners.CommissionerVisit>();
    public DbSet<Modules.Development.Commissioners.EnterpriseProblem> EnterpriseProblems => Set<Modules.Development.Commissioners.EnterpriseProblem>();
    public DbSet<Modules.Development.Chains.ChainLeadership> ChainLeaderships => Set<Modules.Development.Chains.ChainLeadership>();
    public DbSet<Modules.Development.Chains.ChainMember> ChainMembers => Set<Modules.Development.Chains.ChainMember>();
    public DbSet<Modules.Development.Chains.ChainProject> ChainProjects => Set<Modules.Development.Chains.ChainProject>();
    public DbSet<Modules.Development.Capacity.CapacityPlan> CapacityPlans => Set<Modules.Development.Capacity.CapacityPlan>();
    public DbSet<Modules.Development.Capacity.CapacityItem> CapacityItems => Set<Modules.Development.Capacity.CapacityItem>();
    public DbSet<Modules.Development.Capacity.CapacityMilestone> CapacityMilestones => Set<Modules.Development.Capacity.CapacityMilestone>();
    public DbSet<Modules.Development.Capacity.CapacityAlert> CapacityAlerts => Set<Modules.Development.Capacity.CapacityAlert>();
    public DbSet<Modules.Development.Capacity.CapacityTarget> CapacityTargets => Set<Modules.Development.Capacity.CapacityTarget>();

    /// <summary>True on PostgreSQL; raw SQL and bulk paths branch on it.</summary>
    public bool IsPostgres => Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL";

    private string? _actor;

    /// <summary>
    /// Who the audit log names for changes saved through this context: set explicitly (CLI, jobs),
    /// else the signed-in user of the current request at the time of saving, else "system". Read at
    /// save time because a request's context may be created before authentication has run (the
    /// sign-in cookie's validation uses it).
    /// </summary>
    public string Actor
    {
        get => _actor ?? CurrentUser?.Invoke() ?? "system";
        set => _actor = value;
    }

    /// <summary>The signed-in user of the current request, if any.</summary>
    public Func<string?>? CurrentUser { get; set; }

    /// <summary>The platform's clock for what this context stamps itself (published documents' versions): the audit log's, so that both agree.</summary>
    public Hosting.PlatformClock Clock => auditLog.Clock;

    /// <summary>The audit log this context writes through, for a sibling context (<see cref="OpenSibling"/>).</summary>
    protected AuditLog AuditLog => auditLog;

    /// <summary>
    /// A second context on the same database with the same settings and a connection of its own: for
    /// reading alongside a transaction this one holds open (the registry import looks the next batch's
    /// codes up while this one writes the current batch). The caller disposes it.
    /// </summary>
    public abstract QualityCityDbContext OpenSibling();

    /// <summary>
    /// Names the database this context works on (provider and connection string), read from the
    /// options it was made with, so that reading it does not start the context's services.
    /// </summary>
    public string StoreKey => _storeKey ??= _optionExtensions.OfType<Microsoft.EntityFrameworkCore.Infrastructure.RelationalOptionsExtension>().FirstOrDefault() is { } relational
        ? relational.GetType().Name + ":" + relational.ConnectionString
        : "?";

    private readonly IEnumerable<Microsoft.EntityFrameworkCore.Infrastructure.IDbContextOptionsExtension> _optionExtensions = options.Extensions;
    private string? _storeKey;

    /// <summary>Set false for bulk paths that write their own, coarser audit entries.</summary>
    public bool AuditChanges { get; set; } = true;

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // Each module maps its own tables (Modules/<Module>/<Module>Tables.cs).
        builder.ApplyConfigurationsFromAssembly(typeof(QualityCityDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every instant is UTC. SQLite hands DateTime back as Unspecified; mark it UTC on the way in
        // so that both providers return the same values (and Npgsql accepts them for timestamptz).
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        foreach (var entry in ChangeTracker.Entries<MarketEntity>())
        {
            // The search columns follow the name, address and phone; a grade or status change
            // leaves them as they are (and need not recompute the pinyin of every graded entity).
            if (entry.State is EntityState.Added
                || (entry.State is EntityState.Modified && (entry.Property(e => e.Name).IsModified || entry.Property(e => e.Address).IsModified
                                                             || entry.Property(e => e.ContactPhone).IsModified)))
            {
                Modules.Registry.SearchEntities.RegistrySearchColumns.Fill(entry.Entity);
            }
        }

        await StampPublishedDocumentsAsync(cancellationToken);
        if (!AuditChanges)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        var pending = auditLog.Capture(this);
        if (pending.Count == 0)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        return await auditLog.SaveWithAuditAsync(this, pending,
            ct => base.SaveChangesAsync(acceptAllChangesOnSuccess, ct), cancellationToken);
    }

    /// <summary>
    /// Gives every published document made of the rows being changed a new stamp, saved with the
    /// change itself: the cached file of the old stamp is then never served again (Hosting/PublishedFiles).
    /// </summary>
    private Task StampPublishedDocumentsAsync(CancellationToken cancellationToken) =>
        StampAsync(ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .SelectMany(e => Hosting.PublishedFiles.DocumentsChangedBy(e.Metadata.ClrType))
            .Distinct(StringComparer.Ordinal).ToList(), cancellationToken);

    /// <summary>
    /// New stamps for the published documents made of <paramref name="rowType"/>, saved with the next
    /// <c>SaveChanges</c>: for rows written past the change tracker (<see cref="PreparedInsert{T}"/>).
    /// </summary>
    public Task StampPublishedDocumentsForAsync(Type rowType, CancellationToken cancellationToken) =>
        StampAsync(Hosting.PublishedFiles.DocumentsChangedBy(rowType).Distinct(StringComparer.Ordinal).ToList(), cancellationToken);

    private async Task StampAsync(List<string> documents, CancellationToken cancellationToken)
    {
        foreach (var name in documents)
        {
            var stamp = await PublishedDocumentStamps.FindAsync([name], cancellationToken);
            if (stamp is null)
            {
                stamp = new Hosting.PublishedDocumentStamp { Name = name, Stamp = string.Empty };
                PublishedDocumentStamps.Add(stamp);
            }

            stamp.Stamp = Guid.NewGuid().ToString("N");
            stamp.ChangedAtUtc = Clock.UtcNow;
        }
    }

    /// <summary>Saves without capturing changes; used by the audit log for its own entries.</summary>
    internal Task<int> SaveChangesUnauditedAsync(CancellationToken cancellationToken) =>
        base.SaveChangesAsync(true, cancellationToken);

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : DateTime.SpecifyKind(v.ToUniversalTime(), DateTimeKind.Utc),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}

/// <summary>The SQLite flavour (embedded, the default).</summary>
public sealed class SqliteQualityCityDbContext(DbContextOptions<SqliteQualityCityDbContext> options, AuditLog auditLog)
    : QualityCityDbContext(options, auditLog)
{
    public override QualityCityDbContext OpenSibling() =>
        new SqliteQualityCityDbContext((DbContextOptions<SqliteQualityCityDbContext>)this.GetService<IDbContextOptions>(), AuditLog);
}

/// <summary>The PostgreSQL flavour (production).</summary>
public sealed class PostgresQualityCityDbContext(DbContextOptions<PostgresQualityCityDbContext> options, AuditLog auditLog)
    : QualityCityDbContext(options, auditLog)
{
    public override QualityCityDbContext OpenSibling() =>
        new PostgresQualityCityDbContext((DbContextOptions<PostgresQualityCityDbContext>)this.GetService<IDbContextOptions>(), AuditLog);

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // The registry's search index is an expression over this function (ADR 0049); queries name it so that it is used.
        builder.HasDbFunction(typeof(Modules.Registry.SearchEntities.SearchGrams).GetMethod(nameof(Modules.Registry.SearchEntities.SearchGrams.Of))!)
            .HasName("qc_search_grams");
    }
}
