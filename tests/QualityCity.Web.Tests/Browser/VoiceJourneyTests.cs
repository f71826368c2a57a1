using Microsoft.Playwright;
using QualityCity.Domain.PublicVoice;

namespace QualityCity.Web.Tests.Browser;

/// <summary>
/// The public voice end to end: a citizen on a phone opens a QR poster's link, reports with a photo
/// and gets a tracking code; the coordinator accepts and dispatches to the market regulator; its
/// head answers; the citizen sees the answer on the tracking page and rates it.
/// </summary>
public sealed class VoiceJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string FitsThePhone = "() => document.documentElement.scrollWidth <= window.innerWidth";

    private static readonly byte[] OnePixelPng = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    private static string Shot(string name) => Path.Combine(BrowserFixture.ScreenshotFolder, name);

    [SkippableFact]
    public async Task A_poster_report_with_a_photo_is_dispatched_answered_and_rated()
    {
        // The coordinator makes the food street's poster; its QR holds the short address.
        var coordinator = await fixture.SignInAsync("coordinator");
        await coordinator.GotoAsync("/voice/posters");
        await coordinator.CheckAsync("input[name='Input.Target'][value='place']");
        await coordinator.SelectOptionAsync("#poster-county", "371521");
        await coordinator.FillAsync("#poster-township", "狮子楼街道");
        await coordinator.FillAsync("#poster-address", "美食街");
        await coordinator.SelectOptionAsync("#poster-category", "food-catering");
        await coordinator.ClickAsync("#poster-submit");
        await coordinator.WaitForSelectorAsync("#poster-url");
        var posterPath = new Uri(await coordinator.InnerTextAsync("#poster-url")).AbsolutePath;
        Assert.Matches("^/voice/p/[0-9A-Z]{8}$", posterPath);

        // A citizen scans it: the short address opens the form filled in from the poster.
        var citizen = await fixture.NewPageAsync(phone: true);
        await citizen.GotoAsync(posterPath);
        Assert.EndsWith("/voice/new", new Uri(citizen.Url).AbsolutePath, StringComparison.Ordinal);
        Assert.Equal("food-catering", await citizen.InputValueAsync("#category"));
        Assert.Equal("371521", await citizen.InputValueAsync("#county"));
        Assert.Equal("美食街", await citizen.InputValueAsync("#address"));
        Assert.True(await citizen.EvaluateAsync<bool>(FitsThePhone), "the form is wider than the phone");

        // A refused submission keeps what was typed and names the field.
        await citizen.CheckAsync("input[name='Input.Kind'][value='report']");
        await citizen.FillAsync("#description", "太差");
        await citizen.ClickAsync("#voice-submit");
        await citizen.WaitForSelectorAsync("#description-error");
        Assert.Equal("太差", await citizen.InputValueAsync("#description"));
        Assert.True(await citizen.IsCheckedAsync("input[name='Input.Kind'][value='report']"));
        Assert.Equal("food-catering", await citizen.InputValueAsync("#category"));

        await citizen.FillAsync("#description", "美食街一家烧烤店使用过期冷冻肉，后厨污水横流，请尽快检查。");
        await citizen.FillAsync("#contact-name", "李先生");
        await citizen.FillAsync("#contact-phone", "13600136000");
        await citizen.SetInputFilesAsync("#photos", new FilePayload { Name = "后厨.png", MimeType = "image/png", Buffer = OnePixelPng });
        await citizen.ClickAsync("#voice-submit");
        await citizen.WaitForSelectorAsync("#tracking-code");
        var code = TrackingCode.Parse(await citizen.InnerTextAsync("#tracking-code"));
        Assert.True(await citizen.EvaluateAsync<bool>(FitsThePhone), "the receipt is wider than the phone");
        await citizen.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("voice-receipt-phone.png"), FullPage = true });

        await coordinator.GotoAsync("/voice/inbox");
        await coordinator.ClickAsync($"#voice-list a[href='/voice/items/{code.Canonical}']");
        await coordinator.WaitForSelectorAsync("#item-timeline");
        Assert.Contains("13600136000", await coordinator.InnerTextAsync("#item-contact"), StringComparison.Ordinal);
        Assert.Contains("1 张", await coordinator.InnerTextAsync("#item-facts"), StringComparison.Ordinal);
        Assert.Contains("二维码", await coordinator.InnerTextAsync("#item-facts"), StringComparison.Ordinal);
        await coordinator.ClickAsync("#act-accept");
        await coordinator.WaitForSelectorAsync("#action-done");
        Assert.Equal("已受理", await coordinator.InnerTextAsync("#item-state"));
        // The category's usual department is chosen first.
        Assert.Equal("samr", await coordinator.InputValueAsync("#department-dispatch"));
        await coordinator.SelectOptionAsync("#department-dispatch", "samr");
        await coordinator.ClickAsync("#act-dispatch");
        await coordinator.WaitForSelectorAsync("#item-department");
        Assert.Equal("已派单", await coordinator.InnerTextAsync("#item-state"));

        var head = await fixture.SignInAsync("samr.head");
        await head.GotoAsync($"/voice/items/{code.Canonical}");
        await head.ClickAsync("#act-start");
        await head.WaitForSelectorAsync("#action-done");
        const string answer = "经现场检查，该烧烤店确有过期冷冻肉，已依法查扣并立案调查，后厨已责令整改。";
        await head.FillAsync("#answer-text", answer);
        await head.ClickAsync("#act-answer");
        await head.WaitForSelectorAsync("#item-answer");
        Assert.Equal("已答复", await head.InnerTextAsync("#item-state"));
        await head.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("voice-item-desk.png"), FullPage = true });

        await coordinator.GotoAsync($"/voice/items/{code.Canonical}");
        await coordinator.FillAsync("#follow-up-result", "已电话告知处理结果");
        await coordinator.ClickAsync("#act-record_follow_up");
        await coordinator.WaitForSelectorAsync("#action-done");
        Assert.Equal("已回访", await coordinator.InnerTextAsync("#item-state"));

        // The citizen types the code as it is read out: lower case, with hyphens.
        await citizen.GotoAsync("/voice/track");
        await citizen.FillAsync("#track-code", code.ToString().ToLowerInvariant());
        await citizen.ClickAsync("#track-form button[type=submit]");
        await citizen.WaitForSelectorAsync("#track-answer");
        Assert.Contains(answer, await citizen.InnerTextAsync("#track-answer"), StringComparison.Ordinal);
        Assert.DoesNotContain("13600136000", await citizen.ContentAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("李先生", await citizen.ContentAsync(), StringComparison.Ordinal);
        await citizen.CheckAsync("#rating-form input[value='satisfied']");
        await citizen.ClickAsync("#rating-submit");
        await citizen.WaitForSelectorAsync("#rating-saved");
        Assert.Equal("已办结", await citizen.InnerTextAsync("#track-state"));
        Assert.Contains("满意", await citizen.InnerTextAsync("#track-rating"), StringComparison.Ordinal);
        Assert.True(await citizen.EvaluateAsync<bool>(FitsThePhone), "the tracking page is wider than the phone");
        await citizen.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("voice-track-phone.png"), FullPage = true });
    }
}
