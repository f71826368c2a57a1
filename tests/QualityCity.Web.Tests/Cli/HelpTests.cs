using System.Text.RegularExpressions;
using QualityCity.Web.Cli;

namespace QualityCity.Web.Tests.Cli;

/// <summary>The help, unknown verbs, and how a start decides between serving and running a verb.</summary>
public sealed class HelpTests
{
    /// <summary>Every verb the platform has; a verb dropped from the table (or from the help) fails here.</summary>
    private static readonly string[] EveryVerb =
    [
        "serve", "help", "demo", "demo --csv", "import registry", "export registry", "code check", "draw sample", "draw verify",
        "audit verify", "audit checkpoint", "audit checkpoints", "plan commit", "plan draw", "visit code",
        "users add", "users list", "users set-password", "users disable", "users enable",
        "open311 key",
        "backup", "restore",
        "import hotline",
        "import catalogue", "export catalogue", "import patents", "import trademarks", "import pledges",
    ];

    private static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await CommandLine.RunAsync(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Theory]
    [InlineData("help")]
    [InlineData("--help")]
    [InlineData("-h")]
    public async Task Help_prints_every_verb_of_the_table_and_exits_0(string word)
    {
        var (exit, output, error) = await RunAsync(word);
        Assert.Equal(0, exit);
        Assert.Empty(error);
        Assert.StartsWith("usage: QualityCity.Web", output, StringComparison.Ordinal);
        foreach (var verb in CommandLine.Verbs)
        {
            foreach (var usage in verb.Usage.Split('\n'))
            {
                Assert.Contains("  " + usage, output, StringComparison.Ordinal);
            }

            Assert.Contains(verb.Summary.Split('\n')[0], output, StringComparison.Ordinal);
        }

        foreach (var verb in EveryVerb)
        {
            // At the start of a usage line, or as an alternative after "|".
            Assert.Matches($@"(?m)^  (.* \| )?{Regex.Escape(verb)}( |$)", output);
        }
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("help")]
    [InlineData("serve", "--help")]
    [InlineData("--urls", "http://127.0.0.1:5099", "-h")]
    public void Help_on_the_entry_path_is_the_help_not_the_server(params string[] args) =>
        Assert.Equal("help", CommandLine.Find(args)?.Name);

    [Fact]
    public void No_arguments_serve() => Assert.Equal("serve", CommandLine.Find([])?.Name);

    [Theory]
    [InlineData("serve")]
    [InlineData("--no-demo")]
    [InlineData("--urls", "http://127.0.0.1:5099")]
    [InlineData("--environment=Development", "--contentRoot=/srv/qualitycity")]
    public void No_verb_or_server_options_serve(params string[] args) =>
        Assert.Equal("serve", CommandLine.Find(args)?.Name);

    [Theory]
    [InlineData("demo --csv", "demo", "--csv", "registry.csv")]
    [InlineData("demo [--enterprises", "demo", "--seed", "s")]
    [InlineData("draw sample", "draw", "sample")]
    [InlineData("draw verify", "draw", "verify")]
    [InlineData("users add", "users", "list")]
    public void A_verb_finds_its_own_row(string usage, params string[] args) =>
        Assert.StartsWith(usage, CommandLine.Find(args)?.Usage, StringComparison.Ordinal);

    [Fact]
    public void Each_row_answers_to_different_words()
    {
        var keys = CommandLine.Verbs.Select(v => (v.Name, v.SubVerb, v.Option)).ToList();
        Assert.Equal(keys.Count, keys.Distinct().Count());
    }

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("audit", "rewrite")]
    [InlineData("plan")]
    [InlineData("code")]
    public async Task An_unknown_verb_prints_an_error_and_the_help_and_exits_64(params string[] args)
    {
        var (exit, output, error) = await RunAsync(args);
        Assert.Equal(64, exit);
        Assert.Empty(output);
        Assert.StartsWith($"unknown command: {string.Join(' ', args)}", error, StringComparison.Ordinal);
        Assert.Contains(CommandLine.Usage, error, StringComparison.Ordinal);
    }
}
