using QualityCity.Domain.PublicVoice;
using Xunit.Abstractions;

namespace QualityCity.Domain.Tests.PublicVoice;

/// <summary>The routing classifier trained on the corpus's past orders and measured on the separately written held-out orders.</summary>
public sealed class RoutingClassifierTests(ITestOutputHelper output)
{
    private static readonly Lazy<RoutingClassifier> Trained = new(() =>
        RoutingClassifier.Train(TriageCorpus.RoutingTraining().Select(r => new RoutingExample(r.Id, r.Text, r.Department))));

    [Fact]
    public void Accuracy_on_the_held_out_orders_clears_the_bar() => AssertAccuracy(TriageCorpus.RoutingHeldOut(), Trained.Value);

    [Fact]
    public void Accuracy_on_hotline_operator_summaries_clears_the_bar() => AssertAccuracy(TriageCorpus.RoutingHeldOutOperatorStyle(), Trained.Value);

    private void AssertAccuracy(IReadOnlyList<RoutingRow> heldOut, RoutingClassifier model)
    {
        var correct = 0;
        foreach (var row in heldOut)
        {
            var prediction = model.Suggest(row.Text);
            if (prediction.Department == row.Department)
            {
                correct++;
            }
            else
            {
                output.WriteLine($"{row.Id} {row.Department} → {prediction.Department} ({prediction.Confidence:F2}) {row.Text}");
            }
        }

        var accuracy = (double)correct / heldOut.Count;
        output.WriteLine($"accuracy {accuracy:F3} ({correct}/{heldOut.Count})");
        Assert.True(accuracy >= 0.9, $"accuracy {accuracy:F3}");
    }

    [Fact]
    public void Training_twice_and_a_stored_model_give_identical_suggestions()
    {
        var again = RoutingClassifier.Train(TriageCorpus.RoutingTraining().Select(r => new RoutingExample(r.Id, r.Text, r.Department)));
        var loaded = RoutingClassifier.FromJson(Trained.Value.ToJson());

        foreach (var row in TriageCorpus.RoutingHeldOut().Take(40))
        {
            var expected = Trained.Value.Suggest(row.Text);
            foreach (var actual in new[] { again.Suggest(row.Text), loaded.Suggest(row.Text) })
            {
                Assert.Equal(expected.Department, actual.Department);
                Assert.Equal(expected.Ranking, actual.Ranking);
                Assert.Equal(expected.SimilarOrders, actual.SimilarOrders);
                Assert.Equal(expected.TopNGrams, actual.TopNGrams);
            }
        }
    }

    [Fact]
    public void A_suggestion_gives_its_confidence_the_similar_past_orders_and_the_n_grams_behind_it()
    {
        var prediction = Trained.Value.Suggest("楼道里堆满了纸箱和旧家具，消防通道完全堵死了");

        Assert.Equal("fire", prediction.Department);
        Assert.InRange(prediction.Confidence, 0.5, 1);
        Assert.Equal(prediction.Confidence, prediction.Ranking[0].Probability);
        Assert.Equal(Trained.Value.Departments.Count, prediction.Ranking.Count);
        Assert.InRange(prediction.Ranking.Sum(r => r.Probability), 0.99, 1.01);
        Assert.Equal(3, prediction.SimilarOrders.Count);
        Assert.Equal("fire", prediction.SimilarOrders[0].Department);
        Assert.StartsWith("T", prediction.SimilarOrders[0].Id, StringComparison.Ordinal);
        Assert.Contains(prediction.TopNGrams, g => g.Contains('消', StringComparison.Ordinal) || g.Contains('通', StringComparison.Ordinal));
    }

    [Fact]
    public void Orders_given_as_text_and_label_pairs_are_numbered_from_one()
    {
        var model = RoutingClassifier.Train([("超市卖过期牛奶", "samr"), ("饭店油烟扰民", "environment"), ("超市牛奶过期了", "samr")]);

        var prediction = model.Suggest("过期牛奶");

        Assert.Equal("samr", prediction.Department);
        Assert.Contains(prediction.SimilarOrders, o => o.Id is "1" or "3");
        Assert.Throws<ArgumentException>(() => RoutingClassifier.Train(Array.Empty<RoutingExample>()));
        Assert.Throws<FormatException>(() => RoutingClassifier.FromJson("{\"Version\":2,\"Departments\":[],\"Grams\":[],\"Idf\":[],\"Weights\":[],\"Biases\":[],\"Examples\":[],\"Options\":{}}"));
    }
}
