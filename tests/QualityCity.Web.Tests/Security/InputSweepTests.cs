using System.Collections;
using System.Reflection;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Razor.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using QualityCity.Web.Tests.Infrastructure;

namespace QualityCity.Web.Tests.Security;

/// <summary>
/// Every route, called with values out of range and malformed — zero, negative and enormous
/// numbers, impossible dates, control characters, lone surrogates, text far over any limit, null
/// list elements, wrong JSON types, garbage files — as a caller allowed to reach it. None may
/// answer 500: bad input gets a 400 that names the field, or a 404 for what is not there.
/// </summary>
public abstract class InputSweepTests(QualityCityFactory factory) : PlatformTest(factory)
{
    private static readonly string[] BadNumbers = ["0", "-1", "-2147483649", "2147483648", "99999999999999999999999", "1e309", "NaN", "abc", ""];

    private static readonly string[] BadTexts =
    [
        "\u0000", "a\u0007b", "\ud800", new string('长', 5000), new string('长', 250), "=cmd|' /C calc'!A0", "../../../../etc/passwd", "<script>alert(1)</script>", " ",
        "2026-13-45", "0001-01-01", "9999-12-31", "-1", "0",
    ];

    // No %00 here: the test host cannot send it, and Kestrel refuses a path with NUL itself (400).
    private static readonly string[] BadPathValues = ["0", "-1", "99999999999999999999", "%01", "%E2%80%AE", "..%2F..%2Fetc", new string('a', 3000), "%F0%9F%98%80"];

    [SkippableFact]
    public async Task No_route_answers_500_to_out_of_range_or_malformed_input()
    {
        SkipIfUnavailable();
        var table = AuthorizationMatrix.Load().ToDictionary(r => r.Key, StringComparer.Ordinal);
        string ownCode;
        await using (var scope = OpenDb())
        {
            ownCode = await scope.Db.Users.Where(u => u.UserName == "enterprise").Select(u => u.CreditCode!).SingleAsync();
        }

        var clients = new Dictionary<string, HttpClient>(StringComparer.Ordinal) { ["public"] = Factory.AnonymousClient() };
        foreach (var (caller, user) in new[] { ("admin", "admin"), ("coordinator", "coordinator"), ("dept_head", "samr.head"), ("inspector", "samr.inspector"), ("enterprise", "enterprise") })
        {
            clients[caller] = await Factory.SignedInClientAsync(user);
        }

        var endpoints = Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        var failures = new List<string>();
        var sent = 0;
        foreach (var route in AuthorizationMatrix.RoutesOf(Factory.Services.GetRequiredService<EndpointDataSource>()))
        {
            if (route.Route.EndsWith("/logout", StringComparison.Ordinal) || !table.TryGetValue(route.Key, out var row))
            {
                continue;
            }

            // The caller most able to reach the handler: one the matrix allows outright, else one allowed for its own.
            var caller = AuthorizationMatrix.Callers.Where(c => c != "public").Prepend("public").FirstOrDefault(c => row.Callers[c] == Access.Yes)
                ?? AuthorizationMatrix.Callers.First(c => row.Callers[c] == Access.Own);
            var shape = ShapeOf(route, endpoints);
            foreach (var (description, request) in Variants(route, shape, ownCode))
            {
                using (request)
                {
                    var response = await clients[caller].SendAsync(request);
                    sent++;
                    if ((int)response.StatusCode >= 500)
                    {
                        var body = await response.Content.ReadAsStringAsync();
                        failures.Add($"{route.Key} as {caller}, {description}: {(int)response.StatusCode} {body[..Math.Min(body.Length, 200)]}");
                    }
                }
            }
        }

        Assert.True(sent > 1000, $"only {sent} requests were sent");
        Assert.True(failures.Count == 0, $"{failures.Count} of {sent} malformed requests answered 500:\n" + string.Join("\n", failures.Take(60)));
    }

    /// <summary>What a route takes: query names, the JSON body's type, form fields.</summary>
    private sealed record Shape(IReadOnlyList<string> QueryNames, Type? BodyType, IReadOnlyList<string> FormFields, bool TakesFile);

