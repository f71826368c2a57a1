namespace QualityCity.Domain.PublicVoice;

/// <summary>What the duplicate finder needs to know about an item (the new one or an earlier one).</summary>
/// <param name="Id">The item's identifier, returned with each candidate.</param>
/// <param name="Text">The citizen's message as written.</param>
/// <param name="CountyCode">The county (six-digit division code, e.g. 371502); duplicates are only looked for within one county.</param>
/// <param name="ReceivedAt">When the item was received.</param>
/// <param name="Address">The address the item gives, if any.</param>
/// <param name="EnterpriseCreditCode">The unified social credit code of the enterprise concerned, if known.</param>
/// <param name="EnterpriseName">The name of the enterprise or shop concerned, if known.</param>
/// <param name="Kind">Complaint, report and so on; duplicates may differ in kind (one caller complains, another reports).</param>
public sealed record DuplicateCheckItem(
    string Id,
    string Text,
    string CountyCode,
    DateTimeOffset ReceivedAt,
    string? Address = null,
    string? EnterpriseCreditCode = null,
    string? EnterpriseName = null,
    VoiceItemKind Kind = VoiceItemKind.Complaint);

/// <summary>Settings of the duplicate finder.</summary>
public sealed record DuplicateFinderOptions
{
    /// <summary>How far apart in time two items may be and still be duplicates (either direction). Default 7 days.</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromDays(7);

    /// <summary>The similarity from which an earlier item is suggested. Default 0.45.</summary>
    public double Threshold { get; init; } = 0.45;

    /// <summary>At most this many candidates are returned. Default 10.</summary>
    public int MaxCandidates { get; init; } = 10;
}

/// <summary>An earlier item that is probably about the same problem at the same place.</summary>
/// <param name="Id">The earlier item's identifier.</param>
/// <param name="Similarity">Overall similarity in [0, 1]: place^0.4 × problem^0.6 (see <see cref="DuplicateFinder"/>).</param>
/// <param name="PlaceSimilarity">How sure it is the same place, in [0, 1].</param>
/// <param name="ProblemSimilarity">How sure it is the same problem, in [0, 1].</param>
/// <param name="SharedPlaces">Names and address parts both items mention, for the reviewer.</param>
/// <param name="SharedProblems">Problem concepts both items mention (e.g. expired, short-weight), for the reviewer.</param>
public sealed record DuplicateCandidate(
    string Id,
    double Similarity,
    double PlaceSimilarity,
    double ProblemSimilarity,
    IReadOnlyList<string> SharedPlaces,
    IReadOnlyList<string> SharedProblems);

/// <summary>
/// Suggests earlier items that a new item probably duplicates (same problem, same place, close in time), for a
/// person to confirm before merging (并单). Never merges anything itself.
/// </summary>
/// <remarks>
/// <para>Only items of the same county received within the window are compared. The score of a pair is
/// WHERE^0.4 × WHAT^0.6, a weighted geometric mean, so that both must be high: the same problem at another
/// shop is not a duplicate, nor another problem at the same shop.</para>
/// <para>WHERE (place similarity): with credit codes on both sides, equal codes give 1 and different codes 0.
/// Otherwise the shop names (from the enterprise field, and from the text before a shop word such as 超市 or 饭店)
/// are reduced to their core (好又多) and looked for in the other item's text. A name found gives 0.6 + 0.4 ×
/// the share of the name found (≥ 0.5 needed). When both items name a shop and neither name is found in the
/// other, or the names are two branches of one chain (same brand, each with its own rest of at least two
/// characters, e.g. 蜜雪冰城汇鑫店 and 蜜雪冰城人民路店), they are different shops: 0.1 × address overlap. When only one side names a shop, or neither does,
/// the address overlap decides (× 0.7 when one side names a shop the other does not mention). Address overlap
/// weighs shared parts by precision (area 0.1, street or number 0.5, compound or village 1) divided by the
/// smaller side's total, at least 1, so that sharing only a sub-district is weak evidence.</para>
/// <para>WHAT (problem similarity): places are cut out of both texts first, so that the shop name does not make
/// two different problems look alike. Then the TF-IDF cosine of character bigrams (document frequencies from
/// the background texts given to the constructor plus the items compared) is combined with the problem
/// concepts of <see cref="ProblemLexicon"/>: when both texts have concepts and share none, 0.3 × cosine; when
/// they share some, 0.6 × (shared ÷ smaller set) + 0.4 × min(1, 2 × cosine); without concepts on a side,
/// min(1, 1.2 × cosine).</para>
/// </remarks>
public sealed class DuplicateFinder
{
    private const double PlaceWeight = 0.4;

    private readonly DuplicateFinderOptions _options;
    private readonly Dictionary<string, int> _backgroundDocumentFrequency = new(StringComparer.Ordinal);
    private readonly int _backgroundDocuments;

