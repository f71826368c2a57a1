using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QualityCity.Web.Localization;
using QualityCity.Web.Modules.Accounts.Contracts;

namespace QualityCity.Web.Modules.PublicVoice.Open311;

/// <summary>
/// The administrator's page for Open311 API keys: every key with when it was made and last used, a
/// form to make one (the key is shown once, on the answer to that form) and a button to revoke one.
/// </summary>
[Authorize(Policy = Policies.Admin)]
public sealed class KeysModel(Open311Keys keys, Text text) : PageModel
{
    public IReadOnlyList<Open311KeyView> Keys { get; private set; } = [];

    [BindProperty] public string? Name { get; set; }
    [BindProperty] public long Id { get; set; }

    /// <summary>A key just made: shown on this answer only.</summary>
    public Open311NewKey? NewKey { get; private set; }

    public string? Message { get; private set; }
    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => Keys = await keys.ListAsync(cancellationToken);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken cancellationToken)
    {
        NewKey = await keys.CreateAsync(Name, User.ActorName(), cancellationToken);
        if (NewKey is null)
        {
            Error = text.Format("请填写密钥的名称（1–{0} 字）", Open311Keys.MaxName);
        }
        else
        {
            Name = null;
            ModelState.Clear();
        }

        Keys = await keys.ListAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(CancellationToken cancellationToken)
    {
        var revoked = await keys.RevokeAsync(Id, User.ActorName(), cancellationToken);
        if (revoked is null)
        {
            return NotFound();
        }

        Message = text.Format("已撤销密钥“{0}”，用它提交将被拒绝", revoked.Name);
        Keys = await keys.ListAsync(cancellationToken);
        return Page();
    }
}
