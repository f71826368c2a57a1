using System.Text.Json;
using System.Xml.Linq;
using Json.Schema;

namespace QualityCity.Web.Tests.PublicVoice;

/// <summary>
/// The Open311 community's GeoReport v2 JSON schemas (Fixtures/open311-georeport-v2, unchanged) with
/// JsonSchema.Net, formats enforced; plus what the schemas leave out: the items of a list are objects.
/// And the XML check: an XML answer carries exactly the JSON answer's values.
/// </summary>
public static class Open311Schemas
{
    private static readonly Lazy<Dictionary<string, JsonSchema>> Schemas = new(Load);

    private static Dictionary<string, JsonSchema> Load()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "Fixtures", "open311-georeport-v2");
        var build = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
        var schemas = new Dictionary<string, JsonSchema>(StringComparer.Ordinal);
        // The referenced schemas first: requests.json and services.json "$ref" them by their file name.
        foreach (var file in new[] { "request.json", "service.json", "service-definition.json", "requests.json", "services.json" })
        {
            var path = Path.Combine(folder, file);
            schemas[file] = JsonSchema.FromFile(path, build, new Uri("file://" + path));
        }

        return schemas;
    }

    /// <summary>Fails with every error the schema finds; a list's items must also be objects.</summary>
    public static void AssertValid(string schema, string json)
    {
        using var document = JsonDocument.Parse(json);
        var result = Schemas.Value[schema].Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        var errors = result.IsValid ? [] : (result.Details ?? []).Where(d => d.Errors is not null)
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} {e.Key}: {e.Value}")).ToList();
        Assert.True(result.IsValid, $"not valid against {schema}: {string.Join("; ", errors)}\n{json}");
        if (schema is "requests.json" or "services.json")
        {
            Assert.Equal(JsonValueKind.Array, document.RootElement.ValueKind);
            Assert.All(document.RootElement.EnumerateArray(), item => Assert.Equal(JsonValueKind.Object, item.ValueKind));
        }
    }

    /// <summary>
    /// The XML answer starts with the UTF-8 declaration and holds the JSON answer's values, field by
    /// field in the same order: an object's fields as child elements, a list's items as children of its
    /// element, null as an empty element, numbers and booleans as their text.
    /// </summary>
    public static void AssertSameValues(string json, string xml, string root)
    {
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", xml, StringComparison.Ordinal);
        var element = XDocument.Parse(xml).Root!;
        Assert.Equal(root, element.Name.LocalName);
        using var document = JsonDocument.Parse(json);
        Same(document.RootElement, element, root);
    }

    private static void Same(JsonElement json, XElement xml, string path)
    {
        switch (json.ValueKind)
        {
            case JsonValueKind.Object:
                var fields = json.EnumerateObject().ToList();
                var children = xml.Elements().ToList();
                Assert.True(fields.Select(f => f.Name).SequenceEqual(children.Select(c => c.Name.LocalName)),
                    $"{path}: JSON fields {string.Join(',', fields.Select(f => f.Name))} but XML elements {string.Join(',', children.Select(c => c.Name.LocalName))}");
                for (var i = 0; i < fields.Count; i++)
                {
                    Same(fields[i].Value, children[i], $"{path}/{fields[i].Name}");
                }

                break;
            case JsonValueKind.Array:
                var items = json.EnumerateArray().ToList();
                var elements = xml.Elements().ToList();
                Assert.True(items.Count == elements.Count, $"{path}: {items.Count} JSON items, {elements.Count} XML elements");
                for (var i = 0; i < items.Count; i++)
                {
                    Same(items[i], elements[i], $"{path}[{i}]");
                }

                break;
            case JsonValueKind.Null:
                Assert.True(xml.IsEmpty || (xml.Value.Length == 0 && !xml.HasElements), $"{path}: null in JSON, '{xml.Value}' in XML");
                break;
            case JsonValueKind.Number:
                Assert.Equal(json.GetDouble(), double.Parse(xml.Value, System.Globalization.CultureInfo.InvariantCulture));
                break;
            case JsonValueKind.True or JsonValueKind.False:
                Assert.Equal(json.GetBoolean() ? "true" : "false", xml.Value);
                break;
            default:
                Assert.True(json.GetString() == xml.Value, $"{path}: '{json.GetString()}' in JSON, '{xml.Value}' in XML");
                break;
        }
    }
}
