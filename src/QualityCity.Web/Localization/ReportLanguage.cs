using System.Globalization;
namespace QualityCity.Web.Localization;

/// <summary>
/// The language an import's error report is written in (the registry's, the 12345 hotline's). A report is read by the person who ran the
/// import, so a page upload is reported in the uploader's language and the command line — which
/// speaks English, like its scripts — in English. Reasons are Chinese templates with their values,
/// translated through <c>Localization/en.json</c> like every other text.
/// </summary>
public sealed class ReportLanguage
{
    private readonly bool _english;

    private ReportLanguage(bool english) => _english = english;

    /// <summary>The command line's and the API documentation's language.</summary>
    public static ReportLanguage English { get; } = new(true);

    public static ReportLanguage Chinese { get; } = new(false);

    /// <summary>The report language for a user interface culture (anything but English is Chinese).</summary>
    public static ReportLanguage For(CultureInfo culture) =>
        culture.TwoLetterISOLanguageName == "en" ? English : Chinese;

    public bool IsEnglish => _english;

    /// <summary>A Chinese template in this language, with its values.</summary>
    public string Say(string chinese, params object?[] values) =>
        string.Format(CultureInfo.InvariantCulture, _english ? Text.Loaded.English(chinese) : chinese, values);

    /// <summary>The report's header line.</summary>
    public string Header => Say("行号,列,值,原因");

    /// <summary>A reason that keeps the row, marked as a warning.</summary>
    public string Warning(string reason) => Say("警告：{0}", reason);
}
