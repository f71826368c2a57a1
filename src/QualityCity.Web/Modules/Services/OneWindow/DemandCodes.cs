using System.Text;
using QualityCity.Domain.Services.OneWindow;

namespace QualityCity.Web.Modules.Services.OneWindow;

/// <summary>
/// The stable codes of states, actions and complexities as stored and exchanged (snake case of the
/// domain's names), and the mapping between a stored demand and the workflow's snapshot.
/// </summary>
public static class DemandCodes
{
    public static string State(DemandState state) => Snake(state.ToString());

    public static DemandState? ParseState(string? code) => Parse<DemandState>(code);

    public static string Action(DemandAction action) => Snake(action.ToString());

    public static DemandAction? ParseAction(string? code) => Parse<DemandAction>(code);

    public static string Complexity(DemandComplexity complexity) => Snake(complexity.ToString());

    public static DemandComplexity? ParseComplexity(string? code) => Parse<DemandComplexity>(code);

    /// <summary>The code people quote: D, the year, and the number in the year on six digits.</summary>
    public static string DemandCode(int year, int number) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"D{year}-{number:000000}");

    /// <summary>
    /// The county of the authority that issued a unified social credit code (its characters 3 to 8,
    /// GB 32100): a demand's county when the registry does not hold its enterprise.
    /// </summary>
    public static string CountyOfCreditCode(string creditCode) => creditCode.Length >= 8 ? creditCode[2..8] : string.Empty;

    /// <summary>The code as typed (any case, blanks around it), or null when it cannot be one.</summary>
    public static string? Canonical(string? code) =>
        code?.Trim().ToUpperInvariant() is { Length: 12 } c && c[0] == 'D' && c[5] == '-' && c.Skip(1).Take(4).All(char.IsAsciiDigit) && c[6..].All(char.IsAsciiDigit) ? c : null;

    /// <summary>The workflow's view of a stored demand.</summary>
    public static DemandSnapshot Snapshot(Demand demand, IEnumerable<DemandMaterialRequest> requests)
    {
        return new DemandSnapshot
        {
            // Only known codes are stored; the first kind stands in should a code ever be retired.
            Kind = DemandKinds.TryParseCode(demand.Kind, out var kind) ? kind : DemandKind.Calibration,
            FiledAt = Instant(demand.FiledAtUtc),
            Complexity = ParseComplexity(demand.Complexity) ?? DemandComplexity.Ordinary,
            State = ParseState(demand.State) ?? DemandState.Filed,
            AcceptedAt = Instant(demand.AcceptedAtUtc),
            MaterialRequests = requests.OrderBy(r => r.RequestedAtUtc).ThenBy(r => r.Id)
                .Select(r => new MaterialRequest(r.ItemList, r.Reason, Instant(r.RequestedAtUtc), Instant(r.SuppliedAtUtc))).ToList(),
            Answer = demand.Answer,
            AnsweredAt = Instant(demand.AnsweredAtUtc),
            Rating = ServiceRatings.TryParseCode(demand.Rating, out var rating) ? rating : null,
            RatedAt = Instant(demand.RatedAtUtc),
            ContactNote = demand.ContactNote,
            ContactedAt = Instant(demand.ContactedAtUtc),
            FixNote = demand.FixNote,
            FixedAt = Instant(demand.FixedAtUtc),
            ClosedAt = Instant(demand.ClosedAtUtc),
            LastReason = demand.LastReason,
        };
    }

    /// <summary>Writes the snapshot's fields back to the demand (the requests are written by the caller).</summary>
    public static void Store(DemandSnapshot snapshot, Demand demand)
    {
        demand.State = State(snapshot.State);
        demand.Complexity = Complexity(snapshot.Complexity);
        demand.AcceptedAtUtc = snapshot.AcceptedAt?.UtcDateTime;
        demand.Answer = snapshot.Answer;
        demand.AnsweredAtUtc = snapshot.AnsweredAt?.UtcDateTime;
        demand.Rating = snapshot.Rating?.Code();
        demand.RatedAtUtc = snapshot.RatedAt?.UtcDateTime;
        demand.ContactNote = snapshot.ContactNote;
        demand.ContactedAtUtc = snapshot.ContactedAt?.UtcDateTime;
        demand.FixNote = snapshot.FixNote;
        demand.FixedAtUtc = snapshot.FixedAt?.UtcDateTime;
        demand.ClosedAtUtc = snapshot.ClosedAt?.UtcDateTime;
        demand.LastReason = snapshot.LastReason;
    }

    public static DateTimeOffset Instant(DateTime utc) => new(DateTime.SpecifyKind(utc, DateTimeKind.Utc));

    public static DateTimeOffset? Instant(DateTime? utc) => utc is { } u ? Instant(u) : null;

    private static TEnum? Parse<TEnum>(string? code) where TEnum : struct, Enum =>
        Enum.GetValues<TEnum>().FirstOrDefault(v => Snake(v.ToString()) == code?.Trim().ToLowerInvariant()) is var found && Snake(found.ToString()) == code?.Trim().ToLowerInvariant()
            ? found
            : null;

    private static string Snake(string name)
    {
        var text = new StringBuilder();
        foreach (var c in name)
        {
            if (char.IsUpper(c) && text.Length > 0)
            {
                text.Append('_');
            }

            text.Append(char.ToLowerInvariant(c));
        }

        return text.ToString();
    }
}
