namespace QualityCity.Web.Modules.ReferenceData;

/// <summary>A published holiday or make-up workday (REG-5).</summary>
public sealed class HolidayEntry
{
    public DateOnly Date { get; set; }

    /// <summary>holiday / workday.</summary>
    public required string Kind { get; set; }

    public required string Name { get; set; }
}
