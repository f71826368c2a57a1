using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using QualityCity.Web.Data;
using QualityCity.Web.Modules.Inspections;
using QualityCity.Web.Tests.Security;
using Xunit.Abstractions;

namespace QualityCity.Web.Tests.Browser;

/// <summary>
/// Every page for every role, on a phone (390×844) and widened to a desk (1366×768), in Chinese and in
/// English: nothing wider than the screen, no console error, no failed request, and every text in
/// the page's language. The pages come from docs/authorization-matrix.csv, so a new page is walked
/// as soon as it has its row. Names (enterprises, addresses, people) are marked translate="no" in
/// the markup, which the language scan skips, as browser translators do. A screenshot of each page
/// goes to TestResults/walk under the test's output directory.
/// </summary>
public sealed partial class PageWalkTests(BrowserFixture fixture, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    /// <summary>The accounts walked, with their column of the matrix; null is the public.</summary>
    private static readonly (string? Account, string Caller)[] Callers =
    [
        (null, "public"), ("admin", "admin"), ("coordinator", "coordinator"), ("samr.head", "dept_head"), ("emergency.head", "dept_head"),
        ("samr.inspector", "inspector"), ("enterprise", "enterprise"), ("enterprise2", "enterprise"),
    ];

    private static readonly (string Name, int Width, int Height)[] Screens = [("phone", 390, 844), ("desk", 1366, 768)];

    /// <summary>
    /// GET routes that are no page a person reads: files, feeds, keys, the API reference (its text is
    /// the API's own), the language switch and signing out (which would end the walk's session).
    /// </summary>
    private static readonly string[] NotPages =
    [
        "/api/", "/api-docs", "/.well-known/", "/healthz", "/metrics", "/openapi/", "/open-data/", "/open311/", "/culture/", "/favicon", "/error/", "/account/logout",
    ];

    /// <summary>
    /// (page, check) failures of pages being changed in other parts of the work: being fixed in
    /// another part. Empty this list once those parts are merged; an entry that no longer fails is
    /// itself reported, so the list cannot go stale.
    /// </summary>
    private static readonly HashSet<(string Page, string Check)> ExpectedElsewhere =
    [
    ];

    /// <summary>Latin words a Chinese page may show: codes, units, standards, formats and product names.</summary>
    private static readonly HashSet<string> LatinAllowed = new(StringComparer.Ordinal)
    {
        "GB", "GB/T", "API", "Excel", "CSV", "csv", "xlsx", "JSON", "PDF", "QR", "URL", "HTTP", "HTTPS", "PNG", "JPEG", "JPG", "ZIP", "OpenAPI", "SHA", "PEM", "ID",
        "WebP", "kg", "mg", "km", "cm", "mm", "ml", "mL", "kW", "kV", "kWh", "MPa", "kPa", "Hz", "ppm", "pH", "dB", "lx", "KPI", "English",
    };

    private const string CheckOverflow = "overflow";
    private const string CheckConsole = "console";
    private const string CheckRequest = "request";
    private const string CheckLanguage = "language";

    private sealed record Failure(string Page, string Url, string Account, string Screen, string Language, string Check, string What)
    {
        public override string ToString() => $"{Url} [{Account}, {Screen}, {Language}] {Check}: {What}";
    }

    /// <summary>What one page load heard from the browser.</summary>
    private sealed class Heard
    {
        public List<string> Console { get; } = [];
        public List<string> Requests { get; } = [];
        public int InFlight;
    }

    [SkippableFact]
    public async Task Every_page_for_every_role_fits_the_screen_loads_cleanly_and_speaks_one_language()
    {
        var sample = await fixture.NewPageAsync();
        await sample.Context.CloseAsync();
        var values = await RouteValuesAsync();
        var pages = AuthorizationMatrix.Load().Where(r => r.Method == "GET" && !NotPages.Any(p => r.Route.StartsWith(p, StringComparison.Ordinal)) && !r.Route.Contains("?handler=", StringComparison.Ordinal)).ToList();
        var folder = Path.Combine(AppContext.BaseDirectory, "TestResults", "walk");
        Directory.CreateDirectory(folder);

        // Two contexts at a time (a caller in both languages): the walk's time halves, the machine stays usable.
        var walks = new List<(string? Account, string Caller, bool English)>();
        foreach (var (account, caller) in Callers)
        {
            walks.Add((account, caller, false));
            walks.Add((account, caller, true));
        }

        var failures = new List<Failure>();
        var visited = 0;
        using var signingIn = new SemaphoreSlim(1, 1);
        var walked = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        foreach (var pair in walks.Chunk(2))
        {
            foreach (var found in await Task.WhenAll(pair.Select(w => WalkAsync(w.Account, w.Caller, w.English, pages, values, folder, signingIn, walked))))
            {
                failures.AddRange(found.Failures);
                visited += found.Visited;
            }
        }

        output.WriteLine($"{visited} page loads; screenshots in {folder}");
        // A caller whose data holds none of a page's records (an enterprise never inspected at the
        // frozen instant) leaves no gap as long as another caller walked the page.
        failures.RemoveAll(f => f.Check == "data" && walked.ContainsKey(f.Page));
        var unexpected = failures.Where(f => !ExpectedElsewhere.Contains((f.Page, f.Check))).ToList();
        var stale = ExpectedElsewhere.Where(e => !failures.Any(f => (f.Page, f.Check) == e)).ToList();
        foreach (var expected in failures.Except(unexpected))
        {
            output.WriteLine("expected (being fixed in another part): " + expected);
        }

        var message = new StringBuilder();
        if (unexpected.Count > 0)
        {
            // The same failure for several callers, widths or languages is one line naming them all.
            message.AppendLine($"{unexpected.Count} failures on the walk:");
            foreach (var same in unexpected.GroupBy(f => (f.Page, f.Check, f.What)).OrderBy(g => g.Key.Page, StringComparer.Ordinal).ThenBy(g => g.Key.Check, StringComparer.Ordinal))
            {
                var where = string.Join(" ", same.Select(f => $"{f.Account}/{f.Screen}/{f.Language}").Distinct());
                message.AppendLine($"{same.First().Url} {same.Key.Check}: {same.Key.What} [{where}]");
            }
        }

        foreach (var (page, check) in stale)
        {
            message.AppendLine($"({page}, {check}) no longer fails: remove it from ExpectedElsewhere");
        }

        Assert.True(message.Length == 0, message.ToString());
    }

    /// <summary>One caller in one language: a context, signed in once, every page the caller may see at both widths.</summary>
    private async Task<(List<Failure> Failures, int Visited)> WalkAsync(string? account, string caller, bool english,
        List<MatrixRow> pages, Dictionary<string, string> values, string folder, SemaphoreSlim signingIn, ConcurrentDictionary<string, bool> walked)
    {
        var failures = new List<Failure>();
        var visited = 0;
        var language = english ? "en" : "zh";
        var context = await fixture.Browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = fixture.BaseAddress.ToString(), Locale = english ? "en-US" : "zh-CN", ViewportSize = new ViewportSize { Width = 390, Height = 844 },
        });
        var page = await context.NewPageAsync();
        var heard = new Heard();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                heard.Console.Add(message.Text);
            }
        };
        page.PageError += (_, error) => heard.Console.Add(error);
        page.Request += (_, _) => Interlocked.Increment(ref heard.InFlight);
        page.RequestFinished += (_, _) => Interlocked.Decrement(ref heard.InFlight);
        page.RequestFailed += (_, request) =>
        {
            Interlocked.Decrement(ref heard.InFlight);
            heard.Requests.Add($"{request.Method} {PathOf(request.Url)} failed ({request.Failure})");
        };
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                heard.Requests.Add($"{response.Request.Method} {PathOf(response.Url)} answered {response.Status}");
            }
        };

        await page.GotoAsync($"/culture/{(english ? "en" : "zh-CN")}?returnUrl=/");
        if (account is not null)
        {
            // One sign-in at a time: the two contexts of a pair sign in the same account.
            await signingIn.WaitAsync();
            try
            {
                await page.GotoAsync("/account/login");
                await page.FillAsync("#userName", account);
                await page.FillAsync("#password", Demo.DemoCity.DemoPassword);
                await page.NavigatesAsync(() => page.ClickAsync("button[type=submit]"), url => !url.Contains("/account/login", StringComparison.Ordinal));
            }
            finally
            {
                signingIn.Release();
            }
        }

        foreach (var row in pages.Where(r => r.Callers[caller] != Access.No))
        {
            var url = Fill(row.Route, account, values, out var missing);
            if (url is null)
            {
                failures.Add(new Failure(row.Route, row.Route, account ?? "public", "-", language, "data", $"no value for {missing}: give the walk one (RouteValuesAsync)"));
                continue;
            }

            walked[row.Route] = true;

            // The catch-all answers 404 on purpose.
            var deliberate = row.Route.StartsWith("/{*", StringComparison.Ordinal) ? 404 : 0;
            // One load a page, on the phone; then the same page widened to the desk, as a window is
            // widened: the styles that depend on the width apply again without a second load, which
            // would double the walk's time and hear nothing new.
            await page.SetViewportSizeAsync(Screens[0].Width, Screens[0].Height);
            heard.Console.Clear();
            heard.Requests.Clear();
            visited++;
            IResponse? response;
            try
            {
                response = await page.GotoAsync(url);
                await QuietAsync(page, heard);
            }
            catch (PlaywrightException ex)
            {
                failures.Add(new Failure(row.Route, url, account ?? "public", Screens[0].Name, language, "load", ex.Message.Split('\n')[0]));
                continue;
            }

            foreach (var (screen, width, height) in Screens)
            {
                var found = new List<(string Check, string What)>();
                try
                {
                    if (screen == Screens[0].Name)
                    {
                        if (response is not null && response.Status >= 400 && response.Status != deliberate)
                        {
                            found.Add((CheckRequest, $"the page answered {response.Status}"));
                        }
                    }
                    else
                    {
                        await page.SetViewportSizeAsync(width, height);
                        await QuietAsync(page, heard);
                    }

                    if (await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth") is > 0 and var over)
                    {
                        found.Add((CheckOverflow, $"{over} px wider than the screen ({await WidestAsync(page)})"));
                    }

                    // What the browser heard since the last check: the load on the phone, anything the widening set off at the desk.
                    // The browser reports the deliberate 404 in the console too.
                    found.AddRange(heard.Console.Where(c => !(deliberate != 0 && c.Contains($"status of {deliberate}", StringComparison.Ordinal)))
                        .Distinct().Select(c => (CheckConsole, c)));
                    found.AddRange(heard.Requests.Where(r => !(deliberate != 0 && r.EndsWith($"answered {deliberate}", StringComparison.Ordinal) && r.Contains(PathOf(url), StringComparison.Ordinal)))
                        .Distinct().Select(r => (CheckRequest, r)));
                    heard.Console.Clear();
                    heard.Requests.Clear();
                    if (screen == "desk")
                    {
                        // The words are the same at both widths; scanning once is enough.
                        var texts = await page.EvaluateAsync<string[]>(TextsScript);
                        found.AddRange((english ? Chinese(texts) : Latin(texts)).Select(w => (CheckLanguage, w)));
                    }

                    await ScreenshotAsync(page, Path.Combine(folder, $"{Slug(row.Route)}-{account ?? "public"}-{screen}-{language}.png"));
                }
                catch (PlaywrightException ex)
                {
                    found.Add(("load", ex.Message.Split('\n')[0]));
                }

                failures.AddRange(found.Select(f => new Failure(row.Route, url, account ?? "public", screen, language, f.Check, f.What)));
            }
        }

        await context.CloseAsync();
        return (failures, visited);
    }

    /// <summary>
    /// The screen as the reader first sees it (whole long pages would double the walk's time). A
    /// screenshot is an artifact, not a check: a busy browser that cannot take one is asked again,
    /// and a second refusal is noted in the output only.
    /// </summary>
    private async Task ScreenshotAsync(IPage page, string path)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = path });
                return;
            }
            catch (PlaywrightException ex) when (attempt < 2)
            {
                output.WriteLine($"screenshot {Path.GetFileName(path)} refused once: {ex.Message.Split('\n')[0]}");
            }
            catch (PlaywrightException ex)
            {
                output.WriteLine($"no screenshot {Path.GetFileName(path)}: {ex.Message.Split('\n')[0]}");
                return;
            }
        }
    }

    /// <summary>Waits until the page has no request in flight (htmx loads after the document), at most a few seconds.</summary>
    private static async Task QuietAsync(IPage page, Heard heard)
    {
        for (var i = 0; i < 100 && Volatile.Read(ref heard.InFlight) > 0; i++)
        {
            await page.WaitForTimeoutAsync(30);
        }

        Volatile.Write(ref heard.InFlight, 0);
    }

    /// <summary>The element that sticks out furthest, to say where an overflow comes from.</summary>
    private static Task<string> WidestAsync(IPage page) => page.EvaluateAsync<string>("""
        () => {
          let worst = null, right = window.innerWidth;
          for (const el of document.body.querySelectorAll('*')) {
            const r = el.getBoundingClientRect();
            if (r.right > right + 0.5) { right = r.right; worst = el; }
          }
          if (!worst) return 'no element found';
          const id = worst.id ? '#' + worst.id : '';
          const cls = worst.classList.length ? '.' + [...worst.classList].join('.') : '';
          return worst.tagName.toLowerCase() + id + cls + ' reaches ' + Math.round(right) + ' px';
        }
        """);

    /// <summary>
    /// Every text a reader meets: text nodes, the labels and hints in attributes (data-label is the
    /// phone's card label) and the title, leaving out what is marked translate="no" and any part of
    /// the title that is such a name.
    /// </summary>
    private const string TextsScript = """
        () => {
          const out = [];
          const skipped = el => el.closest('[translate="no"],code,kbd,samp,script,style,noscript,template');
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          for (let n = walker.nextNode(); n; n = walker.nextNode()) {
            // What a text box holds is what someone typed, not the page's words (its placeholder is).
            if (n.parentElement && !skipped(n.parentElement) && !n.parentElement.closest('textarea') && n.textContent.trim()) out.push(n.textContent.trim());
          }
          for (const el of document.body.querySelectorAll('[title],[placeholder],[aria-label],[alt],[data-label],input[type=submit],input[type=button]')) {
            if (skipped(el)) continue;
            for (const a of ['title', 'placeholder', 'aria-label', 'alt', 'data-label']) { const v = el.getAttribute(a); if (v) out.push(v); }
            if (el.matches('input[type=submit],input[type=button]') && el.value) out.push(el.value);
          }
          let title = document.title;
          for (const el of document.querySelectorAll('[translate="no"]')) {
            const name = el.textContent.trim();
            if (name) title = title.split(name).join('');
          }
          out.push(title);
          return out;
        }
        """;

    [GeneratedRegex(@"https?://\S+|[\w.+-]+@[\w-]+(\.[\w-]+)+")]
    private static partial Regex AddressPattern();

    // A word starts after no letter or digit and takes the digits before its letters too: the
    // letters ending a credit code ("…909XU") or a short visit code ("1-FAGHSFGZGW") are a code's.
    [GeneratedRegex(@"(?<![A-Za-z0-9])(?:[0-9]+[-_./]?)*[A-Za-z][A-Za-z0-9]*(?:[-_./'][A-Za-z0-9]+)*")]
    private static partial Regex LatinWordPattern();

    [GeneratedRegex(@"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]+")]
    private static partial Regex ChinesePattern();

    /// <summary>Latin words on a Chinese page that are no code (a word with a digit), single letter, address or allowed word.</summary>
    private static IEnumerable<string> Latin(IEnumerable<string> texts) => texts
        .SelectMany(text => LatinWordPattern().Matches(AddressPattern().Replace(text, " "))
            .Where(m => m.Length > 1 && !m.Value.Any(char.IsAsciiDigit) && !LatinAllowed.Contains(m.Value))
            .Select(m => $"Latin \"{m.Value}\" in \"{Excerpt(text)}\""))
        .Distinct();

    /// <summary>Chinese characters on an English page, past the demo mark every demo name ends in (it is part of the name).</summary>
    private static IEnumerable<string> Chinese(IEnumerable<string> texts) => texts
        .Where(text => ChinesePattern().IsMatch(text.Replace(Demo.DemoCity.DemoSuffix, string.Empty, StringComparison.Ordinal)))
        .Select(text => $"Chinese \"{Excerpt(text)}\"")
        .Distinct();

    private static string Excerpt(string text)
    {
        var flat = Regex.Replace(text, @"\s+", " ");
        return flat.Length <= 60 ? flat : flat[..60] + "…";
    }

    private static string PathOf(string url) => Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.PathAndQuery : url;

    /// <summary>A file name for the page's screenshots: the route's words joined by dashes.</summary>
    private static string Slug(string route) => route == "/" ? "home" : Regex.Replace(route, "[^A-Za-z0-9]+", "-").Trim('-');

    /// <summary>The route with its parameters filled for the account; null (and the parameter) when the walk has no value for it.</summary>
    private static string? Fill(string route, string? account, Dictionary<string, string> values, out string missing)
    {
        string? lacking = null;
        var url = Regex.Replace(route, @"\{(?<name>[^}]+)\}", m =>
        {
            var key = $"{route}|{account}";
            if (values.TryGetValue(key, out var own) || values.TryGetValue(route, out own))
            {
                return own;
            }

            lacking = $"{{{m.Groups["name"].Value}}} of {route}";
            return m.Value;
        });
        missing = lacking ?? string.Empty;
        return lacking is null ? url : null;
    }

    /// <summary>
    /// Real values from the demo city for each parameterised page: an entity, a visit of the demo
    /// officer, a sample, the draw, an inspection of each demo enterprise, a published result and a
    /// visit code. Keyed by route, or "route|account" where it depends on who looks.
    /// </summary>
    private async Task<Dictionary<string, string>> RouteValuesAsync()
    {
        await using var scope = fixture.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<QualityCityDbContext>();
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var published = await db.Inspections.AsNoTracking().Where(i => i.PublishedAtUtc != null).OrderBy(i => i.Id).Select(i => new { i.Id, i.CreditCode, i.CountyCode }).FirstAsync();
        values["/results/{id:long}"] = Str(published.Id);
        values["/registry/{code}"] = published.CreditCode;
        values["/services/ip/enterprise/{code?}"] = published.CreditCode;
        values["/quality/samples/{id:long}"] = Str(await db.Samples.OrderBy(s => s.Id).Select(s => s.Id).FirstAsync());
        values["/planning/draws/{id:int}"] = Str(await db.PlanDraws.OrderByDescending(d => d.Id).Select(d => d.Id).FirstAsync());
        values["/v/{code}"] = await db.Visits.Where(v => v.Status == VisitStatus.Registered).OrderBy(v => v.Id).Select(v => v.Code).FirstAsync();
        var officer = await db.Users.Where(u => u.UserName == "samr.inspector").Select(u => u.InspectorId!.Value).SingleAsync();
        var visit = await db.VisitInspectors.Where(i => i.InspectorId == officer).OrderBy(i => i.VisitId).Select(i => (long?)i.VisitId).FirstOrDefaultAsync();
        if (visit is not null)
        {
            values["/inspector/visits/{id:long}|samr.inspector"] = Str(visit.Value);
            values["/inspector/visits/{id:long}/code|samr.inspector"] = Str(visit.Value);
        }

        // Enterprise development: a chain, a plan, and an enterprise's page — the cable firm for those
        // who may see it (its commissioner samr.inspector among them), the look-up form for heads who serve none.
        values["/development/chains/{code}"] = "bearing";
        values["/development/import/{kind}"] = "tier-data"; // the table whose columns come from the criteria file
        values["/development/capacity/{id:long}"] = Str(await db.CapacityPlans.OrderBy(p => p.Id).Select(p => p.Id).FirstAsync());
        values["/development/enterprise/{code?}"] = await db.Users.Where(u => u.UserName == "enterprise").Select(u => u.CreditCode!).SingleAsync();
        values["/development/enterprise/{code?}|samr.head"] = string.Empty;
        values["/development/enterprise/{code?}|emergency.head"] = string.Empty;
        values["/development/enterprise/{code?}|enterprise2"] = await db.Users.Where(u => u.UserName == "enterprise2").Select(u => u.CreditCode!).SingleAsync();

        foreach (var enterprise in new[] { "enterprise", "enterprise2" })
        {
            var code = await db.Users.Where(u => u.UserName == enterprise).Select(u => u.CreditCode!).SingleAsync();
            values[$"/registry/{{code}}|{enterprise}"] = code;
            values[$"/services/ip/enterprise/{{code?}}|{enterprise}"] = code;
            var inspection = await db.Inspections.Where(i => i.CreditCode == code).OrderByDescending(i => i.Id).Select(i => (long?)i.Id).FirstOrDefaultAsync();
            if (inspection is not null)
            {
                values[$"/enterprise/inspections/{{id:long}}|{enterprise}"] = Str(inspection.Value);
            }
        }

        // Public voice: one item dispatched to the market regulator and one to the emergency bureau, each seen by its own department.
        string VoiceItem(string department)
        {
            var item = new QualityCity.Web.Modules.PublicVoice.VoiceItem
            {
                TrackingCode = QualityCity.Domain.PublicVoice.TrackingCode.GenerateSecure().Canonical, Kind = "complaint", Channel = "web", Source = "web",
                CategoryCode = "food-catering", CountyCode = "371521", Description = "餐馆后厨卫生条件差，请核查。", Anonymous = true, State = "dispatched",
                AssignedDepartment = department, ReceivedAtUtc = Infrastructure.TestClock.UtcNow, UpdatedAtUtc = Infrastructure.TestClock.UtcNow,
            };
            db.VoiceItems.Add(item);
            return item.TrackingCode;
        }

        values["/voice/items/{code}"] = VoiceItem("samr");
        values["/voice/items/{code}|emergency.head"] = VoiceItem("emergency");
        values["/voice/track/{code?}"] = values["/voice/items/{code}"];

        // One window: each demo enterprise's own demand (the demo city files some), and one routed to the emergency bureau for its head.
        foreach (var enterprise in new[] { "enterprise", "enterprise2" })
        {
            var code = await db.Users.Where(u => u.UserName == enterprise).Select(u => u.CreditCode!).SingleAsync();
            values[$"/enterprise/demands/{{demandCode}}|{enterprise}"] = await db.Demands.Where(d => d.CreditCode == code).OrderBy(d => d.Id).Select(d => d.Code).FirstAsync();
        }

        values["/services/demands/{demandCode}"] = await db.Demands.Where(d => d.RoutedUnit == "samr").OrderBy(d => d.Id).Select(d => d.Code).FirstAsync();
        var emergencyDemand = new QualityCity.Web.Modules.Services.OneWindow.Demand
        {
            Code = "D2099-000001", Year = 2099, Number = 1, CreditCode = published.CreditCode, EnterpriseName = "演示企业", CountyCode = published.CountyCode, Kind = "other", Complexity = "ordinary",
            Title = "安全生产咨询", Description = "请问危险化学品仓库的安全距离要求。", State = "filed", RoutedUnit = "emergency", FiledBy = "coordinator", FiledOnBehalf = true,
            FiledAtUtc = Infrastructure.TestClock.UtcNow, DueAtUtc = Infrastructure.TestClock.UtcNow.AddDays(7), UpdatedAtUtc = Infrastructure.TestClock.UtcNow,
        };
        db.Demands.Add(emergencyDemand);
        values["/services/demands/{demandCode}|emergency.head"] = emergencyDemand.Code;

        // A place poster: its QR address opens the form pre-filled.
        db.VoicePosters.Add(new QualityCity.Web.Modules.PublicVoice.VoicePoster
        {
            Code = "WKPSTR22", Target = "place", TargetKey = "place|371521|狮子楼街道|walk", CountyCode = "371521", Township = "狮子楼街道", Address = "狮子楼农贸市场",
            CreatedBy = "walk", CreatedAtUtc = Infrastructure.TestClock.UtcNow,
        });
        values["/voice/p/{code}"] = "WKPSTR22";
        await db.SaveChangesAsync();

        // A satisfaction survey drawn for the demo enterprise, with five answers about the market regulator so its results and chart show.
        var surveyed = await db.Users.Where(u => u.UserName == "enterprise").Select(u => u.CreditCode!).SingleAsync();
        var survey = new QualityCity.Web.Modules.PublicVoice.VoiceSurvey
        {
            Title = "2026 年营商环境满意度测评", Year = 2026, QuestionsJson = "[\"政策宣传解读是否及时清楚\",\"办事流程是否简便高效\"]",
            DepartmentsJson = "[\"samr\",\"emergency\"]", SampleSize = 1, PoolFile = surveyed, PoolDigest = QualityCity.Domain.Planning.DrawTickets.H(surveyed),
            PoolSize = 1, Status = QualityCity.Web.Modules.PublicVoice.VoiceSurveyStatus.Drawn, Seed = "27182818284590452353602874", CreatedBy = "coordinator",
            CommittedAtUtc = Infrastructure.TestClock.UtcNow, DrawnAtUtc = Infrastructure.TestClock.UtcNow, DrawnBy = "coordinator",
        };
        db.VoiceSurveys.Add(survey);
        await db.SaveChangesAsync();
        db.VoiceSurveySamples.Add(new QualityCity.Web.Modules.PublicVoice.VoiceSurveySample
        {
            SurveyId = survey.Id, CreditCode = surveyed, Ticket = QualityCity.Domain.Planning.DrawTickets.Ticket(survey.Seed, surveyed), Rank = 1,
        });
        for (var score = 1; score <= 5; score++)
        {
            db.VoiceSurveyScores.Add(new QualityCity.Web.Modules.PublicVoice.VoiceSurveyScore { SurveyId = survey.Id, Department = "samr", Question = 0, Score = score });
        }

        await db.SaveChangesAsync();
        values["/voice/surveys/{id:int}"] = Str(survey.Id);
        values["/voice/surveys/{id:int}/answer|enterprise"] = Str(survey.Id);

        // What items led to: a complaint forwarded to each demo enterprise, a lead, an answered suggestion with its policy task.
        values["/voice/items/{code}/outcomes"] = values["/voice/items/{code}"];
        values["/voice/items/{code}/outcomes|emergency.head"] = values["/voice/items/{code}|emergency.head"];
        var samrItem = await db.VoiceItems.SingleAsync(i => i.TrackingCode == values["/voice/items/{code}"]);
        db.VoiceLeads.Add(new QualityCity.Web.Modules.PublicVoice.VoiceLead
        {
            ItemId = samrItem.Id, Kind = "business_environment", Owner = "营商环境办", Status = "open", MarkedBy = "coordinator", MarkedAtUtc = Infrastructure.TestClock.UtcNow,
            UpdatedAtUtc = Infrastructure.TestClock.UtcNow,
        });
        foreach (var enterprise in new[] { "enterprise", "enterprise2" })
        {
            var creditCode = await db.Users.Where(u => u.UserName == enterprise).Select(u => u.CreditCode!).SingleAsync();
            var complaintCode = VoiceItem("samr");
            await db.SaveChangesAsync();
            var complaint = await db.VoiceItems.SingleAsync(i => i.TrackingCode == complaintCode);
            var forward = new QualityCity.Web.Modules.PublicVoice.VoiceForward
            {
                ItemId = complaint.Id, CreditCode = creditCode, Department = "samr", Note = "请于 5 个工作日内说明情况。", ForwardedBy = "samr.inspector",
                ForwardedAtUtc = Infrastructure.TestClock.UtcNow,
            };
            db.VoiceForwards.Add(forward);
            await db.SaveChangesAsync();
            values[$"/enterprise/voice/{{id:long}}|{enterprise}"] = Str(forward.Id);
        }

        var suggestionCode = VoiceItem("samr");
        await db.SaveChangesAsync();
        var suggestion = await db.VoiceItems.SingleAsync(i => i.TrackingCode == suggestionCode);
        suggestion.Kind = "suggestion";
        db.VoiceSuggestionOutcomes.Add(new QualityCity.Web.Modules.PublicVoice.VoiceSuggestionOutcome
        {
            ItemId = suggestion.Id, Outcome = "adopted", PublicTitle = "农贸市场增设公平秤", PublicReason = "建议合理，已纳入今年农贸市场规范化建设。", DecidedBy = "samr.head",
            DecidedAtUtc = Infrastructure.TestClock.UtcNow,
        });
        db.VoicePolicyTasks.Add(new QualityCity.Web.Modules.PublicVoice.VoicePolicyTask
        {
            ItemId = suggestion.Id, OwnerDepartment = "samr", Actions = "在全市农贸市场入口设置公平秤并每月校准。", Deadline = DateOnly.FromDateTime(Infrastructure.TestClock.Now.DateTime).AddDays(60),
            Status = "in_progress", CreatedAtUtc = Infrastructure.TestClock.UtcNow, UpdatedAtUtc = Infrastructure.TestClock.UtcNow,
        });
        await db.SaveChangesAsync();

        values["/{*path:nonfile}"] = "no-such-page";
        return values;

        static string Str(long id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
