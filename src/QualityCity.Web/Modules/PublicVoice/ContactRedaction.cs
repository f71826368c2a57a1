using System.Text;
using System.Text.RegularExpressions;

namespace QualityCity.Web.Modules.PublicVoice;

/// <summary>
/// Takes an item's own contact values out of a text before it leaves the handlers (ADR 0035): a
/// citizen writes "我叫王先生，电话 138 0013 8000" into the description, a handler greets "王先生" in
/// the public answer. The open data and the staff export pass their free text through
/// <see cref="Redact"/>, which puts <see cref="Mask"/> where the name, the e-mail address or the
/// phone number stand — the phone also with spaces or hyphens between its digits, as people write it.
/// A name of one character is left alone (it would blank every word that shares it).
/// </summary>
public static class ContactRedaction
{
    public const string Mask = "***";

    public static string? Redact(string? text, string? name, string? phone, string? email)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        var result = text;
        if (!string.IsNullOrWhiteSpace(email))
        {
            result = result.Replace(email.Trim(), Mask, StringComparison.OrdinalIgnoreCase);
        }

        if (!string.IsNullOrWhiteSpace(phone))
        {
            var digits = new string(phone.Where(char.IsAsciiDigit).ToArray());
            if (digits.StartsWith("86", StringComparison.Ordinal) && digits.Length == 13)
            {
                digits = digits[2..];
            }

            if (digits.Length >= 5)
            {
                var pattern = new StringBuilder();
                foreach (var digit in digits)
                {
                    pattern.Append(pattern.Length == 0 ? string.Empty : @"[\s\-]*").Append(digit);
                }

                result = Regex.Replace(result, pattern.ToString(), Mask, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            }
        }

        if (name?.Trim() is { Length: > 1 } person)
        {
            result = result.Replace(person, Mask, StringComparison.Ordinal);
        }

        return result;
    }

    /// <summary>An item's free text without its own contact.</summary>
    public static string? Redact(string? text, VoiceItem item) => Redact(text, item.ContactName, item.ContactPhone, item.ContactEmail);
}
