using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using QualityCity.Domain.Development;
using QualityCity.Web.Data;
using QualityCity.Web.Hosting;
using QualityCity.Web.Modules.Accounts.Contracts;

namespace QualityCity.Web.Modules.Development.Efficiency;

/// <summary>
/// The administrator picks the city's per-mu formula for a year from the published ones shipped with
/// the platform, or uploads one in the same shape (a JSON object like an entry of
/// <c>per_mu_formulas.json</c>). A formula that cannot be computed is refused naming the key and the
/// reason, and the year keeps the formula it had.
/// </summary>
[Authorize(Policy = Policies.Admin)]
[RequestSizeLimit(RequestLimits.UploadBytes)]
public sealed class EfficiencyFormulasModel(QualityCityDbContext db, PlatformClock clock) : PageModel
{
    public const int MaxFormulaBytes = 256 * 1024;

    public IReadOnlyList<ShippedFormula> Shipped { get; } = EfficiencyReport.Shipped();
    public IReadOnlyList<int> Years { get; private set; } = [];
    public IReadOnlyDictionary<int, EfficiencyFormulaChoice> Choices { get; private set; } = new Dictionary<int, EfficiencyFormulaChoice>();
    public string? Error { get; private set; }
    public string? Done { get; private set; }

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostPickAsync([FromForm] int? year, [FromForm] string? formula, CancellationToken cancellationToken)
    {
        if (CheckYear(year) is { } refused)
        {
            return await RefuseAsync("year", refused, cancellationToken);
        }

        var shipped = Shipped.FirstOrDefault(f => f.Id == formula);
        if (shipped is null)
        {
            return await RefuseAsync("formula", "没有这个评价办法 — no shipped formula has this id", cancellationToken);
        }

        if (shipped.Refusal is { } why)
        {
            return await RefuseAsync("formula", $"该办法无法计算：{why}", cancellationToken);
        }

        return await ChooseAsync(year!.Value, shipped.Id, shipped.Json, uploaded: false, cancellationToken);
    }

    public async Task<IActionResult> OnPostUploadAsync([FromForm] int? year, IFormFile? file, CancellationToken cancellationToken)
    {
        if (CheckYear(year) is { } refused)
        {
            return await RefuseAsync("year", refused, cancellationToken);
        }

        if (file is null || file.Length == 0 || file.Length > MaxFormulaBytes)
        {
            return await RefuseAsync("file", "请选择一个不超过 256 KB 的 .json 文件 — choose a .json file of at most 256 KB", cancellationToken);
        }

        string json;
        using (var reader = new StreamReader(file.OpenReadStream()))
        {
            json = await reader.ReadToEndAsync(cancellationToken);
        }

        PerMuFormula parsed;
        try
        {
            parsed = PerMuFormula.Parse(json);
        }
        catch (PerMuFormulaException ex)
        {
            return await RefuseAsync("file", $"评价办法无法计算，未保存：{ex.Key}：{ex.Reason}", cancellationToken);
        }

        if (parsed.Id.Length is 0 or > 100 || parsed.Id.Any(char.IsControl))
        {
            return await RefuseAsync("file", "评价办法的 id 应为 1 到 100 个字符，不含控制字符 — the formula's id must be 1 to 100 characters without control characters", cancellationToken);
        }

        return await ChooseAsync(year!.Value, parsed.Id, json, uploaded: true, cancellationToken);
    }

    private async Task<IActionResult> ChooseAsync(int year, string id, string json, bool uploaded, CancellationToken cancellationToken)
    {
        var choice = await db.EfficiencyFormulaChoices.FirstOrDefaultAsync(c => c.Year == year, cancellationToken);
        if (choice is null)
        {
            choice = new EfficiencyFormulaChoice { Year = year, FormulaId = id, Json = json, ChosenBy = User.ActorName() };
            db.EfficiencyFormulaChoices.Add(choice);
        }

        (choice.FormulaId, choice.Json, choice.Uploaded, choice.ChosenBy, choice.ChosenAtUtc) = (id, json, uploaded, User.ActorName(), clock.UtcNow);
        await db.SaveChangesAsync(cancellationToken);
        Done = $"{year}：{id}";
        await LoadAsync(cancellationToken);
        return Page();
    }

    private static string? CheckYear(int? year) =>
        year is >= 2000 and <= 2100 ? null : "年度应在 2000 到 2100 之间 — the year must be from 2000 to 2100";

    private async Task<IActionResult> RefuseAsync(string field, string reason, CancellationToken cancellationToken)
    {
        ModelState.AddModelError(field, $"{field}: {reason}");
        Error = reason;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Choices = await db.EfficiencyFormulaChoices.AsNoTracking().ToDictionaryAsync(c => c.Year, cancellationToken);
        var years = await db.EfficiencyFigures.AsNoTracking().Select(f => f.Year).Distinct().ToListAsync(cancellationToken);
        Years = [.. years.Union(Choices.Keys).Append(clock.Today.Year - 1).Distinct().OrderDescending()];
    }
}
