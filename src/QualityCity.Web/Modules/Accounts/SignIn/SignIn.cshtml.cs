using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using QualityCity.Web.Hosting;
using QualityCity.Web.Localization;

namespace QualityCity.Web.Modules.Accounts.SignIn;

[AllowAnonymous]
[EnableRateLimiting(RateLimits.SignIn)]
[RequestSizeLimit(RequestLimits.SignInBytes)]
public sealed class SignInModel(SignInService signIn, Text text) : PageModel
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

        if (UserName.Length > SignInService.MaxUserNameLength || UserName.Any(char.IsControl) || Password.Length > PasswordPolicy.MaximumLength)
        {
            Error = text["用户名或密码错误。"];
            return Page();
        }

        var result = await signIn.SignInAsync(UserName, Password, ClientAddress.Of(HttpContext));
        switch (result.Outcome)
        {
            case SignInOutcome.Succeeded:
                return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
            case SignInOutcome.Throttled:
                Response.StatusCode = StatusCodes.Status429TooManyRequests;
                Error = text["登录失败次数过多，请稍后再试。"];
                return Page();
            case SignInOutcome.LockedOut:
                Error = text["连续登录失败次数过多，账号已暂时锁定，请15分钟后再试。"];
                return Page();
            default:
                Error = text["用户名或密码错误。"];
                return Page();
        }
    }
}
