using System.Globalization;
using System.Text.Json;

namespace QualityCity.Web.Localization;

/// <summary>
/// The user interface speaks Chinese by default; English comes from <c>Localization/en.json</c>,
/// keyed by the Chinese text itself, so a page reads naturally in its source and a missing
/// translation falls back to Chinese rather than to a key name.
/// </summary>
public sealed class Text
{
    /// <summary>
    /// One loaded copy for code that is not handed one (exception messages, command-line reports):
    /// the texts never change while the platform runs.
    /// </summary>
    public static Text Loaded { get; } = new();

    private readonly Dictionary<string, string> _english;

    public Text()
    {
        using var stream = typeof(Text).Assembly.GetManifestResourceStream("QualityCity.Web.Localization.en.json")
            ?? throw new InvalidOperationException("The English texts are missing from the assembly.");
        _english = JsonSerializer.Deserialize<Dictionary<string, string>>(stream) ?? [];
    }

    public string this[string chinese] =>
        IsEnglish && _english.TryGetValue(chinese, out var english) ? english : chinese;

    /// <summary>Formats a localized template with invariant arguments.</summary>
    public string Format(string chinese, params object?[] args) =>
        string.Format(CultureInfo.InvariantCulture, this[chinese], args);

    /// <summary>The English of a text whatever the current language (for messages to the command line and logs).</summary>
    public string English(string chinese) => _english.TryGetValue(chinese, out var english) ? english : chinese;

    public static bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    /// <summary>The texts that have an English translation (for the completeness test).</summary>
    public IReadOnlyCollection<string> TranslatedKeys => _english.Keys;
}
