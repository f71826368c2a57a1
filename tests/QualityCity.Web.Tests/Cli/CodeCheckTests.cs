using QualityCity.Web.Cli;

namespace QualityCity.Web.Tests.Cli;

/// <summary>The <c>code check</c> verb (REG-1) needs no database.</summary>
public sealed class CodeCheckTests
{
    private static (int Exit, string[] Lines) Run(params string[] codes)
    {
        var output = new StringWriter();
        var exit = CommandLine.RunAsync(["code", "check", .. codes], output, new StringWriter()).GetAwaiter().GetResult();
        return (exit, output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    [Fact]
    public void Valid_codes_print_valid_and_exit_0()
    {
        var (exit, lines) = Run("914403001922038216", "9144030071526726XG");
        Assert.Equal(0, exit);
        Assert.Equal(["914403001922038216 valid", "9144030071526726XG valid"], lines);
    }

    [Fact]
    public void A_wrong_check_character_is_invalid_with_the_expected_character_and_exit_1()
    {
        var (exit, lines) = Run("914403001922038216", "914403001922038217");
        Assert.Equal(1, exit);
        Assert.Equal("914403001922038216 valid", lines[0]);
        Assert.StartsWith("914403001922038217 invalid: ", lines[1], StringComparison.Ordinal);
        Assert.Contains("'6'", lines[1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("91440300192203821", "18 characters")]
    [InlineData("91440300192203821I", "position 18")]
    [InlineData("9144030019220382160", "18 characters")]
    public void Malformed_codes_say_why(string code, string reason)
    {
        var (exit, lines) = Run(code);
        Assert.Equal(1, exit);
        Assert.Contains(reason, lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public void No_code_is_a_usage_error()
    {
        var (exit, _) = Run();
        Assert.Equal(64, exit);
    }
}
