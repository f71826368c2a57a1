using System.Collections;
using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;

namespace QualityCity.Web.Hosting;

/// <summary>
/// The rules every input obeys before a handler sees it, so that no route answers 500 to a value
/// out of range and no database is handed text it rejects (PostgreSQL refuses NUL and lone
/// surrogates; a length above a column's limit fails the insert):
/// <list type="bullet">
/// <item>text: no control characters (line breaks and tabs are allowed in request bodies), no lone
/// surrogates, at most <see cref="MaxBodyText"/> characters in a body and <see cref="MaxQueryText"/>
/// in the query string or path, unless the field declares its own [MaxLength]/[StringLength];</item>
/// <item>dates between <see cref="EarliestDate"/> and <see cref="LatestDate"/>; a number named
/// year between those years; paging numbers (page, pageSize, skip, take) not negative and bounded;
/// any [Range] a field declares;</item>
/// <item>lists: no null elements, at most <see cref="MaxListLength"/> of them.</item>
/// </list>
/// A refusal is a 400 validation problem that names the field, e.g. <c>results[2].notes</c>.
/// </summary>
public static class InputValidation
{
    public const int MaxBodyText = 4000;
    public const int MaxQueryText = 1000;
    public const int MaxListLength = 10_000;
    public const int MaxPage = 1_000_000;
    public const int MaxPageSize = 1000;
    public static readonly DateOnly EarliestDate = new(1900, 1, 1);
    public static readonly DateOnly LatestDate = new(2100, 12, 31);