    /// <summary>Creates a finder.</summary>
    /// <param name="options">Window, threshold and result size; defaults when null.</param>
    /// <param name="backgroundTexts">
    /// Past messages used only to learn which bigrams are common (我在, 投诉, 超市) and so weigh little; a few
    /// hundred recent items are plenty. Without them, only the compared items are used.
    /// </param>
    public DuplicateFinder(DuplicateFinderOptions? options = null, IEnumerable<string>? backgroundTexts = null)
    {
        _options = options ?? new DuplicateFinderOptions();
        foreach (var text in backgroundTexts ?? [])
        {
            _backgroundDocuments++;
            foreach (var gram in Bigrams(ChineseText.Normalize(text)).Keys)
            {
                _backgroundDocumentFrequency[gram] = _backgroundDocumentFrequency.GetValueOrDefault(gram) + 1;
            }
        }
    }

    /// <summary>The settings in use.</summary>
    public DuplicateFinderOptions Options => _options;

    /// <summary>
    /// The candidates (same county, received within the window before or after the item, not the item itself)
    /// whose similarity reaches the threshold, best first, at most <see cref="DuplicateFinderOptions.MaxCandidates"/>;
    /// ties keep the order of <paramref name="candidates"/>. At intake, pass the items received before the new one.
    /// </summary>
    public IReadOnlyList<DuplicateCandidate> Find(DuplicateCheckItem item, IEnumerable<DuplicateCheckItem> candidates) =>
        Score(item, candidates)
            .Where(c => c.Similarity >= _options.Threshold)
            .Take(_options.MaxCandidates)
            .ToList();

    /// <summary>
    /// Every eligible candidate (same county, within the window) with its score, best first, whatever the
    /// threshold: for explaining a decision or tuning the threshold.
    /// </summary>
    public IReadOnlyList<DuplicateCandidate> Score(DuplicateCheckItem item, IEnumerable<DuplicateCheckItem> candidates)
    {
        var eligible = candidates
            .Where(c => c.Id != item.Id
                && c.CountyCode == item.CountyCode
                && (c.ReceivedAt - item.ReceivedAt).Duration() <= _options.Window)
            .ToList();
        if (eligible.Count == 0)
        {
            return [];
        }

        var itemProfile = Profile.Of(item);
        var profiles = eligible.Select(Profile.Of).ToList();
        var documentFrequency = DocumentFrequency(profiles.Append(itemProfile));
        var documents = _backgroundDocuments + profiles.Count + 1;

        return profiles
            .Select((profile, index) => Compare(itemProfile, profile, eligible[index].Id, documentFrequency, documents))
            .OrderByDescending(c => c.Similarity)
            .ToList();
    }

    private Dictionary<string, int> DocumentFrequency(IEnumerable<Profile> profiles)
    {
        var frequency = new Dictionary<string, int>(_backgroundDocumentFrequency, StringComparer.Ordinal);
        foreach (var profile in profiles)
        {
            foreach (var gram in Bigrams(profile.NormalizedText).Keys)
            {
                frequency[gram] = frequency.GetValueOrDefault(gram) + 1;
            }
        }

        return frequency;
    }

    private static DuplicateCandidate Compare(Profile a, Profile b, string id, Dictionary<string, int> documentFrequency, int documents)
    {
        var (place, sharedPlaces) = PlaceSimilarity(a, b);
        var (problem, sharedProblems) = ProblemSimilarity(a, b, documentFrequency, documents);
        // A weighted geometric mean: both must be high, and WHAT weighs more because WHERE is often thin (a caller
        // names the street but not the shop) while a different problem at the same shop must stay apart.
        var similarity = Math.Round(Math.Pow(place, PlaceWeight) * Math.Pow(problem, 1 - PlaceWeight), 4);
        return new DuplicateCandidate(id, similarity, Math.Round(place, 4), Math.Round(problem, 4), sharedPlaces, sharedProblems);
    }

    private static (double Score, IReadOnlyList<string> Shared) PlaceSimilarity(Profile a, Profile b)
    {
        var (addressOverlap, sharedParts) = AddressOverlap(a.Places.AddressParts, b.Places.AddressParts);
        var shared = new List<string>();

        if (!string.IsNullOrWhiteSpace(a.Item.EnterpriseCreditCode) && !string.IsNullOrWhiteSpace(b.Item.EnterpriseCreditCode))
        {
            // A credit code identifies the enterprise outright; names and addresses add nothing.
            var same = string.Equals(a.Item.EnterpriseCreditCode.Trim(), b.Item.EnterpriseCreditCode.Trim(), StringComparison.OrdinalIgnoreCase);
            if (same)
            {
                shared.Add(a.Item.EnterpriseCreditCode.Trim());
            }

            return (same ? 1 : 0, shared);
        }

        shared.AddRange(sharedParts);
        if (AreDifferentBranches(a.Places.Names, b.Places.Names))
        {
            return (0.1 * addressOverlap, shared);
        }

        var (nameFound, nameShare, name) = BestNameMatch(a, b);
        if (nameFound)
        {
            shared.Insert(0, name);
            return (0.6 + 0.4 * nameShare, shared);
        }

        var aNames = a.Places.Names.Count > 0;
        var bNames = b.Places.Names.Count > 0;
        if (aNames && bNames)
        {
            // Two different shops, even on the same street.
            return (0.1 * addressOverlap, shared);
        }

        return (aNames || bNames ? 0.7 * addressOverlap : addressOverlap, shared);
    }

