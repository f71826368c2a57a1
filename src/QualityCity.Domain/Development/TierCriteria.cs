using System.Globalization;
using System.Text.Json;

namespace QualityCity.Domain.Development;

/// <summary>The kind of an input of the tier criteria: 是/否, a number, a whole number, or one of named values.</summary>
public enum TierFieldType
{
    /// <summary>是/否; a blank is 否.</summary>
    Bool,

    /// <summary>A number (percent fields hold percent numbers: 3 = 3%); a blank is 0.</summary>
    Number,

    /// <summary>A whole number (counts, ranks, levels); a blank is 0.</summary>
    WholeNumber,

    /// <summary>One of the field's named values; a blank is <c>none</c>.</summary>
    Named,
}

/// <summary>One input of a version of the criteria (<c>rd_ratio_y1</c>, percent 3 = 3%).</summary>
public sealed record TierField(string Id, string Name, TierFieldType Type, IReadOnlyList<string> Values, string? Unit);

/// <summary>A condition of a tier: its id (reported when unmet), its wording, and its test.</summary>
public sealed record TierCondition(string Id, string Name, TierTest Test);

/// <summary>An item of a points table: bands, steps, a count of true fields, or a field's own value.</summary>
public sealed record TierItem(string Id, string Kind, decimal Max, IReadOnlyList<(TierTest When, decimal Points)> Bands, string? Field, decimal Per,
    decimal PointsEach, IReadOnlyList<string> Fields);

/// <summary>A group of a points table (创新能力, 成长性 …) with its items.</summary>
public sealed record TierGroup(string Id, string Name, IReadOnlyList<TierItem> Items);

/// <summary>A tier of the ladder (level 1 the lowest), its points table if it has one, and its conditions.</summary>
public sealed record Tier(string Id, string Name, int Level, IReadOnlyList<TierGroup> Groups, IReadOnlyList<TierCondition> Conditions);

/// <summary>
/// One version of the MIIT tier criteria (优质中小企业梯度培育), read from <c>tier_criteria.json</c> as its
/// README §4 says: typed fields, named tests, and tiers in the order of their level, each with a
/// points table and conditions. A version marked incomplete, or whose tiers lack conditions, is
/// refused with a message naming what is missing; a test naming an unknown field, definition or
/// score group is refused naming it.
/// </summary>
public sealed class TierCriteria
{
    private TierCriteria(string version, IReadOnlyDictionary<string, TierField> fields, IReadOnlyList<Tier> tiers)
    {
        Version = version;
        Fields = fields;
        Tiers = tiers;
    }

    /// <summary>The version's name in the file (<c>2022</c>).</summary>
    public string Version { get; }

    /// <summary>The inputs, by id.</summary>
    public IReadOnlyDictionary<string, TierField> Fields { get; }

    /// <summary>The tiers, lowest level first.</summary>
    public IReadOnlyList<Tier> Tiers { get; }