    private static Shape ShapeOf(PlatformRoute route, IReadOnlyList<RouteEndpoint> endpoints)
    {
        var path = route.Route.Split("?handler=")[0];
        var endpoint = endpoints.First(e => "/" + (e.RoutePattern.RawText ?? string.Empty).Trim('/') == path
            && (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains(route.Method) ?? true));
        var routeNames = endpoint.RoutePattern.Parameters.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var queryNames = new List<string>();
        var formFields = new List<string>();
        Type? body = null;
        var takesFile = false;

        if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is { } page)
        {
            var model = typeof(Program).Assembly.GetCustomAttributes<RazorCompiledItemAttribute>().First(i => i.Identifier == page.RelativePath).Type
                .GetProperty("Model")!.PropertyType;
            var handlerName = route.Route.Contains("?handler=", StringComparison.Ordinal) ? route.Route.Split("?handler=")[1] : string.Empty;
            var handler = model.GetMethods().FirstOrDefault(m => System.Text.RegularExpressions.Regex.IsMatch(m.Name,
                $"^On{(route.Method == "GET" ? "Get" : "Post")}{handlerName}(Async)?$"));
            foreach (var property in model.GetProperties().Where(p => p.GetCustomAttribute<BindPropertyAttribute>() is not null))
            {
                var supportsGet = property.GetCustomAttribute<BindPropertyAttribute>()!.SupportsGet;
                var names = SimpleNames(property.PropertyType, property.Name);
                (route.Method == "GET" ? supportsGet ? queryNames : [] : formFields).AddRange(names);
            }

            foreach (var parameter in handler?.GetParameters() ?? [])
            {
                if (parameter.ParameterType == typeof(IFormFile) || parameter.ParameterType == typeof(List<IFormFile>))
                {
                    takesFile = true;
                }
                else if (parameter.ParameterType != typeof(CancellationToken) && !routeNames.Contains(parameter.Name!))
                {
                    (route.Method == "GET" ? queryNames : formFields).AddRange(SimpleNames(parameter.ParameterType, parameter.Name!));
                }
            }
        }
        else if (endpoint.Metadata.GetMetadata<MethodInfo>() is { } method)
        {
            foreach (var parameter in method.GetParameters())
            {
                var type = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
                if (routeNames.Contains(parameter.Name!))
                {
                    continue;
                }

                if (type == typeof(IFormFile))
                {
                    takesFile = true;
                }
                else if (parameter.GetCustomAttribute<FromFormAttribute>() is not null)
                {
                    formFields.Add(parameter.Name!);
                }
                else if (parameter.GetCustomAttribute<AsParametersAttribute>() is not null)
                {
                    queryNames.AddRange(type.GetProperties().Select(p => Camel(p.Name)));
                }
                else if (IsSimple(type))
                {
                    queryNames.Add(parameter.Name!);
                }
                else if (IsRecord(type))
                {
                    body = type;
                }
            }
        }

