using System.Globalization;
using QualityCity.Web.Localization;

namespace QualityCity.Web.Hosting;

/// <summary>
/// What the server and the command line tell the person who started them (the demo load's progress,
/// the banner): in one language, Chinese unless <c>Console:Language</c> says <c>en</c>, the English
/// coming from en.json like the pages'. Where the console is collected as JSON log lines (a
/// production service), each line goes to the log instead, so that no entry is unparsable.
/// </summary>
public sealed class StartupConsole(TextWriter output, CultureInfo language, Text text, ILogger? structured = null)
{
    public const string LanguageSetting = "Console:Language";

    /// <summary>The language the lines are written in.</summary>
    public CultureInfo Language => language;

    /// <summary>True when the lines go to the structured log rather than to the console.</summary>
    public bool Structured => structured is not null;

    /// <summary>Chinese by default; English when the setting starts with "en".</summary>
    public static CultureInfo LanguageOf(IConfiguration configuration) =>
        configuration[LanguageSetting] is { } setting && setting.StartsWith("en", StringComparison.OrdinalIgnoreCase)
            ? CultureInfo.GetCultureInfo("en") : CultureInfo.GetCultureInfo("zh-CN");

    /// <summary>The server's console: standard output, or the log when the console is collected as JSON (Production).</summary>
    public static StartupConsole ForServer(IServiceProvider services)
    {
        var configuration = services.GetRequiredService<IConfiguration>();
        var json = Console.IsOutputRedirected
            && string.Equals(configuration["Logging:Console:FormatterName"], "json", StringComparison.OrdinalIgnoreCase);
        return new StartupConsole(Console.Out, LanguageOf(configuration), services.GetRequiredService<Text>(),
            json ? services.GetRequiredService<ILoggerFactory>().CreateLogger("QualityCity.Startup") : null);
    }

    /// <summary>A Chinese text (or format) in the console's language.</summary>
    public string Say(string chinese, params object?[] args)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = language;
        try
        {
            return args.Length == 0 ? text[chinese] : text.Format(chinese, args);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    /// <summary>Writes one line, already in the console's language.</summary>
    public void Write(string line)
    {
        if (structured is not null)
        {
            if (line.Trim().Length > 0)
            {
                structured.LogInformation("{Line}", line.Trim());
            }

            return;
        }

        output.WriteLine(line);
        output.Flush();
    }

    /// <summary>Writes one step of progress: the Chinese text (or format) in the console's language.</summary>
    public void Step(string chinese, params object?[] args) => Write("  " + Say(chinese, args));
}
