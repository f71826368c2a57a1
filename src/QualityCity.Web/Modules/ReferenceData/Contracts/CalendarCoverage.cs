using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Data;
using QualityCity.Web.Localization;

namespace QualityCity.Web.Modules.ReferenceData.Contracts;

/// <summary>
/// Which years' official holiday notices are loaded (REG-5). A deadline counted in working days
/// that falls in a year without one was counted on weekends only: the pages show it as provisional
/// (暂定), naming the year whose calendar is missing, until an administrator loads it. Calendars are
/// loaded year by year from the earliest, so the deadline's own year decides.
/// </summary>
public sealed class CalendarCoverage(QualityCityDbContext db, Text text)
{
    // Chinese as characters, as the pages write it (see the WebEncoderOptions in QualityCityHosting).
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    private HashSet<int>? _years;

    /// <summary>Reads the loaded years once per request; returns itself for use in a page.</summary>
    public async Task<CalendarCoverage> LoadAsync(CancellationToken cancellationToken = default)
    {
        _years ??= (await db.Holidays.AsNoTracking().Select(h => h.Date).ToListAsync(cancellationToken)).Select(d => d.Year).ToHashSet();
        return this;
    }

    /// <summary>True when the deadline's year has no loaded holiday calendar.</summary>
    public bool IsProvisional(DateOnly deadline) =>
        !(_years ?? throw new InvalidOperationException("CalendarCoverage.LoadAsync must run first")).Contains(deadline.Year);

    /// <summary>The mark shown after a computed deadline: nothing, or "暂定" with the reason.</summary>
    public IHtmlContent Mark(DateOnly? deadline)
    {
        if (deadline is not { } day || !IsProvisional(day))
        {
            return HtmlString.Empty;
        }

        var hint = text.Format("{0} 年的节假日安排尚未导入，期限暂按周末推算", day.Year);
        return new HtmlString($"<span class=\"provisional\" title=\"{Html.Encode(hint)}\">{Html.Encode(text["暂定"])}"
            + $"<small>{Html.Encode(text.Format("（{0} 年节假日未导入）", day.Year))}</small></span>");
    }
}
