using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using QualityCity.Web.Data;
using QualityCity.Web.Modules.Inspections;
using QualityCity.Web.Tests.Infrastructure;

namespace QualityCity.Web.Tests.Browser;

/// <summary>An officer on a phone starts from the home page's visits and shows a visit's code to the enterprise.</summary>
public sealed class HomeJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string FitsThePhone = "() => document.documentElement.scrollWidth <= window.innerWidth";

    private static string Shot(string name) => Path.Combine(BrowserFixture.ScreenshotFolder, name);

    [SkippableFact]
    public async Task On_a_phone_the_officer_opens_a_visit_from_the_home_page_and_shows_its_code_no_wider_than_the_screen()
    {
        var page = await fixture.SignInAsync("samr.inspector", phone: true);
        long visitId;
        await using (var scope = fixture.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<QualityCityDbContext>();
            var officer = await db.Users.Where(u => u.UserName == "samr.inspector").Select(u => u.InspectorId!.Value).SingleAsync();
            // One of the officer's demo visits, moved to today so that the home page lists it first thing.
            var visit = await db.VisitInspectors.Where(i => i.InspectorId == officer).Select(i => i.VisitId)
                .Join(db.Visits.Where(v => v.Status == VisitStatus.Registered), id => id, v => v.Id, (_, v) => v).OrderBy(v => v.Id).FirstAsync();
            var today = TestClock.Today;
            (visit.Date, visit.ValidFrom, visit.ValidTo) = (today, today.AddDays(-3), today.AddDays(3));
            await db.SaveChangesAsync();
            visitId = visit.Id;
        }

        await page.GotoAsync("/");
        await page.WaitForSelectorAsync("#home-today");
        Assert.True(await page.EvaluateAsync<bool>(FitsThePhone), "the officer's home page is wider than the phone");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("home-inspector-phone.png"), FullPage = true });

        await page.ClickAsync($"#home-today a[href='/inspector/visits/{visitId}/code']");
        await page.WaitForSelectorAsync(".visit-qr svg");
        Assert.True(await page.EvaluateAsync<bool>(FitsThePhone), "the visit-code page is wider than the phone");
        // The image takes most of the screen's width, so a camera reads it from arm's length.
        var box = await page.Locator(".visit-qr svg").BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.True(box.Width >= 300 && box.Width <= 390, $"the QR image is {box.Width} px wide");
        Assert.Equal(box.Width, box.Height, 1);
        var shortCode = await page.InnerTextAsync("#short-code");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("visit-code-phone.png"), FullPage = true });

        // The enterprise types the code under the image on the public home page, in small letters.
        var citizen = await fixture.NewPageAsync(phone: true);
        await citizen.GotoAsync("/");
        Assert.True(await citizen.EvaluateAsync<bool>(FitsThePhone), "the public home page is wider than the phone");
        await citizen.FillAsync("#home-code-input", shortCode.ToLowerInvariant());
        await citizen.ClickAsync("#home-code button[type=submit]");
        await citizen.WaitForSelectorAsync("#verdict");
        Assert.Equal(shortCode, await citizen.InnerTextAsync("#short-code"));
        Assert.True(await citizen.EvaluateAsync<bool>(FitsThePhone), "the verification page is wider than the phone");
    }

    [SkippableFact]
    public async Task The_coordinators_home_and_its_charts_fit_a_desk_and_a_phone()
    {
        foreach (var phone in new[] { false, true })
        {
            var page = await fixture.SignInAsync("coordinator", phone);
            await page.GotoAsync("/");
            await page.WaitForSelectorAsync("#chart-counties canvas");
            Assert.True(await page.EvaluateAsync<bool>(FitsThePhone), $"the coordinator's home page is wider than the {(phone ? "phone" : "desk")}");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot(phone ? "home-coordinator-phone.png" : "home-coordinator.png"), FullPage = true });
        }
    }
}
