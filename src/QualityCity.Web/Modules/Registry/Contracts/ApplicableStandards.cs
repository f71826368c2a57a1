namespace QualityCity.Web.Modules.Registry.Contracts;

/// <summary>A standard shown where an enterprise's products are: its number, title, today's status and its page.</summary>
public sealed record ApplicableStandard(string Number, string TitleZh, string? Status, string Link);

/// <summary>
/// "Which standards apply to my product": what the entity page shows for the entity's GB/T 4754
/// industry. Declared here, where the page is, and answered by the standards library (the Services
/// module), as <see cref="IEntitySamples"/> is answered by the quality module: the registry does not
/// depend on the modules that fill its page.
/// </summary>
public interface IApplicableStandards
{
    /// <summary>The current standards most likely to apply to an industry's products, best first; empty when the industry is not mapped.</summary>
    Task<IReadOnlyList<ApplicableStandard>> ForIndustryAsync(string? industryCode, int take, CancellationToken cancellationToken);

    /// <summary>The library page listing every standard for the industry.</summary>
    string LibraryLink(string industryCode);
}

/// <summary>Finds standard numbers in free text (a test item's clause) so that a page can link each to the standards library's page.</summary>
public static partial class StandardMentions
{
    // A national or industry number with its year, as clauses cite them: GB/T 5023.2-2008, JB/T 7047-2006, GB 7718-2011.
    [System.Text.RegularExpressions.GeneratedRegex(@"(?:GB/[TZ]|GB|[A-Z]{2}/T|DB\d{2}/T?|T/[A-Z]+)\s?\d+(?:\.\d+)*-\d{4}")]
    private static partial System.Text.RegularExpressions.Regex Numbers();

    /// <summary>The text cut into pieces, each with the number it cites (null for the text between).</summary>
    public static IReadOnlyList<(string Text, string? Number)> Split(string? text)
    {
        var pieces = new List<(string, string?)>();
        if (string.IsNullOrEmpty(text))
        {
            return pieces;
        }

        var at = 0;
        foreach (System.Text.RegularExpressions.Match match in Numbers().Matches(text))
        {
            if (match.Index > at)
            {
                pieces.Add((text[at..match.Index], null));
            }

            pieces.Add((match.Value, match.Value));
            at = match.Index + match.Length;
        }

        if (at < text.Length)
        {
            pieces.Add((text[at..], null));
        }

        return pieces;
    }

    /// <summary>The address of a standard's page.</summary>
    public static string Link(string number) => "/standards/view?number=" + Uri.EscapeDataString(number);
}
