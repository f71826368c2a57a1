using System.Text.Json;
using QualityCity.Domain.Common;

namespace QualityCity.Domain.PublicVoice;

/// <summary>A past order the classifier learns from: its text and the department that handled it (承办单位, or staff's dispatch decision).</summary>
/// <param name="Id">The order's identifier, quoted back as a reason ("like order X").</param>
/// <param name="Text">The citizen's message.</param>
/// <param name="Department">The responsible department's code, e.g. samr, urban, environment.</param>
public sealed record RoutingExample(string Id, string Text, string Department);

/// <summary>Settings of the routing classifier's training; the defaults suit a few hundred to tens of thousands of orders.</summary>
public sealed record RoutingClassifierOptions
{
    /// <summary>Passes over the training orders. Default 12.</summary>
    public int Epochs { get; init; } = 12;

    /// <summary>Initial step size of stochastic gradient descent; it decays each pass. Default 0.8.</summary>
    public double LearningRate { get; init; } = 0.8;

    /// <summary>L2 penalty, keeping rare n-grams from dominating. Default 1e-5.</summary>
    public double L2 { get; init; } = 1e-5;

    /// <summary>An n-gram must occur in at least this many orders to become a feature (typos and names are noise). Default 2.</summary>
    public int MinDocumentFrequency { get; init; } = 2;

    /// <summary>
    /// How much rarer departments are up-weighted in training: each order's weight is (mean orders per department ÷
    /// orders of its department) to this power, at most 5. 0 treats all orders alike, 1 fully balances. Default 0.75: most
    /// orders are the bureau's own, which otherwise pulls every doubtful message to it.
    /// </summary>
    public double Balance { get; init; } = 0.75;

    /// <summary>Seed of the shuffling, so that training the same orders gives the same model. Default 12345.</summary>
    public ulong Seed { get; init; } = 12345;

    /// <summary>How many similar past orders a suggestion quotes. Default 3.</summary>
    public int SimilarItems { get; init; } = 3;

    /// <summary>How many of the n-grams that drove a suggestion it quotes. Default 5.</summary>
    public int TopNGrams { get; init; } = 5;
}

/// <summary>Another department the classifier considered, with its probability.</summary>
/// <param name="Department">Department code.</param>
/// <param name="Probability">Probability in [0, 1].</param>
public sealed record DepartmentScore(string Department, double Probability);

/// <summary>A past order that resembles the new message.</summary>
/// <param name="Id">The past order's identifier.</param>
/// <param name="Department">The department that handled it.</param>
/// <param name="Similarity">Cosine similarity of the two messages' n-gram vectors, in [0, 1].</param>
public sealed record SimilarPastOrder(string Id, string Department, double Similarity);

/// <summary>The classifier's suggestion for one message, with its reasons.</summary>
/// <param name="Department">The most probable department.</param>
/// <param name="Confidence">Its probability in [0, 1]; below about 0.5 a person should choose.</param>
/// <param name="Ranking">Every department, most probable first.</param>
/// <param name="SimilarOrders">The most similar past orders, most similar first.</param>
/// <param name="TopNGrams">The character n-grams of the message that weighed most for the suggested department.</param>
public sealed record RoutingPrediction(
    string Department,
    double Confidence,
    IReadOnlyList<DepartmentScore> Ranking,
    IReadOnlyList<SimilarPastOrder> SimilarOrders,
    IReadOnlyList<string> TopNGrams);

/// <summary>
/// Suggests the responsible department for a citizen's message, learned from past orders: character 1–3-grams
/// weighted by TF-IDF (no word segmentation, robust to typos), and a multinomial logistic regression trained by
/// stochastic gradient descent with a fixed seed, so the same orders always give the same model. Train it from
/// scratch (a few seconds for 10,000 orders) or store it with <see cref="ToJson"/> and load it with
/// <see cref="FromJson"/>.
/// </summary>
public sealed class RoutingClassifier
{
    private readonly string[] _departments;
    private readonly Dictionary<string, int> _features;
    private readonly string[] _grams;
    private readonly double[] _idf;
    private readonly double[][] _weights;
    private readonly double[] _biases;
    private readonly RoutingExample[] _examples;
    private readonly SparseVector[] _exampleVectors;
    private readonly RoutingClassifierOptions _options;

    private RoutingClassifier(
        string[] departments,
        Dictionary<string, int> features,
        double[] idf,
        double[][] weights,
        double[] biases,
        RoutingExample[] examples,
        RoutingClassifierOptions options)
    {
        _departments = departments;
        _features = features;
        _grams = new string[features.Count];
        foreach (var (gram, index) in features)
        {
            _grams[index] = gram;
        }

        _idf = idf;
        _weights = weights;
        _biases = biases;
        _examples = examples;
        _options = options;
        _exampleVectors = examples.Select(e => Vectorize(e.Text)).ToArray();
    }