    // Two branches of one chain (蜜雪冰城汇鑫店, 蜜雪冰城人民路店) share the brand but each has its own rest; a
    // name that contains the other (漱玉平民 in 漱玉平民大药房柳园) is the same shop said more or less fully.
    private static bool AreDifferentBranches(IReadOnlyList<string> aNames, IReadOnlyList<string> bNames)
    {
        var differentBranch = false;
        foreach (var a in aNames)
        {
            foreach (var b in bNames)
            {
                if (a.Contains(b, StringComparison.Ordinal) || b.Contains(a, StringComparison.Ordinal))
                {
                    return false;
                }

                var common = ChineseText.LongestCommonSubstring(a, b);
                differentBranch |= common >= 2 && a.Length - common >= 2 && b.Length - common >= 2;
            }
        }

        return differentBranch;
    }

    // A name of one side looked for in the other side's text, fields and names; the share is the longest common
    // substring over the name's length, so 蜜雪冰城汇鑫 (field) is found in "汇鑫街道的蜜雪冰城" (text).
    private static (bool Found, double Share, string Name) BestNameMatch(Profile a, Profile b)
    {
        var best = (Found: false, Share: 0.0, Name: "");
        foreach (var (names, other) in new[] { (a.Places.Names, b.Places.SearchText), (b.Places.Names, a.Places.SearchText) })
        {
            foreach (var name in names)
            {
                var common = ChineseText.LongestCommonSubstring(name, other);
                var share = (double)common / name.Length;
                if (common >= 2 && share >= 0.5 && share > best.Share)
                {
                    best = (true, share, name);
                }
            }
        }

        return best;
    }

    private static (double Overlap, IReadOnlyList<string> Shared) AddressOverlap(IReadOnlyList<AddressPart> a, IReadOnlyList<AddressPart> b)
    {
        if (a.Count == 0 || b.Count == 0)
        {
            return (0, []);
        }

        var shared = a.Where(b.Contains).ToList();
        var sharedWeight = shared.Sum(p => Weight(p.Precision));
        var smallerTotal = Math.Min(a.Sum(p => Weight(p.Precision)), b.Sum(p => Weight(p.Precision)));
        return (Math.Min(1, sharedWeight / Math.Max(1, smallerTotal)), shared.Select(p => p.Text).ToList());
    }

    private static double Weight(AddressPrecision precision) => precision switch
    {
        AddressPrecision.Area => 0.1,
        AddressPrecision.Street => 0.5,
        _ => 1,
    };

    private static (double Score, IReadOnlyList<string> Shared) ProblemSimilarity(Profile a, Profile b, Dictionary<string, int> documentFrequency, int documents)
    {
        // Both sides' places are cut out of both texts, so a shop name one caller repeats does not count as WHAT.
        var cosine = ChineseText.Cosine(
            Weighted(a.ProblemText(b), documentFrequency, documents),
            Weighted(b.ProblemText(a), documentFrequency, documents));
        if (a.Concepts.Count == 0 || b.Concepts.Count == 0)
        {
            return (Math.Min(1, 1.2 * cosine), []);
        }

        var shared = a.Concepts.Where(b.Concepts.Contains).ToList();
        if (shared.Count == 0)
        {
            return (0.3 * cosine, shared);
        }

        var overlap = (double)shared.Count / Math.Min(a.Concepts.Count, b.Concepts.Count);
        return (0.6 * overlap + 0.4 * Math.Min(1, 2 * cosine), shared);
    }

    private static Dictionary<string, double> Weighted(string normalized, Dictionary<string, int> documentFrequency, int documents)
    {
        var weights = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (gram, count) in Bigrams(normalized))
        {
            var idf = Math.Log((documents + 1.0) / (documentFrequency.GetValueOrDefault(gram) + 1.0)) + 1;
            weights[gram] = (1 + Math.Log(count)) * idf;
        }

        return weights;
    }

    private static Dictionary<string, int> Bigrams(string normalized) => ChineseText.NGramCounts(normalized, 2, 2);

    private sealed record Profile(DuplicateCheckItem Item, PlaceMentions Places, IReadOnlyList<string> Concepts, string NormalizedText)
    {
        public static Profile Of(DuplicateCheckItem item)
        {
            var places = PlaceMentions.Extract(item.Text, item.Address, item.EnterpriseName);
            return new Profile(item, places, ProblemLexicon.Find(item.Text), ChineseText.Normalize(item.Text));
        }

        public string ProblemText(Profile other)
        {
            var text = Item.Text;
            foreach (var name in Places.Names.Concat(other.Places.Names))
            {
                text = text.Replace(name, " ", StringComparison.Ordinal);
            }

            foreach (var part in Places.AddressParts.Concat(other.Places.AddressParts))
            {
                text = text.Replace(part.Text, " ", StringComparison.Ordinal);
            }

            return ChineseText.Normalize(text);
        }
    }
}
