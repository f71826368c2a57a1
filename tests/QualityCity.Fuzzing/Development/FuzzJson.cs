using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;

namespace QualityCity.Fuzzing.Development;

/// <summary>
/// Structural mutations of a valid JSON document: a value anywhere in it replaced by one of another
/// kind or out of range, or a key taken out. Text mutations mostly break the syntax, which a parser
/// refuses at once; these keep it valid and reach the checks behind it.
/// </summary>
public static class FuzzJson
{
    private static readonly string[] Replacements =
    [
        "null", "0", "-1", "1.5", "1e28", "-1e28", "79228162514264337593543950336", "1e309", "\"\"", "\"x\"", "\"none\"", "[]", "[null]", "[1]", "{}",
        "true", "false", "\"2022\"", "100", "2147483648",
    ];

    /// <summary>The document with one to three values replaced or keys removed.</summary>
    public static Gen<string> Mutate(string valid)
    {
        var root = JsonNode.Parse(valid)!;
        var count = Nodes(root).Count();
        return Gen.Choose(1, 3).SelectMany(edits => Gen.Choose(0, int.MaxValue).ArrayOf(edits * 2).Select(picks =>
        {
            var copy = root.DeepClone();
            for (var e = 0; e < edits; e++)
            {
                var nodes = Nodes(copy).ToList();
                var node = nodes[picks[e * 2] % nodes.Count];
                if (node.Parent is null)
                {
                    continue;
                }

                var replacement = picks[e * 2 + 1] % (Replacements.Length + 1) is var pick && pick == Replacements.Length ? null : JsonNode.Parse(Replacements[pick]);
                switch (node.Parent)
                {
                    case JsonObject parent:
                        var key = node.GetPropertyName();
                        if (replacement is null && picks[e * 2 + 1] % 2 == 0)
                        {
                            parent.Remove(key);
                        }
                        else
                        {
                            parent[key] = replacement;
                        }

                        break;
                    case JsonArray array:
                        var at = node.GetElementIndex();
                        if (replacement is null && picks[e * 2 + 1] % 2 == 0)
                        {
                            array.RemoveAt(at);
                        }
                        else
                        {
                            array[at] = replacement;
                        }

                        break;
                }
            }

            return copy.ToJsonString();
        }));
    }

    private static IEnumerable<JsonNode> Nodes(JsonNode node)
    {
        yield return node;
        IEnumerable<JsonNode?> children = node switch
        {
            JsonObject o => o.Select(p => p.Value),
            JsonArray a => a,
            _ => [],
        };
        foreach (var child in children.Where(c => c is not null))
        {
            foreach (var inner in Nodes(child!))
            {
                yield return inner;
            }
        }
    }
}
