using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QualityCity.Web.Data;
using QualityCity.Web.Hosting;
using QualityCity.Web.Localization;
using QualityCity.Web.Modules.Accounts.Contracts;

namespace QualityCity.Web.Modules.ReferenceData.UploadHolidays;

/// <summary>
/// The administrator's page for the working-day calendar: which years' holiday notices are loaded
/// (a deadline in any other year is provisional, 暂定) and the upload of a year's notice, through
/// <see cref="HolidayCalendarUpload"/> as the API's.
/// </summary>
[Authorize(Policy = Policies.Admin)]
[RequestSizeLimit(RequestLimits.UploadBytes)]
public sealed class HolidaysModel(HolidayCalendarUpload upload, QualityCityDbContext db, Text text) : PageModel
{
    public IReadOnlyList<HolidayYear> Loaded { get; private set; } = [];

    /// <summary>This year and next in China, the years a deadline counted today most likely falls in.</summary>
    public IReadOnlyList<int> YearsNeeded { get; private set; } = [];

    public HolidayUploadResult? Result { get; private set; }
    public IReadOnlyList<string> Errors { get; private set; } = [];
    public string? FileName { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        FileName = file?.FileName;
        if (file is null || file.Length == 0)
        {
            Errors = [text["请选择节假日安排的 CSV 文件（列 date,kind,name）"]];
        }
        else
        {
            await using var stream = file.OpenReadStream();
            Result = await upload.UploadAsync(stream, cancellationToken);
            Errors = Result.Errors;
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Loaded = await upload.LoadedYearsAsync(cancellationToken);
        var year = ChinaTime.FromUtc(db.Clock.UtcNow).Year;
        YearsNeeded = [year, year + 1];
    }
}
