using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using QualityCity.Web.Data;
using QualityCity.Web.Hosting;
using QualityCity.Web.Modules.Accounts.Contracts;
using QualityCity.Web.Modules.Checklists.Contracts;
using QualityCity.Web.Modules.Inspections.RecordResults;
using QualityCity.Web.Modules.Planning.Contracts;
using QualityCity.Web.Modules.ReferenceData.Contracts;

namespace QualityCity.Web.Modules.Inspections.EnterpriseDesk;

/// <summary>An upcoming visit as the enterprise is told of it: the day, the departments, and the items to prepare.</summary>
public sealed record UpcomingVisit(long Id, string VisitKey, DateOnly Date, IReadOnlyList<(string Department, IReadOnlyList<ChecklistItem> Items)> Parts);

/// <summary>
/// The enterprise's own inspections (EXE-2, EXE-4, EXE-7): visits coming within the notice period
/// with the items, their legal basis and a self-check guide (事前普法式指导); the reports of past
/// inspections with their rectification tasks; and how many routine visits the year still allows.
/// Only its own: the credit code comes from the sign-in, never from the request.
/// </summary>
[Authorize(Roles = Roles.Enterprise)]
[RequestSizeLimit(RequestLimits.UploadBytes)]
public sealed class MyInspectionsModel(QualityCityDbContext db, IOptions<InspectionOptions> options, IOptions<PlanningOptions> planning,
    Attachments.AttachmentWork attachments, Localization.Text text, PlatformClock clock) : PageModel
{
    public string? Message { get; private set; }
    public string? Error { get; private set; }

    /// <summary>Documents already sent for the upcoming visits' documentary items.</summary>
    public IReadOnlyList<Attachments.Attachment> Documents { get; private set; } = [];

    /// <summary>The enterprise answers a documentary item before the visit by sending the document (EXE-2).</summary>
    public async Task OnPostDocumentAsync(long visitId, string? item, IFormFile? file, CancellationToken cancellationToken)
    {
        var result = await attachments.AttachDocumentAsync(visitId, item, file, User, cancellationToken);
        if (result.Succeeded)
        {
            Message = "资料已提交";
        }
        else
        {
            Error = result.Describe(text);
        }

        await OnGetAsync(cancellationToken);
    }

    public IReadOnlyList<UpcomingVisit> Upcoming { get; private set; } = [];
    public IReadOnlyList<Inspection> Past { get; private set; } = [];
    public IReadOnlyList<RectificationTask> OpenTasks { get; private set; } = [];
    public IReadOnlyDictionary<int, string> DepartmentNames { get; private set; } = new Dictionary<int, string>();
    public int VisitsThisYear { get; private set; }
    public int YearlyCap => planning.Value.OverallCap;
    public DateOnly NoticeUntil { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var code = User.CreditCode()!;
        var today = clock.Today;
        var calendar = await WorkingCalendar.LoadAsync(db, cancellationToken);
        NoticeUntil = calendar.AddWorkingDays(today, options.Value.NoticeWorkingDays).Date;
        DepartmentNames = await db.Departments.AsNoTracking().ToDictionaryAsync(d => d.Id, d => Localization.Text.IsEnglish ? d.NameEn : d.Name, cancellationToken);
        var visits = await db.Visits.AsNoTracking().IncludeParts()
            .Where(v => v.CreditCode == code && v.Status == VisitStatus.Registered && v.Date >= today && v.Date <= NoticeUntil)
            .OrderBy(v => v.Date).ToListAsync(cancellationToken);
        var wanted = visits.SelectMany(v => v.Departments).SelectMany(d => d.ItemTexts()).ToHashSet();
        var codes = wanted.Select(w => w.Split(':')[0]).ToList();
        var items = (await db.ChecklistItems.AsNoTracking().Where(i => codes.Contains(i.Code)).ToListAsync(cancellationToken))
            .Where(i => wanted.Contains($"{i.Code}:{i.Version}")).ToDictionary(i => $"{i.Code}:{i.Version}");
        Upcoming = visits.Select(v => new UpcomingVisit(v.Id, v.VisitKey, v.Date, v.Departments.Select(d => (DepartmentNames.GetValueOrDefault(d.DepartmentId, string.Empty),
            (IReadOnlyList<ChecklistItem>)d.ItemTexts().Select(items.GetValueOrDefault).OfType<ChecklistItem>().ToList())).ToList())).ToList();
        var visitIds = visits.Select(v => (long?)v.Id).ToList();
        Documents = await db.Attachments.AsNoTracking().Where(a => a.Purpose == Attachments.AttachmentPurposes.Document && visitIds.Contains(a.VisitId)).ToListAsync(cancellationToken);
        Past = await db.Inspections.AsNoTracking().Where(i => i.CreditCode == code).OrderByDescending(i => i.Date).Take(50).ToListAsync(cancellationToken);
        OpenTasks = await db.RectificationTasks.AsNoTracking().Where(t => t.CreditCode == code && t.Status != "closed").OrderBy(t => t.DueDate).ToListAsync(cancellationToken);
        var yearStart = new DateOnly(today.Year, 1, 1);
        var yearEnd = new DateOnly(today.Year, 12, 31);
        VisitsThisYear = await db.Visits.CountAsync(v => v.CreditCode == code && v.Status == VisitStatus.Registered && v.Date >= yearStart && v.Date <= yearEnd, cancellationToken)
            + await db.Inspections.Where(i => i.CreditCode == code && i.Date >= yearStart && i.Date <= yearEnd && !db.Visits.Any(v => v.VisitKey == i.VisitKey))
                .Select(i => i.VisitKey).Distinct().CountAsync(cancellationToken);
    }

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