    /// <summary>The department codes the classifier can suggest, in order of first appearance in the training orders.</summary>
    public IReadOnlyList<string> Departments => _departments;

    /// <summary>Number of n-gram features.</summary>
    public int FeatureCount => _features.Count;

    /// <summary>Trains from (text, department) pairs; the orders are numbered from 1 in the reasons.</summary>
    public static RoutingClassifier Train(IEnumerable<(string Text, string Label)> orders, RoutingClassifierOptions? options = null) =>
        Train(orders.Select((o, i) => new RoutingExample((i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), o.Text, o.Label)), options);

    /// <summary>Trains from past orders.</summary>
    /// <exception cref="ArgumentException">When there are no orders.</exception>
    public static RoutingClassifier Train(IEnumerable<RoutingExample> orders, RoutingClassifierOptions? options = null)
    {
        options ??= new RoutingClassifierOptions();
        var examples = orders.Where(o => !string.IsNullOrWhiteSpace(o.Text) && !string.IsNullOrWhiteSpace(o.Department)).ToArray();
        if (examples.Length == 0)
        {
            throw new ArgumentException("At least one order with a text and a department is needed.", nameof(orders));
        }

        var departments = examples.Select(e => e.Department).Distinct(StringComparer.Ordinal).ToArray();
        var departmentIndex = departments.Select((d, i) => (d, i)).ToDictionary(x => x.d, x => x.i, StringComparer.Ordinal);
        var counts = examples.Select(e => Grams(e.Text)).ToArray();

        var documentFrequency = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var gram in counts.SelectMany(c => c.Keys))
        {
            documentFrequency[gram] = documentFrequency.GetValueOrDefault(gram) + 1;
        }

        // Features in ordinal order so that the model does not depend on dictionary enumeration order.
        var kept = documentFrequency.Where(p => p.Value >= options.MinDocumentFrequency).Select(p => p.Key).Order(StringComparer.Ordinal).ToArray();
        var features = kept.Select((g, i) => (g, i)).ToDictionary(x => x.g, x => x.i, StringComparer.Ordinal);
        var idf = kept.Select(g => Math.Log((examples.Length + 1.0) / (documentFrequency[g] + 1.0)) + 1).ToArray();

        var weights = departments.Select(_ => new double[kept.Length]).ToArray();
        var biases = new double[departments.Length];
        var vectors = counts.Select(c => Vectorize(c, features, idf)).ToArray();
        var labels = examples.Select(e => departmentIndex[e.Department]).ToArray();
        var perDepartment = labels.GroupBy(l => l).ToDictionary(g => g.Key, g => g.Count());
        var meanPerDepartment = (double)examples.Length / departments.Length;
        // Capped so that a department with a handful of orders cannot make single steps explode.
        var orderWeights = labels.Select(l => Math.Min(5, Math.Pow(meanPerDepartment / perDepartment[l], options.Balance))).ToArray();
        var order = Enumerable.Range(0, examples.Length).ToArray();
        var random = new SplitMix64(options.Seed);
        var probabilities = new double[departments.Length];

        for (var epoch = 0; epoch < options.Epochs; epoch++)
        {
            Shuffle(order, random);
            var rate = options.LearningRate / (1 + epoch * 0.5);
            foreach (var index in order)
            {
                var vector = vectors[index];
                Softmax(weights, biases, vector, probabilities);
                for (var c = 0; c < departments.Length; c++)
                {
                    // Gradient of the cross-entropy loss; the penalty is applied to the weights touched only,
                    // which keeps each step proportional to the message's length rather than the vocabulary.
                    var error = (probabilities[c] - (labels[index] == c ? 1 : 0)) * orderWeights[index];
                    var row = weights[c];
                    for (var k = 0; k < vector.Indices.Length; k++)
                    {
                        var feature = vector.Indices[k];
                        row[feature] -= rate * (error * vector.Values[k] + options.L2 * row[feature]);
                    }

                    biases[c] -= rate * error * 0.1;
                }
            }
        }

