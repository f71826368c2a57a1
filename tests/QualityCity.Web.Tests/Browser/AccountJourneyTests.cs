using Microsoft.Playwright;

namespace QualityCity.Web.Tests.Browser;

/// <summary>The administrator makes an account in the browser; the Content-Security-Policy lets every page's own scripts run.</summary>
public sealed class AccountJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [SkippableFact]
    public async Task The_administrator_creates_an_account_keeps_the_form_on_a_refusal_and_disabling_it_ends_its_session()
    {
        var admin = await fixture.SignInAsync("admin");
        await admin.GotoAsync("/admin/users");
        Assert.Equal("用户管理", await admin.InnerTextAsync("h1"));

        await admin.FillAsync("#Form_UserName", "wang.fang");
        await admin.FillAsync("#Form_DisplayName", "王芳");
        await admin.SelectOptionAsync("#Form_Role", "dept_head");
        await admin.SelectOptionAsync("#Form_Department", "emergency");
        await admin.FillAsync("#Form_Password", "password");
        await admin.ClickAsync("#create-user button[type=submit]");
        // Refused beside the password; what was typed (but the password) is still there.
        Assert.Contains("密码", await admin.InnerTextAsync("#create-user .field-error >> nth=-1"), StringComparison.Ordinal);
        Assert.Equal("wang.fang", await admin.InputValueAsync("#Form_UserName"));
        Assert.Equal("emergency", await admin.InputValueAsync("#Form_Department"));
        Assert.Equal(string.Empty, await admin.InputValueAsync("#Form_Password"));

        await admin.FillAsync("#Form_Password", "Yingji-Guanli-7");
        await admin.ClickAsync("#create-user button[type=submit]");
        await admin.WaitForSelectorAsync("#message");
        Assert.Contains("wang.fang", await admin.InnerTextAsync("#users"), StringComparison.Ordinal);
        Assert.Equal(string.Empty, await admin.InputValueAsync("#Form_UserName"));
        await admin.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "admin-users.png"), FullPage = true });

        var head = await fixture.NewPageAsync();
        await head.GotoAsync("/account/login");
        await head.FillAsync("#userName", "wang.fang");
        await head.FillAsync("#password", "Yingji-Guanli-7");
        await head.NavigatesAsync(() => head.ClickAsync("button[type=submit]"), url => !url.Contains("/account/login", StringComparison.Ordinal));
        await head.GotoAsync("/organisation/inspectors");
        Assert.Equal("执法检查人员名录库", await head.InnerTextAsync("h1"));

        await admin.ClickAsync("tr[data-user='wang.fang'] button:has-text('停用')");
        await admin.WaitForSelectorAsync("#message");
        await head.GotoAsync("/organisation/inspectors");
        Assert.Contains("/account/login", head.Url, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task The_administrator_changes_a_role_resets_a_password_and_disables_and_enables_an_account_on_the_page()
    {
        var admin = await fixture.SignInAsync("admin");
        await admin.GotoAsync("/admin/users");
        await admin.FillAsync("#Form_UserName", "zhao.lei");
        await admin.FillAsync("#Form_DisplayName", "赵磊");
        await admin.SelectOptionAsync("#Form_Role", "coordinator");
        await admin.FillAsync("#Form_Password", "Sifa-Jiandu-31");
        await admin.ClickAsync("#create-user button[type=submit]");
        await admin.WaitForSelectorAsync("#message");
        var row = admin.Locator("tr[data-user='zhao.lei']");

        // A department head needs a department: refused in Chinese, and the row keeps the role chosen.
        await row.Locator("details summary").ClickAsync();
        await row.Locator("select[name=NewRole]").SelectOptionAsync("dept_head");
        await row.Locator("form.role-form button").ClickAsync();
        await admin.WaitForSelectorAsync("#row-error");
        row = admin.Locator("tr[data-user='zhao.lei']");
        Assert.Contains("部门", await row.Locator(".row-refusal").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("dept_head", await row.Locator("select[name=NewRole]").InputValueAsync());
        await row.Locator("select[name=NewDepartment]").SelectOptionAsync("transport");
        await row.Locator("form.role-form button").ClickAsync();
        await admin.WaitForSelectorAsync("#message");
        row = admin.Locator("tr[data-user='zhao.lei']");
        Assert.Contains("部门负责人", await row.InnerTextAsync(), StringComparison.Ordinal);

        // A weak password is refused in Chinese; a good one is set.
        await row.Locator("details summary").ClickAsync();
        await row.Locator("input[name=NewPassword]").FillAsync("zhao");
        await row.Locator("button:has-text('重置密码')").ClickAsync();
        await admin.WaitForSelectorAsync("#row-error");
        Assert.Contains("密码", await admin.InnerTextAsync("#row-error"), StringComparison.Ordinal);
        row = admin.Locator("tr[data-user='zhao.lei']");
        await row.Locator("input[name=NewPassword]").FillAsync("Jiaotong-Yunshu-52");
        await row.Locator("button:has-text('重置密码')").ClickAsync();
        await admin.WaitForSelectorAsync("#message");
        Assert.Contains("新密码", await admin.InnerTextAsync("#message"), StringComparison.Ordinal);

        await admin.ClickAsync("tr[data-user='zhao.lei'] button:has-text('停用')");
        await Assertions.Expect(admin.Locator("tr[data-user='zhao.lei']")).ToContainTextAsync("已停用");
        await admin.ClickAsync("tr[data-user='zhao.lei'] button:has-text('启用')");
        await Assertions.Expect(admin.Locator("tr[data-user='zhao.lei']")).ToContainTextAsync("正常");

        // The new role and password are the account's: it signs in and reads its department's registry.
        var head = await fixture.NewPageAsync();
        await head.GotoAsync("/account/login");
        await head.FillAsync("#userName", "zhao.lei");
        await head.FillAsync("#password", "Jiaotong-Yunshu-52");
        await head.NavigatesAsync(() => head.ClickAsync("button[type=submit]"), url => !url.Contains("/account/login", StringComparison.Ordinal));
        await head.GotoAsync("/organisation/inspectors");
        Assert.Equal("执法检查人员名录库", await head.InnerTextAsync("h1"));
        Assert.True(await head.Locator("#add-inspector").IsVisibleAsync());
    }

    [SkippableFact]
    public async Task The_pages_charts_and_scripts_run_under_the_content_security_policy_without_violations()
    {
        var page = await fixture.SignInAsync("coordinator");
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                violations.Add(message.Text);
            }
        };

        await page.GotoAsync("/");
        await page.WaitForSelectorAsync("#chart-counties canvas");
        await page.GotoAsync("/quality");
        await page.WaitForSelectorAsync("canvas");
        await page.GotoAsync("/plans");
        await page.WaitForSelectorAsync("canvas");
        await page.GotoAsync("/inspections/kpis");
        await page.WaitForSelectorAsync("canvas");
        await page.GotoAsync("/planning/draws/1");
        await page.WaitForSelectorAsync("canvas");
        // A filter that submits itself when changed, by the site's script rather than an inline handler.
        await page.GotoAsync("/quality/plans");
        var years = await page.Locator("#year option").AllInnerTextsAsync();
        await page.NavigatesAsync(() => page.SelectOptionAsync("#year", years[^1]), url => url.Contains("year=" + years[^1], StringComparison.Ordinal));
        Assert.Empty(violations);
    }
}
