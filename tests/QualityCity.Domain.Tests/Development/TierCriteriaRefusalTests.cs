using QualityCity.Domain.Development;

namespace QualityCity.Domain.Tests.Development;

/// <summary>A criteria file written wrong is refused naming the key, never with a crash while it is read or used.</summary>
public sealed class TierCriteriaRefusalTests
{
    private const string Fields = """
        "fields":{"eligible":{"type":"bool"},"revenue":{"type":"number"},"field":{"type":"enum","values":["none","key_link"]}}
        """;

    private static string File(string tier) => $$"""{"versions":[{"version":"2022","complete":true,{{Fields}},"tiers":[{{tier}}]}]}""";

    private static string Tier(string condition, string scores = "") =>
        $$"""{"id":"innovative","level":1,{{scores}}"conditions":[{"id":"c","test":{{condition}}}]}""";

    private static TierCriteriaException Refused(string json) => Assert.Throws<TierCriteriaException>(() => TierCriteria.Parse(json, "2022"));

    [Fact]
    public void A_file_that_is_not_an_object_is_refused_as_missing_its_versions()
    {
        Assert.Equal("versions", Refused("9").Key);
    }

    [Fact]
    public void A_file_holding_half_a_surrogate_pair_is_refused_as_invalid_text()
    {
        Assert.Equal("(file)", Refused("{\"versions\":\"\udc00\"}").Key);
    }

    [Fact]
    public void Score_groups_that_are_not_a_list_are_refused_naming_the_key()
    {
        var refused = Refused(File(Tier("""{"field":"eligible","op":"==","value":true}""", "\"scores\":{\"groups\":\"x\"},")));
        Assert.Equal("tiers[innovative].scores.groups", refused.Key);
    }

    [Fact]
    public void A_test_written_as_a_number_is_refused_naming_the_condition()
    {
        Assert.Equal("tiers[innovative].conditions[c]", Refused(File(Tier("3"))).Key);
    }

    [Fact]
    public void Any_of_no_tests_is_refused_as_it_could_never_hold_nor_say_what_it_needs()
    {
        Assert.Equal("tiers[innovative].conditions[c].any", Refused(File(Tier("""{"any":[]}"""))).Key);
    }

    [Fact]
    public void In_on_a_field_without_named_values_is_refused()
    {
        var refused = Refused(File(Tier("""{"field":"eligible","op":"in","value":["是"]}""")));
        Assert.Contains("named values", refused.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_named_value_written_as_a_number_is_refused_naming_the_field()
    {
        var refused = Refused(File(Tier("""{"field":"field","op":"==","value":3}""")));
        Assert.Contains("field has no value 3", refused.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Points_counted_from_a_yes_no_field_are_refused_as_it_has_no_figure()
    {
        var scores = "\"scores\":" + """{"groups":[{"id":"g","items":[{"id":"i","kind":"steps","field":"eligible","max":10,"per":1,"points_each":1}]}]}""" + ",";
        var refused = Refused(File(Tier("""{"score":"total","op":">=","value":1}""", scores)));
        Assert.Equal("tiers[innovative].scores.g.i.field", refused.Key);
    }

    [Fact]
    public void A_negative_maximum_of_an_item_is_refused_naming_it()
    {
        var scores = "\"scores\":" + """{"groups":[{"id":"g","items":[{"id":"i","kind":"value","field":"revenue","max":-1}]}]}""" + ",";
        var refused = Refused(File(Tier("""{"score":"total","op":">=","value":1}""", scores)));
        Assert.Equal("tiers[innovative].scores.g.i.max", refused.Key);
    }
}
