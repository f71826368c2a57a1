using QualityCity.Domain.Registry;

namespace QualityCity.Web.Cli.Verbs;

/// <summary><c>code check CODE…</c>: one line per unified social credit code, valid or why not (REG-1); no database.</summary>
internal static class CodeCheckVerb
{
    public static async Task<int> RunAsync(CliContext cli)
    {
        var codes = cli.Options.Positional.Skip(1).ToList();
        if (codes.Count == 0)
        {
            await cli.Error.WriteLineAsync("error: code check needs at least one CODE");
            return 64;
        }

        var allValid = true;
        foreach (var code in codes)
        {
            var check = CreditCode.Check(code);
            await cli.Output.WriteLineAsync(check.IsValid ? $"{code} valid" : $"{code} invalid: {check.Reason}");
            allValid &= check.IsValid;
        }

        return allValid ? 0 : 1;
    }
}
