using System.Text.Json;
using System.Text.RegularExpressions;
using QualityCity.Web.Hosting;
using QualityCity.Web.Tests.Infrastructure;
using QualityCity.Web.Tests.Security;

namespace QualityCity.Web.Tests.Operations;

/// <summary>
/// The OpenAPI document an integrator works from: every operation says what it does in Chinese and
/// English, the document says how to sign in and send the anti-forgery token, and the roles it
/// names for each operation are those of docs/authorization-matrix.csv. The document does not depend
/// on the database, so it is read on SQLite only.
/// </summary>
public sealed partial class ApiReferenceTests(SqliteFactory factory) : PlatformTest(factory), IClassFixture<SqliteFactory>
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Chinese();

    [GeneratedRegex("[A-Za-z]{3,}")]
    private static partial Regex English();

    [GeneratedRegex(@"\{\**(\w+)[^}]*\}")]
    private static partial Regex RouteParameter();

    private async Task<JsonElement> DocumentAsync()
    {
        SkipIfUnavailable();
        var json = await Factory.AnonymousClient().GetStringAsync("/openapi/v1.json");
        return JsonDocument.Parse(json).RootElement.Clone();
    }

    private static IEnumerable<(string Method, string Path, JsonElement Operation)> Operations(JsonElement document) =>
        document.GetProperty("paths").EnumerateObject().SelectMany(path => path.Value.EnumerateObject()
            .Where(o => Methods.Contains(o.Name))
            .Select(o => (o.Name.ToUpperInvariant(), path.Name, o.Value)));

    private static string Text(JsonElement operation, string property) =>
        operation.TryGetProperty(property, out var value) ? value.GetString() ?? "" : "";

    /// <summary>The endpoint's own description: the access line every operation gets is not one.</summary>
    private static string OwnDescription(JsonElement operation) =>
        string.Join("\n", Text(operation, "description").Split('\n').Where(l => !l.StartsWith("**权限 Access:**", StringComparison.Ordinal))).Trim();

    [SkippableFact]
    public async Task Every_operation_has_a_summary_and_a_description_in_chinese_and_in_english()
    {
        var document = await DocumentAsync();
        var operations = Operations(document).ToList();
        Assert.True(operations.Count > 100, $"only {operations.Count} operations in the document");
        var missing = new List<string>();
        foreach (var (method, path, operation) in operations)
        {
            var summary = Text(operation, "summary");
            var description = OwnDescription(operation);
            if (!Chinese().IsMatch(summary) || !English().IsMatch(summary))
            {
                missing.Add($"{method} {path}: summary '{summary}'");
            }

            if (!Chinese().IsMatch(description) || !English().IsMatch(description))
            {
                missing.Add($"{method} {path}: description '{description}'");
            }

            if (!operation.TryGetProperty("tags", out var tags) || tags.GetArrayLength() == 0)
            {
                missing.Add($"{method} {path}: no tag");
            }
        }

        Assert.True(missing.Count == 0, "operations without a Chinese and English summary and description:\n" + string.Join("\n", missing));
    }

    [SkippableFact]
    public async Task Every_tag_is_described_and_no_schema_is_named_after_an_anonymous_type()
    {
        var document = await DocumentAsync();
        var described = document.GetProperty("tags").EnumerateArray()
            .Where(t => Chinese().IsMatch(Text(t, "description")) && English().IsMatch(Text(t, "description"))).Select(t => Text(t, "name")).ToHashSet();
        var used = Operations(document).SelectMany(o => o.Operation.GetProperty("tags").EnumerateArray().Select(t => t.GetString()!)).ToHashSet();
        Assert.Empty(used.Except(described));
        Assert.DoesNotContain(document.GetProperty("components").GetProperty("schemas").EnumerateObject(),
            schema => schema.Name.Contains("AnonymousType", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task The_document_explains_signing_in_and_declares_the_cookie_and_the_antiforgery_header()
    {
        var document = await DocumentAsync();
        var introduction = Text(document.GetProperty("info"), "description");
        foreach (var needed in new[] { "POST /api/account/login", "GET /api/account/csrf-token", "X-CSRF-TOKEN", "qc.auth", "POST", "PUT", "DELETE", "401", "403", "429" })
        {
            Assert.Contains(needed, introduction, StringComparison.Ordinal);
        }

        Assert.Matches(Chinese(), introduction);
        var schemes = document.GetProperty("components").GetProperty("securitySchemes");
        var cookie = schemes.GetProperty(ApiReference.CookieScheme);
        Assert.Equal(("apiKey", "cookie", "qc.auth"), (Text(cookie, "type"), Text(cookie, "in"), Text(cookie, "name")));
        var header = schemes.GetProperty(ApiReference.CsrfScheme);
        Assert.Equal(("apiKey", "header", WebSecurity.CsrfHeader), (Text(header, "type"), Text(header, "in"), Text(header, "name")));

        // A change made while signed in needs both; a read needs the cookie; the sign-in itself needs nothing.
        var paths = document.GetProperty("paths");
        Assert.Equal(new[] { ApiReference.CookieScheme, ApiReference.CsrfScheme }.Order(StringComparer.Ordinal),
            SchemesOf(paths.GetProperty("/api/registry/regrade").GetProperty("post")).Order(StringComparer.Ordinal));
        Assert.Equal([ApiReference.CookieScheme], SchemesOf(paths.GetProperty("/api/registry/entities").GetProperty("get")));
        Assert.Empty(SchemesOf(paths.GetProperty("/api/account/login").GetProperty("post")));
    }

    [SkippableFact]
    public async Task The_api_reference_page_runs_under_the_nonce_policy_and_names_nothing_outside_the_platform()
    {
        SkipIfUnavailable();
        var response = await Factory.AnonymousClient().GetAsync("/api-docs/");
        response.EnsureSuccessStatusCode();
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.DoesNotContain("unsafe-inline", string.Join(";", policy.Split(';').Where(d => !d.Trim().StartsWith("style-src-attr", StringComparison.Ordinal))),
            StringComparison.Ordinal);
        var nonce = Regex.Match(policy, "'nonce-([0-9a-f]+)'").Groups[1].Value;
        Assert.NotEmpty(nonce);
        var html = await response.Content.ReadAsStringAsync();
        // Every script element carries this response's nonce or loads a file of the site itself.
        foreach (Match script in Regex.Matches(html, "<script[^>]*>"))
        {
            Assert.True(script.Value.Contains($"nonce=\"{nonce}\"", StringComparison.Ordinal) || Regex.IsMatch(script.Value, "src=\"(/|[a-z])"), script.Value);
        }

        Assert.Contains($"<meta property=\"csp-nonce\" content=\"{nonce}\">", html, StringComparison.Ordinal);
        Assert.DoesNotMatch("(src|href)=\"(https?:)?//", html);
        Assert.DoesNotContain("fonts.scalar.com", html, StringComparison.Ordinal);
    }

    private static List<string> SchemesOf(JsonElement operation) =>
        operation.TryGetProperty("security", out var security)
            ? security.EnumerateArray().SelectMany(r => r.EnumerateObject().Select(s => s.Name)).ToList()
            : [];

    [SkippableFact]
    public async Task The_roles_the_document_names_are_those_of_the_authorization_matrix()
    {
        var document = await DocumentAsync();
        var matrix = AuthorizationMatrix.Load().ToDictionary(r => $"{r.Method} {RouteParameter().Replace(r.Route, "{$1}")}", StringComparer.Ordinal);
        var differences = new List<string>();
        foreach (var (method, path, operation) in Operations(document))
        {
            if (!matrix.TryGetValue($"{method} {path}", out var row))
            {
                differences.Add($"{method} {path}: not in docs/authorization-matrix.csv");
                continue;
            }

            var isPublic = SchemesOf(operation).Count == 0;
            var named = operation.TryGetProperty(ApiReference.RolesExtension, out var roles)
                ? roles.EnumerateArray().Select(r => r.GetString()!).Order(StringComparer.Ordinal).ToList()
                : [];
            var allowed = row.Callers.Where(c => c.Key != "public" && c.Value != Access.No).Select(c => c.Key).Order(StringComparer.Ordinal).ToList();
            if (isPublic != (row.Callers["public"] != Access.No) || (!isPublic && !named.SequenceEqual(allowed)))
            {
                differences.Add($"{method} {path}: document {(isPublic ? "public" : string.Join(",", named))}, matrix {string.Join(",", row.Callers.Where(c => c.Value != Access.No).Select(c => c.Key))}");
            }
        }

        Assert.True(differences.Count == 0, "the document and the matrix differ:\n" + string.Join("\n", differences));
    }
}
