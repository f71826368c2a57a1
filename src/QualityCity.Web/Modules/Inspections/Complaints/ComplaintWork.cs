using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using QualityCity.Web.Data;
using QualityCity.Web.Hosting;
using QualityCity.Web.Localization;
using QualityCity.Web.Modules.Accounts.Contracts;
using QualityCity.Web.Modules.Inspections.RecordResults;
using QualityCity.Web.Modules.ReferenceData.Contracts;

namespace QualityCity.Web.Modules.Inspections.Complaints;

public sealed record ComplaintRequest(string? Category, string? Text);

public sealed record AnswerRequest(string? Answer);

/// <summary>Complaints about an inspection: the enterprise files, the coordinator answers (EXE-7).</summary>
public sealed class ComplaintWork(QualityCityDbContext db, IOptions<InspectionOptions> options, Text text, PlatformClock clock)
{
    public async Task<WorkResult> FileAsync(long inspectionId, ComplaintRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        var inspection = await db.Inspections.AsNoTracking().FirstOrDefaultAsync(i => i.Id == inspectionId, ct);
        if (inspection is null || !user.IsInRole(Roles.Enterprise) || user.CreditCode() != inspection.CreditCode)
        {
            return WorkResult.NotFound;
        }

        var errors = new Dictionary<string, string[]>();
        if (request.Category is null || !ComplaintCategories.All.Contains(request.Category))
        {
            errors["category"] = [text.Format("投诉类别须为 {0} 之一", string.Join(", ", ComplaintCategories.All))];
        }

        var body = request.Text?.Trim() ?? string.Empty;
        if (body.Length < 5 || body.Length > 2000)
        {
            errors["text"] = [text["请写明投诉的事实和诉求（5–2000 字）"]];
        }

        if (errors.Count > 0)
        {
            return WorkResult.Invalid(errors);
        }

        var calendar = await WorkingCalendar.LoadAsync(db, ct);
        var complaint = new InspectionComplaint
        {
            InspectionId = inspection.Id, CreditCode = inspection.CreditCode, DepartmentId = inspection.DepartmentId, Category = request.Category!, Text = body,
            CreatedAtUtc = clock.UtcNow, AnswerDue = calendar.AddWorkingDays(clock.Today, options.Value.ComplaintAnswerWorkingDays).Date, Status = "open",
        };
        db.InspectionComplaints.Add(complaint);
        await db.SaveChangesAsync(ct);
        return WorkResult.Ok(new { complaint.Id, complaint.Status, complaint.AnswerDue });
    }

    public async Task<WorkResult> AnswerAsync(long id, AnswerRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        if (!user.SeesAllDepartments())
        {
            return WorkResult.Refused(StatusCodes.Status403Forbidden, text["投诉由综合协调部门答复，不由被投诉的部门答复"]);
        }

        var complaint = await db.InspectionComplaints.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (complaint is null)
        {
            return WorkResult.NotFound;
        }

        if (complaint.Status == "answered")
        {
            return WorkResult.Refused(StatusCodes.Status409Conflict, text["这条投诉已经答复"]);
        }

        if (string.IsNullOrWhiteSpace(request.Answer) || request.Answer.Trim().Length < 5)
        {
            return WorkResult.Invalid("answer", text["请写明核查结果和处理意见（至少 5 字）"]);
        }

        complaint.Answer = request.Answer.Trim();
        complaint.AnsweredBy = user.ActorName();
        complaint.AnsweredAtUtc = clock.UtcNow;
        complaint.Status = "answered";
        await db.SaveChangesAsync(ct);
        return WorkResult.Ok(new { complaint.Id, complaint.Status });
    }

    /// <summary>The complaints a user may read: the enterprise's own, the department's, or all for the coordinator.</summary>
    public IQueryable<InspectionComplaint> Visible(ClaimsPrincipal user)
    {
        var query = db.InspectionComplaints.AsNoTracking();
        if (user.SeesAllDepartments())
        {
            return query;
        }

        if (user.IsInRole(Roles.Enterprise))
        {
            var code = user.CreditCode();
            return query.Where(c => c.CreditCode == code);
        }

        var department = user.DepartmentId();
        return user.IsInRole(Roles.DeptHead) ? query.Where(c => c.DepartmentId == department) : query.Where(_ => false);
    }
}