        return new RoutingClassifier(departments, features, idf, weights, biases, examples, options);
    }

    /// <summary>The suggested department for a message, with confidence and reasons.</summary>
    public RoutingPrediction Suggest(string text)
    {
        var vector = Vectorize(text);
        var probabilities = new double[_departments.Length];
        Softmax(_weights, _biases, vector, probabilities);

        var ranking = probabilities
            .Select((p, i) => new DepartmentScore(_departments[i], Math.Round(p, 4)))
            .OrderByDescending(s => s.Probability)
            .ThenBy(s => Array.IndexOf(_departments, s.Department))
            .ToList();
        var best = Array.IndexOf(_departments, ranking[0].Department);

        var topNGrams = vector.Indices
            .Select((feature, k) => (Gram: _grams[feature], Contribution: _weights[best][feature] * vector.Values[k]))
            .Where(x => x.Contribution > 0)
            .OrderByDescending(x => x.Contribution)
            .ThenBy(x => x.Gram, StringComparer.Ordinal)
            .Take(_options.TopNGrams)
            .Select(x => x.Gram)
            .ToList();

        var similar = _exampleVectors
            .Select((v, i) => (Index: i, Similarity: v.Dot(vector)))
            .Where(x => x.Similarity > 0)
            .OrderByDescending(x => x.Similarity)
            .ThenBy(x => x.Index)
            .Take(_options.SimilarItems)
            .Select(x => new SimilarPastOrder(_examples[x.Index].Id, _examples[x.Index].Department, Math.Round(Math.Min(1, x.Similarity), 4)))
            .ToList();

        return new RoutingPrediction(ranking[0].Department, ranking[0].Probability, ranking, similar, topNGrams);
    }

    /// <summary>The trained model as JSON, to store it and load it with <see cref="FromJson"/> instead of retraining.</summary>
    public string ToJson()
    {
        return JsonSerializer.Serialize(new StoredModel(1, _departments, _grams, _idf, _weights, _biases, _examples, _options));
    }

    /// <summary>Loads a model stored with <see cref="ToJson"/>; it suggests exactly what the stored one did.</summary>
    /// <exception cref="FormatException">When the JSON is not a stored routing model.</exception>
    public static RoutingClassifier FromJson(string json)
    {
        var stored = JsonSerializer.Deserialize<StoredModel>(json);
        if (stored is null || stored.Version != 1 || stored.Weights.Length != stored.Departments.Length || stored.Idf.Length != stored.Grams.Length)
        {
            throw new FormatException("Not a stored routing model (version 1).");
        }

        var features = stored.Grams.Select((g, i) => (g, i)).ToDictionary(x => x.g, x => x.i, StringComparer.Ordinal);
        return new RoutingClassifier(stored.Departments, features, stored.Idf, stored.Weights, stored.Biases, stored.Examples, stored.Options);
    }

    private SparseVector Vectorize(string text) => Vectorize(Grams(text), _features, _idf);

    private static Dictionary<string, int> Grams(string text) => ChineseText.NGramCounts(ChineseText.Normalize(text), 1, 3);

    // Sublinear TF × IDF, L2-normalised, so that long messages do not outvote short ones.
    private static SparseVector Vectorize(Dictionary<string, int> counts, Dictionary<string, int> features, double[] idf)
    {
        var entries = new List<(int Index, double Value)>(counts.Count);
        foreach (var (gram, count) in counts)
        {
            if (features.TryGetValue(gram, out var index))
            {
                entries.Add((index, (1 + Math.Log(count)) * idf[index]));
            }
        }

        entries.Sort((a, b) => a.Index.CompareTo(b.Index));
        var norm = Math.Sqrt(entries.Sum(e => e.Value * e.Value));
        return new SparseVector(
            entries.Select(e => e.Index).ToArray(),
            entries.Select(e => norm == 0 ? 0 : e.Value / norm).ToArray());
    }

    private static void Softmax(double[][] weights, double[] biases, SparseVector vector, double[] probabilities)
    {
        var max = double.NegativeInfinity;
        for (var c = 0; c < weights.Length; c++)
        {
            var score = biases[c];
            var row = weights[c];
            for (var k = 0; k < vector.Indices.Length; k++)
            {
                score += row[vector.Indices[k]] * vector.Values[k];
            }

            probabilities[c] = score;
            max = Math.Max(max, score);
        }

        var sum = 0.0;
        for (var c = 0; c < probabilities.Length; c++)
        {
            probabilities[c] = Math.Exp(probabilities[c] - max);
            sum += probabilities[c];
        }

        for (var c = 0; c < probabilities.Length; c++)
        {
            probabilities[c] /= sum;
        }
    }

    private static void Shuffle(int[] order, SplitMix64 random)
    {
        for (var i = order.Length - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
    }

    private sealed record SparseVector(int[] Indices, double[] Values)
    {
        public double Dot(SparseVector other)
        {
            var sum = 0.0;
            int i = 0, j = 0;
            while (i < Indices.Length && j < other.Indices.Length)
            {
                if (Indices[i] == other.Indices[j])
                {
                    sum += Values[i++] * other.Values[j++];
                }
                else if (Indices[i] < other.Indices[j])
                {
                    i++;
                }
                else
                {
                    j++;
                }
            }

            return sum;
        }
    }

    private sealed record StoredModel(
        int Version,
        string[] Departments,
        string[] Grams,
        double[] Idf,
        double[][] Weights,
        double[] Biases,
        RoutingExample[] Examples,
        RoutingClassifierOptions Options);
}