        return new Shape(queryNames.Distinct().ToList(), body, formFields.Distinct().ToList(), takesFile);
    }

    private static IEnumerable<(string Description, HttpRequestMessage Request)> Variants(PlatformRoute route, Shape shape, string ownCode)
    {
        var (path, handler) = route.Route.Contains("?handler=", StringComparison.Ordinal)
            ? (route.Route.Split("?handler=")[0], "handler=" + route.Route.Split("?handler=")[1])
            : (route.Route, string.Empty);
        var placeholders = System.Text.RegularExpressions.Regex.Matches(path, @"\{\*{0,2}(?<name>[A-Za-z]+)(:[a-z]+)?\??\}").Select(m => m.Value).ToList();
        string Fill(string template, string? weird = null, string? at = null) => System.Text.RegularExpressions.Regex.Replace(template,
            @"\{\*{0,2}(?<name>[A-Za-z]+)(:[a-z]+)?\??\}", m => m.Value == at && weird is not null ? weird : m.Groups["name"].Value switch
            {
                "code" => ownCode,
                "visitKey" => "2026/" + ownCode + "/1",
                "file" => "samr-red.txt",
                "documentName" => "v1",
                "culture" => "en",
                "userName" => "admin",
                "id" when m.Value.Contains(":guid", StringComparison.Ordinal) => Guid.Empty.ToString(),
                _ => "1",
            });
        string Url(string p, string query) => p + (query.Length == 0 && handler.Length == 0 ? string.Empty : "?" + string.Join('&', new[] { handler, query }.Where(s => s.Length > 0)));

        foreach (var placeholder in placeholders)
        {
            foreach (var weird in BadPathValues)
            {
                yield return ($"path {placeholder}={weird[..Math.Min(weird.Length, 20)]}", WithBody(route, shape, new HttpRequestMessage(new HttpMethod(route.Method), Url(Fill(path, weird, placeholder), string.Empty)), null));
            }
        }

        var filled = Fill(path);
        foreach (var name in shape.QueryNames.Concat(["year", "page", "take", "q"]).Distinct())
        {
            foreach (var value in BadNumbers.Concat(BadTexts))
            {
                var query = $"{Uri.EscapeDataString(name)}={Uri.EscapeDataString(value)}";
                yield return ($"query {name}={value[..Math.Min(value.Length, 20)]}", WithBody(route, shape, new HttpRequestMessage(new HttpMethod(route.Method), Url(filled, query)), null));
            }
        }

        if (route.Method is not ("POST" or "PUT"))
        {
            yield break;
        }

        if (shape.BodyType is { } bodyType && !route.IsPage && !route.TakesForm)
        {
            foreach (var (description, json) in BodyVariants(bodyType))
            {
                var request = new HttpRequestMessage(new HttpMethod(route.Method), Url(filled, string.Empty))
                {
                    Content = new StringContent(json, Encoding.UTF8, "application/json"),
                };
                yield return ($"body {description}", request);
            }
        }

        if (route.IsPage || route.TakesForm)
        {
            foreach (var field in shape.FormFields.DefaultIfEmpty("unused"))
            {
                foreach (var value in BadNumbers.Concat(BadTexts))
                {
                    yield return ($"form {field}={value[..Math.Min(value.Length, 20)]}",
                        WithBody(route, shape, new HttpRequestMessage(new HttpMethod(route.Method), Url(filled, string.Empty)), (field, value)));
                }
            }
        }
    }

    private static HttpRequestMessage WithBody(PlatformRoute route, Shape shape, HttpRequestMessage request, (string Field, string Value)? field)
    {
        if (route.Method is not ("POST" or "PUT"))
        {
            return request;
        }

        if (route.IsPage || route.TakesForm)
        {
            var form = new MultipartFormDataContent();
            foreach (var name in shape.FormFields)
            {
                form.Add(new StringContent(field is { } f && f.Field == name ? f.Value : "1"), name);
            }

            if (shape.TakesFile)
            {
                // Bytes that are no photo, no spreadsheet, no CSV: the file's own checks must refuse them.
                form.Add(new ByteArrayContent([0x00, 0xFF, 0xFE, 0x3C, 0x68, 0x74, 0x6D, 0x6C, 0x0D, 0x0A, 0x22, 0x2C]), "file", "x.csv");
                form.Add(new ByteArrayContent([0x00, 0xFF, 0xFE, 0x3C]), "files", "x.jpg");
            }

            request.Content = form;
        }
        else
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        return request;
    }

    /// <summary>JSON bodies: the wrong kind of JSON, then each property with bad values of its type and of the wrong type.</summary>
    private static IEnumerable<(string Description, string Json)> BodyVariants(Type type)
    {
        yield return ("null", "null");
        yield return ("array", "[]");
        yield return ("string", "\"x\"");
        yield return ("broken", "{\"a\":");
        yield return ("deep", new string('[', 2000) + new string(']', 2000));
        foreach (var property in type.GetProperties())
        {
            var name = Camel(property.Name);
            foreach (var value in BadJsonValues(property.PropertyType))
            {
                yield return ($"{name}={value[..Math.Min(value.Length, 30)]}", $"{{\"{name}\":{value}}}");
            }
        }

        yield return ("every property bad", "{" + string.Join(',', type.GetProperties().Select(p => $"\"{Camel(p.Name)}\":{BadJsonValues(p.PropertyType).First()}")) + "}");
    }

    private static IEnumerable<string> BadJsonValues(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t == typeof(string))
        {
            // 250 and 1,000 characters pass the general limit but not a 200-character column's.
            return ["\"\\u0000\"", "\"\\ud800\"", $"\"{new string('长', 5000)}\"", $"\"{new string('长', 250)}\"", $"\"{new string('a', 1000)}\"",
                "\"\"", "\"=1+1\"", "123", "[]", "{}"];
        }

        if (t == typeof(int) || t == typeof(long) || t == typeof(decimal) || t == typeof(double))
        {
            return ["0", "-1", "-2147483648", "2147483647", "9223372036854775807", "1e30", "\"12\"", "null", "1.5"];
        }

        if (t == typeof(DateOnly) || t == typeof(DateTime))
        {
            return ["\"0001-01-01\"", "\"9999-12-31\"", "\"2026-02-30\"", "\"yesterday\"", "0"];
        }

        if (t == typeof(bool))
        {
            return ["\"yes\"", "2", "null"];
        }

        if (t != typeof(string) && typeof(IEnumerable).IsAssignableFrom(t))
        {
            var element = t.IsArray ? t.GetElementType()! : t.GetGenericArguments().FirstOrDefault() ?? typeof(object);
            var one = IsRecord(element) ? "{}" : element == typeof(string) ? "\"x\"" : "1";
            return ["[null]", "[null,null]", $"[{one},null]", "{}", "\"x\"", "[" + string.Join(',', Enumerable.Repeat(one, 10_050)) + "]",
                IsRecord(element) ? "[" + string.Join(',', element.GetProperties().Select(p => $"{{\"{Camel(p.Name)}\":{BadJsonValues(p.PropertyType).First()}}}")) + "]" : "[\"\\u0000\"]"];
        }

        return IsRecord(t) ? ["null", "[]", "{\"x\":1}"] : ["null"];
    }

    private static IEnumerable<string> SimpleNames(Type type, string name)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (IsSimple(t) || (t != typeof(string) && typeof(IEnumerable).IsAssignableFrom(t)))
        {
            return [name];
        }

        return IsRecord(t) || t.IsClass ? t.GetProperties().Where(p => IsSimple(Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType)).Select(p => $"{name}.{p.Name}") : [name];
    }

    private static bool IsSimple(Type type) =>
        type.IsPrimitive || type == typeof(string) || type == typeof(decimal) || type == typeof(DateOnly) || type == typeof(DateTime) || type.IsEnum;

    private static bool IsRecord(Type type) => type.GetMethod("<Clone>$") is not null;

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}

public sealed class SqliteInputSweepTests(SqliteFactory factory) : InputSweepTests(factory), IClassFixture<SqliteFactory>;

public sealed class PostgresInputSweepTests(PostgresFactory factory) : InputSweepTests(factory), IClassFixture<PostgresFactory>;
