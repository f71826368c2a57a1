namespace QualityCity.Domain.Services.OneWindow;

/// <summary>
/// A table of the stable code and the Chinese name of every value of an enum, looked up both ways.
/// Codes are what is stored and exchanged (they survive renaming the enum members); names are what
/// people read. The table refuses to be built unless it covers every value exactly once, so adding a
/// member without its labels fails at the first use rather than showing a blank.
/// </summary>
internal sealed class EnumLabels<TEnum>
    where TEnum : struct, Enum
{
    private readonly Dictionary<TEnum, (string Code, string NameZh)> _byValue;
    private readonly Dictionary<string, TEnum> _byCode;
    private readonly Dictionary<string, TEnum> _byName;

    public EnumLabels(params (TEnum Value, string Code, string NameZh)[] labels)
    {
        _byValue = labels.ToDictionary(l => l.Value, l => (l.Code, l.NameZh));
        _byCode = labels.ToDictionary(l => l.Code, l => l.Value, StringComparer.OrdinalIgnoreCase);
        _byName = labels.ToDictionary(l => l.NameZh, l => l.Value, StringComparer.Ordinal);
        if (Enum.GetValues<TEnum>().Any(v => !_byValue.ContainsKey(v)) || _byValue.Count != Enum.GetValues<TEnum>().Length)
        {
            throw new InvalidOperationException($"The labels of {typeof(TEnum).Name} must cover each value once.");
        }
    }

    public IReadOnlyList<TEnum> All => Enum.GetValues<TEnum>();

    public string Code(TEnum value) => Get(value).Code;

    public string NameZh(TEnum value) => Get(value).NameZh;

    // Codes come from URLs, forms and files: surrounding blanks and letter case are not meaningful there.
    public bool TryParseCode(string? code, out TEnum value) => TryFind(_byCode, code, out value);

    public bool TryParseNameZh(string? name, out TEnum value) => TryFind(_byName, name, out value);

    private (string Code, string NameZh) Get(TEnum value) =>
        _byValue.TryGetValue(value, out var labels)
            ? labels
            : throw new ArgumentOutOfRangeException(nameof(value), value, $"Not a {typeof(TEnum).Name}.");

    private static bool TryFind(Dictionary<string, TEnum> table, string? key, out TEnum value)
    {
        value = default;
        return key is not null && table.TryGetValue(key.Trim(), out value);
    }
}
