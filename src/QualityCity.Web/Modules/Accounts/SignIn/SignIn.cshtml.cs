using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QualityCity.Web.Data;
using QualityCity.Web.Localization;
using QualityCity.Web.Modules.Audit;

namespace QualityCity.Web.Modules.Accounts.SignIn;

public sealed class SignInModel(SignInManager<AppUser> signIn, QualityCityDbContext db, AuditLog audit, Text text) : PageModel
{
    [BindProperty] public string? UserName { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(UserName) || string.IsNullOrEmpty(Password))
        {
            Error = text["请输入用户名和密码。"];
            return Page();
        }

        switch (await AccountsModule.SignInAsync(signIn, db, audit, UserName, Password))
        {
            case SignInOutcome.Succeeded:
                return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
            case SignInOutcome.LockedOut:
                Error = text["连续登录失败次数过多，账号已暂时锁定，请15分钟后再试。"];
                return Page();
            default:
                Error = text["用户名或密码错误。"];
                return Page();
        }
    }
}
