using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.HttpsPolicy;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QualityCity.Web.Localization;

namespace QualityCity.Web.Hosting;

/// <summary>Where the platform is reached from outside (section-less settings <c>PublicBaseUrl</c> and <c>ReverseProxy</c>).</summary>
public sealed class PublicAddress
{
    public PublicAddress(IConfiguration configuration)
    {
        if (configuration["PublicBaseUrl"] is { Length: > 0 } configured)
        {
            if (!Uri.TryCreate(configured.TrimEnd('/'), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                throw new InvalidOperationException($"PublicBaseUrl must be an absolute http(s) address such as https://zljg.example.gov.cn, not '{configured}'.");
            }

            BaseUrl = uri;
        }
    }

    /// <summary>The configured public address, e.g. https://zljg.liaocheng.gov.cn; null when not configured.</summary>
    public Uri? BaseUrl { get; }

    public bool IsHttps => BaseUrl?.Scheme == Uri.UriSchemeHttps;

    /// <summary>The base for absolute links and QR codes: the configured address, else the request's own (fine on a desk, wrong behind a proxy).</summary>
    public string BaseFor(HttpRequest request) =>
        BaseUrl is not null ? BaseUrl.AbsoluteUri.TrimEnd('/') : $"{request.Scheme}://{request.Host}";

    /// <summary>Origins a state-changing request may come from: the public address and the address the request itself was sent to.</summary>
    public bool IsOwnOrigin(HttpRequest request, string origin) =>
        string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase)
        || (BaseUrl is not null && string.Equals(origin, BaseUrl.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase));
}

/// <summary>
/// The web security baseline, applied to every response and every state change:
/// <list type="bullet">
/// <item>headers: a Content-Security-Policy that allows scripts only from the site itself or with
/// the request's nonce (no inline script), no framing, nosniff, a same-origin referrer and a
/// Permissions-Policy that turns off what the platform never uses;</item>
/// <item>HTTPS behind a reverse proxy: forwarded headers from the configured proxies only, HSTS on
/// HTTPS answers, secure cookies when the public address is https;</item>
/// <item>cross-site request forgery: a state change whose Origin (or Referer) is another site is
/// refused, and one made with the sign-in cookie needs the anti-forgery token (pages carry it in
/// their forms; scripts and htmx send it in the X-CSRF-TOKEN header).</item>
/// </list>
/// </summary>
public static class WebSecurity
{
    public const string CsrfHeader = "X-CSRF-TOKEN";
    private const string NonceKey = "qc.csp-nonce";

    /// <summary>The nonce that this response's inline scripts carry (<c>&lt;script nonce="@Context.CspNonce()"&gt;</c>).</summary>
    public static string CspNonce(this HttpContext http)
    {
        if (http.Items[NonceKey] is not string nonce)
        {
            // Hex, a subset of the base64 characters CSP allows, needs no escaping in an HTML attribute.
            nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            http.Items[NonceKey] = nonce;
        }

        return nonce;
    }

