using System.Security.Cryptography;
using System.Text;
using QualityCity.Domain.Execution;

namespace QualityCity.Domain.Tests.Execution;

/// <summary>The short form of a visit code that the QR image carries and a person can type.</summary>
public sealed class VisitCodeReferenceTests
{
    private static string Code()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return VisitCode.Issue(Encoding.UTF8.GetBytes("""{"v":1,"k":"2027/913715000000000001/1"}"""), key);
    }

    [Fact]
    public void The_short_form_is_the_visit_number_and_a_tag_of_the_signed_code()
    {
        var code = Code();
        var reference = VisitCodeReference.For(104233, code);
        Assert.Matches("^104233-[0-9A-HJKMNP-TV-Z]{10}$", reference);
        Assert.True(VisitCodeReference.TryParse(reference, out var id, out var tag));
        Assert.Equal(104233, id);
        Assert.True(VisitCodeReference.Matches(code, tag));
        // Another code of the same visit (a code re-issued, or forged) has another tag.
        Assert.False(VisitCodeReference.Matches(Code(), tag));
    }

    [Fact]
    public void A_typed_short_form_is_read_in_any_case_with_spaces_and_look_alike_letters()
    {
        var code = Code();
        var reference = VisitCodeReference.For(7, code);
        var typed = " " + reference.ToLowerInvariant().Replace("0", "o", StringComparison.Ordinal).Replace("1", "l", StringComparison.Ordinal).Insert(4, " ") + " ";
        Assert.True(VisitCodeReference.TryParse(typed, out var id, out var tag));
        Assert.Equal(7, id);
        Assert.True(VisitCodeReference.Matches(code, tag));
    }

    [Theory]
    [InlineData("")]
    [InlineData("104233")]
    [InlineData("-7KQ2M9XD4T")]
    [InlineData("104233-7KQ2M9XD4")]
    [InlineData("104233-7KQ2M9XD4TT")]
    [InlineData("104233-7KQ2M9XD4U")]
    [InlineData("1a4233-7KQ2M9XD4T")]
    [InlineData("eyJ2IjoxfQ.MEUCIQ")]
    public void Anything_else_is_not_a_short_form(string text) =>
        Assert.False(VisitCodeReference.TryParse(text, out _, out _));
}
