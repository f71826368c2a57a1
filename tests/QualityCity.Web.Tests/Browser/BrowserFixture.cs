using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using QualityCity.Web.Tests.Infrastructure;

namespace QualityCity.Web.Tests.Browser;

/// <summary>
/// The platform on a real Kestrel port with Debian's Chromium driven by Playwright. Runs when
/// <c>QC_TEST_CHROMIUM</c> (or /usr/bin/chromium) exists; <c>QC_REQUIRE_BROWSER=1</c> (set by
/// .ci/run) makes a missing browser a failure instead of a skip. Screenshots go to
/// <c>TestResults/screenshots</c> as test artifacts.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public QualityCityFactory Factory { get; } = new SqliteQualityFactory();
    public IBrowser? Browser { get; private set; }
    public string? UnavailableReason { get; private set; }
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1");

    public static string ScreenshotFolder
    {
        get
        {
            var folder = Path.Combine(FindRepositoryRoot(), "TestResults", "screenshots");
            Directory.CreateDirectory(folder);
            return folder;
        }
    }

    public async Task InitializeAsync()
    {
        var executable = Environment.GetEnvironmentVariable("QC_TEST_CHROMIUM") is { Length: > 0 } configured ? configured : "/usr/bin/chromium";
        if (!File.Exists(executable))
        {
            UnavailableReason = $"no Chromium at {executable}";
            if (Environment.GetEnvironmentVariable("QC_REQUIRE_BROWSER") == "1")
            {
                throw new InvalidOperationException($"QC_REQUIRE_BROWSER=1 but {UnavailableReason}: the browser suite must run.");
            }

            return;
        }

        Factory.UseKestrel(0);
        Factory.StartServer();
        var address = Factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal));

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            // Flags for a closed network and a root user, as the machine notes describe.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>A new page (desk or phone viewport, Chinese), skipping the test when there is no browser.</summary>
    public async Task<IPage> NewPageAsync(bool phone = false)
    {
        Skip.If(UnavailableReason is not null, UnavailableReason);
        var context = await Browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            Locale = "zh-CN",
            ViewportSize = phone ? new ViewportSize { Width = 390, Height = 844 } : new ViewportSize { Width = 1366, Height = 900 },
        });
        // Every class starts its own server and browser, and they run side by side on two cores: a page
        // that waits for its scripts can take longer than Playwright's 30 s default on a loaded machine.
        context.SetDefaultTimeout(90_000);
        context.SetDefaultNavigationTimeout(90_000);
        return await context.NewPageAsync();
    }

    /// <summary>A new page signed in as a demo account.</summary>
    public async Task<IPage> SignInAsync(string userName, bool phone = false)
    {
        var page = await NewPageAsync(phone);
        await page.GotoAsync("/account/login");
        await page.FillAsync("#userName", userName);
        await page.FillAsync("#password", Demo.DemoCity.DemoPassword);
        await page.ClickAsync("button[type=submit]");
        // Signing in is done once a page with the sign-out button is there. Waiting for the DOM rather
        // than for a load event: the landing page's scripts and images are the next step's business, and
        // a load event that a redirect chain swallowed once left a run waiting for its whole timeout.
        await page.WaitForSelectorAsync("form[action='/account/logout']", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached });
        return page;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await Factory.DisposeAsync();
    }

    private static string FindRepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "QualityCity.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? Path.GetTempPath();
    }
}
