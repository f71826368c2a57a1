namespace QualityCity.Web.Cli;

/// <summary>A verb, its positional words and its --name value options.</summary>
internal sealed record CliOptions(string Verb, List<string> Positional, Dictionary<string, string> Named)
{
    public static CliOptions Parse(string[] args)
    {
        var positional = new List<string>();
        var named = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i < args.Length; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal) && args[i].Length > 2)
            {
                var name = args[i][2..];
                var equals = name.IndexOf('=');
                if (equals > 0)
                {
                    named[name[..equals]] = name[(equals + 1)..];
                }
                else if (i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    named[name] = args[++i];
                }
                else
                {
                    named[name] = "true";
                }
            }
            else
            {
                positional.Add(args[i]);
            }
        }

        return new CliOptions(args.Length > 0 ? args[0] : "help", positional, named);
    }

    public string? Value(string name) => Named.GetValueOrDefault(name);

    /// <summary>A whole-number option, at least <paramref name="minimum"/>; the fallback when it is absent.</summary>
    public int Int(string name, int fallback, int minimum = 1)
    {
        if (Value(name) is not { } text)
        {
            return fallback;
        }

        return int.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var value) && value >= minimum
            ? value
            : throw new CliUsageException(minimum == 1
                ? $"--{name} must be a positive whole number, not '{text}'"
                : $"--{name} must be a whole number of {minimum} or more, not '{text}'");
    }
}

/// <summary>A verb called with missing or malformed options: its message is printed and the exit code is 64.</summary>
internal sealed class CliUsageException(string message) : Exception(message);