    /// <summary>The versions a criteria file holds, and whether each is complete.</summary>
    public static IReadOnlyList<(string Version, bool Complete)> Versions(string json)
    {
        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.GetProperty("versions").EnumerateArray()
            .Select(v => (v.GetProperty("version").GetString() ?? "?", v.TryGetProperty("complete", out var c) && c.ValueKind == JsonValueKind.True))];
    }

    /// <summary>Reads <paramref name="version"/> from a whole criteria file.</summary>
    public static TierCriteria Parse(string json, string version)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new TierCriteriaException("(file)", "不是有效的 JSON — not valid JSON: " + e.Message);
        }
        catch (ArgumentException)
        {
            // Text pasted from a broken source may hold half of a character pair, which JSON cannot carry.
            throw new TierCriteriaException("(file)", "含有无效的字符（不成对的代理项） — holds an invalid character (half of a surrogate pair)");
        }

        using (document)
        {
            if (!Property(document.RootElement, "versions", out var versions) || versions.ValueKind != JsonValueKind.Array)
            {
                throw new TierCriteriaException("versions", "缺少 — missing");
            }

            var found = versions.EnumerateArray().Where(v => String(v, "version") == version).ToList();
            if (found.Count == 0)
            {
                var known = string.Join(", ", versions.EnumerateArray().Select(v => String(v, "version")));
                throw new TierCriteriaException("version", $"没有 {version} 版 — no version {version} (the file has {known})");
            }

            return Read(found[0], version);
        }
    }

    private static TierCriteria Read(JsonElement root, string version)
    {
        var missing = new List<string>();
        if (!root.TryGetProperty("fields", out var fieldList) || fieldList.ValueKind != JsonValueKind.Object)
        {
            missing.Add("the list of fields (fields)");
        }

        var tierList = root.TryGetProperty("tiers", out var t) && t.ValueKind == JsonValueKind.Array ? t.EnumerateArray().ToList() : [];
        if (tierList.Count == 0)
        {
            missing.Add("the tiers");
        }

        foreach (var tier in tierList.Where(x => !Property(x, "conditions", out var c) || c.ValueKind != JsonValueKind.Array || c.GetArrayLength() == 0))
        {
            var note = String(tier, "note");
            missing.Add($"the conditions of tier {String(tier, "id")}" + (note is null ? string.Empty : $" ({note})"));
        }

        if (missing.Count > 0 || !(root.TryGetProperty("complete", out var complete) && complete.ValueKind == JsonValueKind.True))
        {
            throw new TierCriteriaException("version",
                $"{version} 版标准不完整，不能计算 — version {version} is incomplete and cannot be checked" + (missing.Count == 0 ? " (marked complete: false)" : ": missing " + string.Join("; ", missing)));
        }

        var fields = new Dictionary<string, TierField>(StringComparer.Ordinal);
        foreach (var field in fieldList.EnumerateObject())
        {
            var type = String(field.Value, "type") switch
            {
                "bool" => TierFieldType.Bool,
                "number" => TierFieldType.Number,
                "integer" => TierFieldType.WholeNumber,
                "enum" => TierFieldType.Named,
                var other => throw new TierCriteriaException($"fields.{field.Name}.type", $"应为 bool、number、integer 或 enum — must be bool, number, integer or enum, not {other ?? "missing"}"),
            };
            var values = Property(field.Value, "values", out var v) && v.ValueKind == JsonValueKind.Array
                ? v.EnumerateArray().Select(x => Text(x, $"fields.{field.Name}.values")).ToList()
                : [];
            if (type == TierFieldType.Named && !values.Contains("none"))
            {
                throw new TierCriteriaException($"fields.{field.Name}.values", "应包含 none（空白时取 none） — must include none, the value of a blank");
            }

            fields[field.Name] = new TierField(field.Name, String(field.Value, "name") ?? field.Name, type, values, String(field.Value, "unit"));
        }

        var reader = new TestReader(fields);
        if (root.TryGetProperty("defs", out var defs) && defs.ValueKind == JsonValueKind.Object)
        {
            foreach (var def in defs.EnumerateObject())
            {
                reader.Definitions[def.Name] = def.Value;
            }
        }

        var tiers = new List<Tier>();
        foreach (var tier in tierList)
        {
            var id = String(tier, "id") ?? throw new TierCriteriaException("tiers", "每个层级需要 id — every tier needs its id");
            var level = Property(tier, "level", out var l) && l.ValueKind == JsonValueKind.Number && l.TryGetInt32(out var n) ? n : throw new TierCriteriaException($"tiers[{id}].level", "应为整数 — must be an integer");
            var groups = ReadGroups(tier, id, reader);
            reader.Groups = [.. groups.Select(g => g.Id), "total"];
            reader.Tier = id;
            var conditions = tier.GetProperty("conditions").EnumerateArray()
                .Select(c => String(c, "id") is { } cid
                    ? new TierCondition(cid, String(c, "name") ?? cid, reader.Read(Required(c, "test", $"tiers[{id}].conditions[{cid}]"), $"tiers[{id}].conditions[{cid}]"))
                    : throw new TierCriteriaException($"tiers[{id}].conditions", "每个条件需要 id — every condition needs its id"))
                .ToList();
            tiers.Add(new Tier(id, String(tier, "name") ?? id, level, groups, conditions));
        }

        var ordered = tiers.OrderBy(x => x.Level).ToList();
        if (ordered.Select(x => x.Level).Distinct().Count() != ordered.Count)
        {
            throw new TierCriteriaException("tiers", "层级的 level 重复 — two tiers share a level");
        }

        return new TierCriteria(version, fields, ordered);
    }

    private static List<TierGroup> ReadGroups(JsonElement tier, string tierId, TestReader reader)
    {
        if (!Property(tier, "scores", out var scores) || !Property(scores, "groups", out _))
        {
            return [];
        }

        var result = new List<TierGroup>();
        reader.Groups = [];
        foreach (var group in List(scores, "groups", $"tiers[{tierId}].scores"))
        {
            var gid = String(group, "id") ?? throw new TierCriteriaException($"tiers[{tierId}].scores", "每组需要 id — every group needs its id");
            var items = new List<TierItem>();
            foreach (var item in List(group, "items", $"tiers[{tierId}].scores.{gid}"))
            {
                var iid = String(item, "id") ?? "?";
                var at = $"tiers[{tierId}].scores.{gid}.{iid}";
                var kind = String(item, "kind");
                var max = Number(item, "max", at) ?? throw new TierCriteriaException(at + ".max", "缺少 — missing");
                if (max < 0)
                {
                    // An item's points lie between 0 and its maximum: below 0 there is no such range.
                    throw new TierCriteriaException(at + ".max", "不能为负 — cannot be negative");
                }

                var bands = new List<(TierTest, decimal)>();
                string? field = null;
                IReadOnlyList<string> fields = [];
                switch (kind)
                {
                    case "bands":
                        foreach (var band in List(item, "bands", at))
                        {
                            bands.Add((reader.Read(Required(band, "when", at + ".bands"), at), Number(band, "points", at + ".points") ?? 0));
                        }

                        break;
                    case "steps" or "value":
                        // Points are counted from the field's figure: a yes/no or a named value has none.
                        field = reader.Field(String(item, "field"), at + ".field", TierFieldType.Number, TierFieldType.WholeNumber);
                        break;
                    case "count":
                        fields = [.. List(item, "fields", at).Select(f => reader.Field(f.ValueKind == JsonValueKind.String ? f.GetString() : null, at + ".fields", TierFieldType.Bool))];
                        break;
                    default:
                        throw new TierCriteriaException(at + ".kind", $"应为 bands、steps、count 或 value — must be bands, steps, count or value, not {kind ?? "missing"}");
                }

                var per = Number(item, "per", at + ".per") ?? 1;
                if (kind == "steps" && per <= 0)
                {
                    throw new TierCriteriaException(at + ".per", "应大于 0 — must be above 0");
                }

                items.Add(new TierItem(iid, kind, max, bands, field, per, Number(item, "points_each", at + ".points_each") ?? 0, fields));
            }

            result.Add(new TierGroup(gid, String(group, "name") ?? gid, items));
        }

        return result;
    }

    internal static string? String(JsonElement element, string key) =>
        Property(element, key, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>A key of an object; anything but an object has none, so a tier or an item written as a number is missing its keys, not a crash.</summary>
    private static bool Property(JsonElement element, string key, out JsonElement value)
    {
        value = default;
        return element.ValueKind == JsonValueKind.Object && element.TryGetProperty(key, out value);
    }

    private static JsonElement Required(JsonElement element, string key, string at) =>
        Property(element, key, out var value) ? value : throw new TierCriteriaException(at, $"缺少 {key} — {key} is missing");

    private static List<JsonElement> List(JsonElement element, string key, string at) =>
        Property(element, key, out var value) && value.ValueKind == JsonValueKind.Array
            ? [.. value.EnumerateArray()]
            : throw new TierCriteriaException($"{at}.{key}", "应为列表 — must be a list");

    private static string Text(JsonElement value, string at) =>
        value.ValueKind == JsonValueKind.String ? value.GetString()! : throw new TierCriteriaException(at, $"应为文字，而不是 {value.GetRawText()} — must be text, not {value.GetRawText()}");

    internal static decimal? Number(JsonElement element, string key, string at)
    {
        if (!Property(element, key, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number && decimal.TryParse(value.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new TierCriteriaException(at, "应为数字 — must be a number");
    }

    /// <summary>Reads tests, resolving definitions once and checking every name they use.</summary>
    private sealed class TestReader(IReadOnlyDictionary<string, TierField> fields)
    {
        public Dictionary<string, JsonElement> Definitions { get; } = new(StringComparer.Ordinal);

        public List<string> Groups { get; set; } = [];

        public string Tier { get; set; } = string.Empty;

        private readonly Dictionary<string, TierTest> _resolved = new(StringComparer.Ordinal);
        private readonly HashSet<string> _reading = new(StringComparer.Ordinal);

        public string Field(string? name, string at) =>
            name is not null && fields.ContainsKey(name) ? name : throw new TierCriteriaException(at, $"没有这个字段 — no field {name ?? "(missing)"}");

        /// <summary>A field of one of the types given (<paramref name="types"/>).</summary>
        public string Field(string? name, string at, params TierFieldType[] types) =>
            types.Contains(fields[Field(name, at)].Type)
                ? name!
                : throw new TierCriteriaException(at, $"字段 {name} 的类型不能用于此处 — field {name} is of type {fields[name!].Type}, which cannot be counted here");

        public TierTest Read(JsonElement test, string at)
        {
            if (test.ValueKind != JsonValueKind.Object)
            {
                throw new TierCriteriaException(at, "条件应为对象 — a test must be an object");
            }

            if (test.TryGetProperty("all", out _))
            {
                return new TierTest.All([.. List(test, "all", at).Select(t => Read(t, at))]);
            }

            if (test.TryGetProperty("any", out _))
            {
                var either = List(test, "any", at);
                // Any of nothing never holds, and has no first way to report.
                return either.Count > 0
                    ? new TierTest.Any([.. either.Select(t => Read(t, at))])
                    : throw new TierCriteriaException(at + ".any", "至少需要一个条件 — at least one test is needed");
            }

            if (String(test, "ref") is { } name)
            {
                if (_resolved.TryGetValue(name, out var known))
                {
                    return known;
                }

                if (!Definitions.TryGetValue(name, out var definition) || !_reading.Add(name))
                {
                    throw new TierCriteriaException(at, $"没有这个定义或定义循环引用 — no definition {name}, or it refers to itself");
                }

                var resolved = Read(definition, $"defs.{name}");
                _reading.Remove(name);
                return _resolved[name] = resolved;
            }

            var op = String(test, "op") ?? throw new TierCriteriaException(at, "缺少 op — the op is missing");
            if (op is not (">=" or ">" or "<=" or "<" or "==" or "!=" or "in"))
            {
                throw new TierCriteriaException(at, $"不认识的 op — unknown op {op}");
            }

            if (!test.TryGetProperty("value", out var value))
            {
                throw new TierCriteriaException(at, "缺少 value — the value is missing");
            }

            if (String(test, "score") is { } group)
            {
                return Groups.Contains(group)
                    ? new TierTest.Score(Tier, group, op, Number(test, "value", at) ?? 0)
                    : throw new TierCriteriaException(at, $"层级 {Tier} 没有得分组 {group} — tier {Tier} has no score group {group}");
            }

            var field = fields[Field(String(test, "field"), at)];
            if (op == "in" && field.Type != TierFieldType.Named)
            {
                throw new TierCriteriaException(at, $"in 只用于有取值列表的字段 — in applies to a field of named values, and {field.Id} is not one");
            }

            return new TierTest.Compare(field.Id, op, Threshold(field, value, op, at));
        }

        private static object Threshold(TierField field, JsonElement value, string op, string at) => (field.Type, op) switch
        {
            (TierFieldType.Named, "in") => value.ValueKind == JsonValueKind.Array
                ? value.EnumerateArray().Select(v => Text(v, at)).ToArray()
                : throw new TierCriteriaException(at, $"{field.Id} 的 in 需要取值列表 — in needs a list of values of {field.Id}"),
            (TierFieldType.Named, _) => value.ValueKind == JsonValueKind.String && value.GetString() is { } text && field.Values.Contains(text)
                ? text
                : throw new TierCriteriaException(at, $"{field.Id} 没有取值 {value} — {field.Id} has no value {value}"),
            (TierFieldType.Bool, _) => value.ValueKind is JsonValueKind.True or JsonValueKind.False
                ? value.ValueKind == JsonValueKind.True
                : throw new TierCriteriaException(at, $"{field.Id} 是是/否字段 — {field.Id} is yes or no"),
            _ => value.ValueKind == JsonValueKind.Number && decimal.TryParse(value.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                ? number
                : throw new TierCriteriaException(at, $"{field.Id} 的阈值应为数字 — the threshold of {field.Id} must be a number"),
        };
    }
}

/// <summary>A criteria file that cannot be used, or an input it refuses; <see cref="Key"/> names the place.</summary>
public sealed class TierCriteriaException(string key, string reason) : Exception($"{key}: {reason}")
{
    /// <summary>Where: the version, a key of the file (<c>tiers[specialised].conditions[rd_ratio]</c>) or an input column.</summary>
    public string Key { get; } = key;

    /// <summary>Why, in Chinese and English.</summary>
    public string Reason { get; } = reason;
}
