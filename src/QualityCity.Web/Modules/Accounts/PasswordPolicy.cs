using Microsoft.AspNetCore.Identity;
using QualityCity.Web.Localization;

namespace QualityCity.Web.Modules.Accounts;

/// <summary>
/// The password rule of a government information system at 等保 level 2 (GB/T 22239-2019): at
/// least eight characters from at least three of the four kinds (upper case, lower case, digits,
/// other characters), not containing the user name, and not one of the passwords every guessing
/// list starts with. Identity's own per-kind switches are off; this validator is the one rule, so
/// the CLI, the admin page and the API refuse the same passwords with the same words.
/// </summary>
internal sealed class PasswordPolicy(Text text) : IPasswordValidator<AppUser>
{
    public const int MinimumLength = 8;

    /// <summary>Longer input is refused before hashing: it is never a real password, only work for the server.</summary>
    public const int MaximumLength = 128;

    // Lower-cased; compared after removing everything but letters and digits, so "P@ssw0rd!" is caught too.
    private static readonly HashSet<string> Common = new(StringComparer.Ordinal)
    {
        "password", "passw0rd", "password1", "password123", "12345678", "123456789", "1234567890", "qwertyuiop", "qwerty123", "qwer1234",
        "1qaz2wsx", "1q2w3e4r", "abc12345", "abcd1234", "admin123", "admin1234", "administrator", "aa123456", "a1234567", "iloveyou",
        "88888888", "66666666", "11111111", "00000000", "woaini1314", "zxcvbnm123", "changeme", "welcome1", "letmein1", "p4ssw0rd",
    };

    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password) =>
        Task.FromResult(Check(user.UserName, password) is { } problem
            ? IdentityResult.Failed(new IdentityError { Code = "PasswordPolicy", Description = text[problem] })
            : IdentityResult.Success);

    /// <summary>The Chinese reason a password is refused, or null when it is acceptable.</summary>
    public static string? Check(string? userName, string? password)
    {
        if (string.IsNullOrEmpty(password) || password.Length < MinimumLength)
        {
            return "密码至少8位";
        }

        if (password.Length > MaximumLength)
        {
            return "密码不能超过128位";
        }

        var kinds = (password.Any(char.IsUpper) ? 1 : 0) + (password.Any(char.IsLower) ? 1 : 0) + (password.Any(char.IsDigit) ? 1 : 0)
            + (password.Any(c => !char.IsLetterOrDigit(c)) ? 1 : 0);
        if (kinds < 3)
        {
            return "密码须包含大写字母、小写字母、数字、其他字符中的至少三种";
        }

        if (!string.IsNullOrEmpty(userName) && userName.Length >= 3 && password.Contains(userName, StringComparison.OrdinalIgnoreCase))
        {
            return "密码不能包含用户名";
        }

        var letters = new string(password.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());
        return Common.Contains(letters) ? "密码过于常见，请换一个" : null;
    }
}
