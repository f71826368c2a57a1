using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Data;
using QualityCity.Web.Hosting;
using QualityCity.Web.Modules.Accounts.Contracts;

namespace QualityCity.Web.Modules.PublicVoice.Posters;

/// <summary>
/// The staff page for QR posters: make one for a place, a department or an enterprise and download
/// it as PDF or PNG; the coordinator also prints a county's townships in one go. A department's
/// staff make their own department's poster only.
/// </summary>
[Authorize(Policy = Policies.Staff)]
public sealed class PostersModel(VoicePosters posters, VoiceLabels labels, QualityCityDbContext db, PublicAddress address) : PageModel
{
    public sealed class FormInput
    {
        public string? Target { get; set; } = VoicePosters.Place;
        public string? County { get; set; }
        public string? Township { get; set; }
        public string? Address { get; set; }
        public string? Department { get; set; }
        public string? CreditCode { get; set; }
        public string? Category { get; set; }
    }

    [BindProperty]
    public FormInput Input { get; set; } = new();

    public bool MakesAny { get; private set; }
    public IReadOnlyList<VoicePosterView> Recent { get; private set; } = [];
    public VoicePosterView? Made { get; private set; }
    public IReadOnlyList<(string Code, string Name)> Counties { get; private set; } = [];
    public IReadOnlyList<(string Code, string Name)> Departments { get; private set; } = [];
    public IReadOnlyList<(VoiceCategory Category, bool IsChild)> Categories { get; private set; } = [];
    public IDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();
    public string? Refusal { get; private set; }

    public string? Error(string field) => Errors.TryGetValue(field, out var messages) ? string.Join("；", messages) : null;

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var result = await posters.GetOrCreateAsync(new VoicePosterRequest(Input.Target, Input.County, Input.Township, Input.Address, Input.Department,
            Input.CreditCode, Input.Category), User, cancellationToken);
        if (result is { Succeeded: true, Value: VoicePoster poster })
        {
            Made = await posters.ViewAsync(poster, address.BaseFor(Request), cancellationToken);
        }
        else
        {
            Errors = result.Errors ?? new Dictionary<string, string[]>();
            Refusal = result.Errors is null ? result.Message : null;
            Response.StatusCode = result.Status;
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        MakesAny = VoicePosters.MakesAny(User);
        if (!MakesAny)
        {
            Input.Target = VoicePosters.Department;
            Input.Department = User.DepartmentId() is { } id
                ? await db.Departments.AsNoTracking().Where(d => d.Id == id).Select(d => d.Code).FirstOrDefaultAsync(cancellationToken)
                : null;
        }

        Counties = await labels.CountiesAsync(cancellationToken);
        Departments = await labels.DepartmentsAsync(cancellationToken);
        Categories = await labels.CategoriesAsync(cancellationToken);
        var recent = new List<VoicePosterView>();
        foreach (var poster in await posters.ListAsync(User, 50, cancellationToken))
        {
            recent.Add(await posters.ViewAsync(poster, address.BaseFor(Request), cancellationToken));
        }

        Recent = recent;
    }
}
