using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Data;
using QualityCity.Web.Hosting;

namespace QualityCity.Web.Modules.PublicVoice.Intake;

/// <summary>
/// The public form (VOX-1, phone first): kind, category, county, place, the enterprise (with
/// suggestions from the registry), description, up to three photos and a contact or anonymity. A QR
/// poster opens it pre-filled (<c>?category=&amp;county=&amp;creditCode=&amp;place=&amp;channel=poster</c>).
/// A refused submission keeps every value and names each bad field; success shows the tracking code.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimits.Public)]
[RequestSizeLimit(MaxBody)]
public sealed class NewItemModel(VoiceIntake intake, VoiceLabels labels, QualityCityDbContext db, Registry.Contracts.IEntityNameLookup registry) : PageModel
{
    /// <summary>Three photos of at most 5 MB each and the text fields.</summary>
    public const long MaxBody = (VoiceIntake.MaxPhotos * VoiceIntake.MaxPhotoBytes) + (1L << 20);

    public sealed class FormInput
    {
        public string? Kind { get; set; } = "complaint";
        public string? Category { get; set; }
        public string? County { get; set; }
        public string? Township { get; set; }
        public string? Address { get; set; }
        public string? CreditCode { get; set; }
        public string? EntityName { get; set; }
        public string? Description { get; set; }
        public bool Anonymous { get; set; }
        public string? ContactName { get; set; }
        public string? ContactPhone { get; set; }
        public string? ContactEmail { get; set; }
        public string? Channel { get; set; }
        public string? Poster { get; set; }
    }

    [BindProperty]
    public FormInput Input { get; set; } = new();

    [BindProperty]
    public List<IFormFile> Photos { get; set; } = [];

    public IReadOnlyList<(VoiceCategory Category, bool IsChild)> Categories { get; private set; } = [];
    public IReadOnlyList<(string Code, string Name)> Counties { get; private set; } = [];
    public IDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();
    public VoiceReceipt? Receipt { get; private set; }

    public string? Error(string field) => Errors.TryGetValue(field, out var messages) ? string.Join("；", messages) : null;

    public async Task OnGetAsync(string? category, string? county, string? creditCode, string? place, string? channel, string? kind, CancellationToken cancellationToken,
        string? township = null, string? poster = null)
    {
        Input.Township = township;
        Input.Poster = poster;
        await LoadChoicesAsync(cancellationToken);
        Input.Category = category;
        Input.County = await intake.CountyCodeAsync(county, cancellationToken) ?? county;
        Input.CreditCode = creditCode;
        Input.Address = place;
        Input.Channel = channel == VoiceChannels.Poster ? VoiceChannels.Poster : VoiceChannels.Web;
        if (VoiceCodes.ParseKind(kind) is not null)
        {
            Input.Kind = kind;
        }

        // A poster made for one enterprise carries its code: show its registered name.
        if (!string.IsNullOrWhiteSpace(creditCode))
        {
            var code = creditCode.Trim().ToUpperInvariant();
            Input.EntityName = await db.MarketEntities.AsNoTracking().Where(e => e.CreditCode == code).Select(e => e.Name).FirstOrDefaultAsync(cancellationToken);
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var photos = new List<VoicePhotoUpload>();
        foreach (var file in Photos.Where(f => f.Length > 0).Take(VoiceIntake.MaxPhotos + 1))
        {
            if (file.Length > VoiceIntake.MaxPhotoBytes)
            {
                photos.Add(new VoicePhotoUpload([], TooLarge: true));
                continue;
            }

            using var buffer = new MemoryStream((int)file.Length);
            await file.CopyToAsync(buffer, cancellationToken);
            photos.Add(new VoicePhotoUpload(buffer.ToArray()));
        }

        var request = new VoiceSubmission(Input.Kind, Input.Category, Input.County, Input.Township, Input.Address, null, null, Input.CreditCode,
            Input.EntityName, Input.Description, Input.Anonymous, Input.ContactName, Input.ContactPhone, Input.ContactEmail,
            Input.Channel == VoiceChannels.Poster ? VoiceChannels.Poster : VoiceChannels.Web) { Poster = Input.Poster };
        var result = await intake.SubmitAsync(request, photos, VoiceChannels.Web, cancellationToken);
        if (result is { Succeeded: true, Value: VoiceReceipt receipt })
        {
            Receipt = receipt;
            return Page();
        }

        Errors = result.Errors ?? new Dictionary<string, string[]>();
        Response.StatusCode = StatusCodes.Status400BadRequest;
        await LoadChoicesAsync(cancellationToken);
        return Page();
    }

    /// <summary>
    /// Up to eight registered names containing what was typed, for the name field's suggestions:
    /// names and credit codes only, which the registry publishes anyway.
    /// </summary>
    public async Task<IActionResult> OnGetEntitiesAsync([FromQuery(Name = "Input.EntityName")] string? q, CancellationToken cancellationToken)
    {
        var typed = q?.Trim() ?? string.Empty;
        var html = new StringBuilder();
        if (typed.Length >= 2 && typed.Length <= 100)
        {
            // Through the registry's name index: a public route must not scan the registry.
            var hits = await registry.SuggestAsync(typed, 8, cancellationToken);
            foreach (var hit in hits)
            {
                html.Append("<option value=\"").Append(HtmlEncoder.Default.Encode(hit.Name)).Append("\" label=\"")
                    .Append(HtmlEncoder.Default.Encode(hit.CreditCode)).Append("\"></option>");
            }
        }

        return Content(html.ToString(), "text/html; charset=utf-8");
    }

    private async Task LoadChoicesAsync(CancellationToken cancellationToken)
    {
        Categories = await labels.CategoriesAsync(cancellationToken);
        Counties = await labels.CountiesAsync(cancellationToken);
    }
}