    public static IServiceCollection AddQualityCityWebSecurity(this IServiceCollection services)
    {
        services.AddSingleton<PublicAddress>();
        services.AddAntiforgery(o =>
        {
            o.HeaderName = CsrfHeader;
            o.Cookie.Name = "qc.csrf";
        });
        // Cookies are marked Secure whenever the public address is https (a proxy may reach the
        // server over plain http), otherwise when the request itself came over https.
        services.AddOptions<AntiforgeryOptions>().Configure<IConfiguration>((o, configuration) => o.Cookie.SecurePolicy = CookiePolicy(configuration));
        services.AddOptions<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(Microsoft.AspNetCore.Identity.IdentityConstants.ApplicationScheme)
            .Configure<IConfiguration>((o, configuration) => o.Cookie.SecurePolicy = CookiePolicy(configuration));
        services.AddOptions<HstsOptions>().Configure<IConfiguration>((o, configuration) =>
        {
            o.MaxAge = TimeSpan.FromDays(configuration.GetValue("Hsts:MaxAgeDays", 180));
            o.IncludeSubDomains = false;
            // HSTS is only ever sent on HTTPS answers; a proxy on the same machine may reach the server as localhost.
            o.ExcludedHosts.Clear();
        });
        services.AddOptions<ForwardedHeadersOptions>().Configure<IConfiguration>((o, configuration) =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Only the proxies named in configuration are believed; the defaults (loopback) are dropped
            // so that nobody on the server itself can claim another client address.
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in configuration.GetSection("ReverseProxy:KnownProxies").Get<string[]>() ?? [])
            {
                o.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in configuration.GetSection("ReverseProxy:KnownNetworks").Get<string[]>() ?? [])
            {
                o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        return services;
    }

    private static CookieSecurePolicy CookiePolicy(IConfiguration configuration) =>
        new PublicAddress(configuration).IsHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;

    public static bool BehindProxy(IConfiguration configuration) =>
        configuration.GetSection("ReverseProxy:KnownProxies").Get<string[]>() is { Length: > 0 }
        || configuration.GetSection("ReverseProxy:KnownNetworks").Get<string[]>() is { Length: > 0 };

    private static string Policy(string inline) =>
        $"default-src 'self'; script-src 'self' {inline}; style-src 'self' {inline}; style-src-attr 'unsafe-inline'; img-src 'self' data:; " +
        "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    private static readonly string JsonPolicy = Policy(string.Empty).Replace(" ;", ";", StringComparison.Ordinal);

    private static bool IsJson(string? contentType) =>
        contentType is not null && System.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var media)
                                && media.MediaType is { } type && (type == "application/json" || type.EndsWith("+json", StringComparison.Ordinal));

    /// <summary>Sets the headers on every response, whatever produced it.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((http, next) =>
    {
        http.Response.OnStarting(() =>
        {
            var headers = http.Response.Headers;
            // Every page, the API reference included, runs only the site's files and the inline scripts
            // and style elements that carry this response's nonce. A JSON answer has no inline script
            // or style at all: it gets the same policy without a nonce, and the API's hot paths (the
            // public intake) no random nonce per answer.
            headers.ContentSecurityPolicy = IsJson(http.Response.ContentType) ? JsonPolicy : Policy($"'nonce-{http.CspNonce()}'");
            headers.XFrameOptions = "DENY";
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(self), payment=(), usb=(), interest-cohort=()";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            return Task.CompletedTask;
        });
        return next(http);
    });

    /// <summary>After authentication: refuses cross-site state changes and cookie-authenticated ones without the anti-forgery token.</summary>
    public static IApplicationBuilder UseCrossSiteRequestChecks(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var method = http.Request.Method;
        if (HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method))
        {
            await next(http);
            return;
        }

        var address = http.RequestServices.GetRequiredService<PublicAddress>();
        var origin = http.Request.Headers.Origin.ToString();
        if (origin.Length == 0 && Uri.TryCreate(http.Request.Headers.Referer.ToString(), UriKind.Absolute, out var referer))
        {
            origin = referer.GetLeftPart(UriPartial.Authority);
        }

        if (origin.Length > 0 && !address.IsOwnOrigin(http.Request, origin))
        {
            await Results.Problem(http.RequestServices.GetRequiredService<Text>()["只能在本站自己的页面上修改（请求来自其他网站）"],
                statusCode: StatusCodes.Status403Forbidden).ExecuteAsync(http);
            return;
        }

        // Pages validate their form token themselves (Razor Pages' automatic antiforgery); every
        // other endpoint reached with the sign-in cookie needs the token in the header or the form.
        var isPage = http.GetEndpoint()?.Metadata.GetMetadata<PageActionDescriptor>() is not null;
        if (!isPage && http.User.Identity?.IsAuthenticated == true
            && !await http.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(http))
        {
            await Results.ValidationProblem(new Dictionary<string, string[]>
            {
                [CsrfHeader] = [http.RequestServices.GetRequiredService<Text>()["缺少或无效的防伪令牌：请把 GET /api/account/csrf-token 取得的令牌放在 X-CSRF-TOKEN 请求头中发送"]],
            }).ExecuteAsync(http);
            return;
        }

        await next(http);
    });
}