    /// <summary>Applies the rules to every minimal-API endpoint of the group.</summary>
    public static TBuilder ValidateInputs<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.AddEndpointFilterFactory((factory, next) =>
        {
            var parameters = factory.MethodInfo.GetParameters();
            var checks = new List<(int Index, string Name, bool IsBody)>();
            for (var i = 0; i < parameters.Length; i++)
            {
                if (IsChecked(parameters[i].ParameterType))
                {
                    var isBody = parameters[i].GetCustomAttribute<Microsoft.AspNetCore.Mvc.FromBodyAttribute>() is not null || IsComplex(parameters[i].ParameterType);
                    // An error names the field as the caller sent it: the query's own name (page_size) when the parameter has one.
                    var name = parameters[i].GetCustomAttribute<Microsoft.AspNetCore.Mvc.FromQueryAttribute>()?.Name ?? Camel(parameters[i].Name ?? "value");
                    checks.Add((i, name, isBody));
                }
            }

            if (checks.Count == 0)
            {
                return next;
            }

            return async context =>
            {
                var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
                foreach (var (index, name, isBody) in checks)
                {
                    Check(context.Arguments[index], isBody ? string.Empty : name, isBody ? MaxBodyText : MaxQueryText, errors, depth: 0, attributes: null);
                }

                return errors.Count > 0 ? Results.ValidationProblem(errors) : await next(context);
            };
        });
        return builder;
    }

    /// <summary>
    /// The same rules for a page: its handler's arguments and its bound properties (query values of
    /// a GET, form fields of a POST). Returns the problems by field, empty when there are none.
    /// </summary>
    public static Dictionary<string, string[]> PageProblems(IEnumerable<(string Name, object? Value, Attribute[] Attributes)> values)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var (name, value, attributes) in values)
        {
            if (value is null || (!IsChecked(value.GetType()) && value is not IEnumerable))
            {
                continue;
            }

            // Form text may have line breaks; lengths follow the body rule.
            Check(value, name, MaxBodyText, errors, depth: 0, attributes);
        }

        return errors;
    }

    /// <summary>Rejects control characters in the path and query string of every request (pages included) before anything reads them.</summary>
    public static IApplicationBuilder UseQueryAndPathGuard(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (TextProblem(http.Request.Path.Value, allowLineBreaks: false, 2048) is { } pathProblem)
        {
            errors["path"] = [pathProblem];
        }

        foreach (var (key, values) in http.Request.Query)
        {
            if (TextProblem(key, allowLineBreaks: false, 100) is { } keyProblem)
            {
                errors["query"] = [keyProblem];
                continue;
            }

            foreach (var value in values)
            {
                if (TextProblem(value, allowLineBreaks: false, MaxQueryText) is { } problem)
                {
                    errors[key] = [problem];
                }
            }
        }

        if (errors.Count > 0)
        {
            await Results.ValidationProblem(errors).ExecuteAsync(http);
            return;
        }

        await next(http);
    });

    /// <summary>Why a text is refused, or null. Also used by pages for their own form fields.</summary>
    public static string? TextProblem(string? text, bool allowLineBreaks, int maxLength)
    {
        if (text is null)
        {
            return null;
        }

        if (text.Length > maxLength)
        {
            return $"at most {maxLength} characters ({text.Length} given)";
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }

            if (char.IsSurrogate(c))
            {
                return "contains an invalid character (a lone surrogate)";
            }

            if (char.IsControl(c) && !(allowLineBreaks && c is '\n' or '\r' or '\t'))
            {
                return $"contains a control character (U+{(int)c:X4})";
            }
        }

        return null;
    }

    /// <summary>Why a date is refused, or null.</summary>
    public static string? DateProblem(DateOnly date) =>
        date < EarliestDate || date > LatestDate ? $"must be between {EarliestDate:yyyy-MM-dd} and {LatestDate:yyyy-MM-dd}" : null;

    /// <summary>Why a year is refused, or null.</summary>
    public static string? YearProblem(int year) =>
        year < EarliestDate.Year || year > LatestDate.Year ? $"must be a year between {EarliestDate.Year} and {LatestDate.Year}" : null;

    private static readonly ConcurrentDictionary<Type, (PropertyInfo Property, string Name, Attribute[] Attributes)[]> Properties = new();

    private static void Check(object? value, string path, int maxText, Dictionary<string, string[]> errors, int depth, Attribute[]? attributes)
    {
        if (value is null || depth > 8)
        {
            return;
        }

        var name = path.Length == 0 ? "body" : path;
        var leaf = name[(name.LastIndexOf('.') + 1)..];
        switch (value)
        {
            case string text:
                var max = attributes?.OfType<MaxLengthAttribute>().FirstOrDefault()?.Length
                    ?? attributes?.OfType<StringLengthAttribute>().FirstOrDefault()?.MaximumLength ?? maxText;
                Add(errors, name, TextProblem(text, allowLineBreaks: maxText == MaxBodyText, max));
                return;
            case DateOnly date:
                Add(errors, name, DateProblem(date));
                return;
            case DateTime dateTime:
                Add(errors, name, DateProblem(DateOnly.FromDateTime(dateTime)));
                return;
            case DateTimeOffset instant:
                Add(errors, name, DateProblem(DateOnly.FromDateTime(instant.UtcDateTime)));
                return;
            case double or float:
                var real = Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture);
                if (!double.IsFinite(real) || Math.Abs(real) > (double)decimal.MaxValue)
                {
                    Add(errors, name, "must be a finite number");
                    return;
                }

                CheckNumber((decimal)real, name, leaf, errors, attributes);
                return;
            case int or long or decimal or short or byte:
                CheckNumber(Convert.ToDecimal(value, System.Globalization.CultureInfo.InvariantCulture), name, leaf, errors, attributes);
                return;
            case bool or Guid or Enum or char:
                return;
            case IFormFile or IFormFileCollection or HttpContext or System.Security.Claims.ClaimsPrincipal or CancellationToken or JsonElement:
                return;
            case IEnumerable list:
                var index = 0;
                foreach (var element in list)
                {
                    if (index >= MaxListLength)
                    {
                        Add(errors, name, $"at most {MaxListLength} elements");
                        return;
                    }

                    if (element is null)
                    {
                        Add(errors, $"{name}[{index}]", "must not be null");
                    }
                    else
                    {
                        Check(element, $"{path}[{index}]", maxText, errors, depth + 1, null);
                    }

                    index++;
                }

                return;
        }

        var type = value.GetType();
        if (!IsComplex(type))
        {
            return;
        }

        foreach (var (property, propertyName, propertyAttributes) in Properties.GetOrAdd(type, Describe))
        {
            Check(property.GetValue(value), path.Length == 0 ? propertyName : $"{path}.{propertyName}", maxText, errors, depth + 1, propertyAttributes);
        }
    }

    private static void CheckNumber(decimal number, string name, string leaf, Dictionary<string, string[]> errors, Attribute[]? attributes)
    {
        if (attributes?.OfType<RangeAttribute>().FirstOrDefault() is { } range)
        {
            var minimum = Convert.ToDecimal(range.Minimum, System.Globalization.CultureInfo.InvariantCulture);
            var maximum = Convert.ToDecimal(range.Maximum, System.Globalization.CultureInfo.InvariantCulture);
            if (number < minimum || number > maximum)
            {
                Add(errors, name, $"must be between {minimum} and {maximum}");
            }

            return;
        }

        switch (leaf.ToLowerInvariant())
        {
            case "year":
                Add(errors, name, number is < 1900 or > 2100 ? YearProblem((int)Math.Clamp(number, int.MinValue, int.MaxValue)) : null);
                break;
            case "page":
                Add(errors, name, number is < 1 or > MaxPage ? $"must be between 1 and {MaxPage}" : null);
                break;
            case "skip":
                Add(errors, name, number is < 0 or > int.MaxValue / 2 ? "must not be negative" : null);
                break;
            case "take" or "pagesize" or "page_size":
                Add(errors, name, number is < 1 or > MaxPageSize ? $"must be between 1 and {MaxPageSize}" : null);
                break;
        }
    }

    private static void Add(Dictionary<string, string[]> errors, string name, string? problem)
    {
        if (problem is not null && !errors.ContainsKey(name))
        {
            errors[name] = [problem];
        }
    }

    private static bool IsChecked(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type == typeof(string) || type.IsPrimitive || type == typeof(decimal) || type == typeof(DateOnly) || type == typeof(DateTime)
            || type == typeof(DateTimeOffset) || IsComplex(type) || (type.IsArray && IsChecked(type.GetElementType()!));
    }

    /// <summary>
    /// Request records of the platform: the complex types bound from bodies and [AsParameters] are
    /// all records, while the services a handler also receives (contexts, work classes) are not.
    /// </summary>
    private static bool IsComplex(Type type) =>
        type.IsClass && type != typeof(string) && type.Namespace?.StartsWith("QualityCity", StringComparison.Ordinal) == true
        && type.GetMethod("<Clone>$") is not null;

    private static (PropertyInfo, string, Attribute[])[] Describe(Type type)
    {
        // Attributes on a positional record's parameters stay on the constructor parameter unless
        // targeted at the property; both places are read.
        var constructorParameters = type.GetConstructors().SelectMany(c => c.GetParameters())
            .GroupBy(p => p.Name ?? string.Empty, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        return type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.GetIndexParameters().Length == 0)
            .Select(p => (p, Camel(p.Name), p.GetCustomAttributes().Concat(constructorParameters.TryGetValue(p.Name, out var parameter)
                ? parameter.GetCustomAttributes() : []).ToArray()))
            .ToArray();
    }

    private static string Camel(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];
}
