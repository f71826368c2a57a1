using System.Text.RegularExpressions;

namespace QualityCity.Web.Tests.Infrastructure;

/// <summary>Posting a Razor page's forms as a browser does: with the antiforgery token of a page the client may open.</summary>
public static partial class PageForms
{
    /// <summary>The antiforgery token on a page's HTML.</summary>
    public static string TokenOf(string html) => Token().Match(html).Groups[1].Value;

    /// <summary>Posts <paramref name="fields"/> to <paramref name="target"/>'s handler with the token of <paramref name="page"/>.</summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string page, string target, string handler, IReadOnlyDictionary<string, string> fields)
    {
        var values = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = TokenOf(await client.GetStringAsync(page)) };
        return await client.PostAsync($"{target}?handler={handler}", new FormUrlEncodedContent(values));
    }

    /// <summary>Uploads one file as the form field <c>file</c> to the page that shows the upload form.</summary>
    public static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string page, string fileName, byte[] content)
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent(TokenOf(await client.GetStringAsync(page))), "__RequestVerificationToken" },
            { new ByteArrayContent(content), "file", fileName },
        };
        return await client.PostAsync(page, form);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
