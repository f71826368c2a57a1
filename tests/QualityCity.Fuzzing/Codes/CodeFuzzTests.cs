using FsCheck.Fluent;
using QualityCity.Domain.Execution;
using QualityCity.Domain.PublicVoice;
using QualityCity.Domain.Registry;

namespace QualityCity.Fuzzing.Codes;

/// <summary>The codes people type, scan or paste: credit codes, visit codes and tracking codes.</summary>
public sealed class CodeFuzzTests
{
    private const string ValidCreditCode = "91371500MA3C4QWX0R";

    [Fact]
    public void A_credit_code_is_valid_mismatched_or_refused_with_a_reason_in_both_languages()
    {
        var valid = CreditCode.Compose("91", "371502", "MA3C4QWX");
        Fuzz.Check("credit code", FuzzGen.TextOr(valid, ValidCreditCode, " " + valid.ToLowerInvariant() + " "), input =>
        {
            var check = CreditCode.Check(input);
            if (check.IsValid)
            {
                Assert.Equal(CreditCode.Length, check.Code.Length);
                Assert.Equal(string.Empty, check.Reason);
            }
            else
            {
                Assert.False(string.IsNullOrWhiteSpace(check.Reason));
                Assert.False(string.IsNullOrWhiteSpace(check.ReasonZh));
            }
        });
    }

    [Fact]
    public void A_visit_code_is_read_or_refused_and_what_is_read_is_a_positive_visit_and_a_tag()
    {
        Fuzz.Check("visit code", FuzzGen.TextOr(VisitCodeReference.For(104233, "QC-VISIT-1.signed"), "104233-7kq2m9xd4t", "1 0 4 2 3 3 - 7 K Q 2 M 9 X D 4 T"), input =>
        {
            if (VisitCodeReference.TryParse(input, out var visitId, out var tag))
            {
                Assert.True(visitId > 0);
                Assert.False(string.IsNullOrEmpty(tag));
            }
        });
    }

    [Fact]
    public void A_tracking_code_is_read_or_refused_and_what_is_read_reads_back_the_same()
    {
        var valid = TrackingCode.Generate(n => [.. Enumerable.Range(1, n).Select(i => (byte)(i * 37))]).ToString();
        Fuzz.Check("tracking code", FuzzGen.TextOr(valid, valid.ToLowerInvariant(), " " + valid + " "), input =>
        {
            if (TrackingCode.TryParse(input, out var code))
            {
                Assert.True(TrackingCode.TryParse(code.ToString(), out var again));
                Assert.Equal(code, again);
            }
        });
    }
}
