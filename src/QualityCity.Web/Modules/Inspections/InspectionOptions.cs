namespace QualityCity.Web.Modules.Inspections;

/// <summary>The "Inspections" section of the configuration (EXE-3, EXE-4, EXE-6, EXE-7).</summary>
public sealed class InspectionOptions
{
    public const string Section = "Inspections";

    /// <summary>Working days before a visit that the enterprise sees it, with the items and the self-check guide (EXE-2).</summary>
    public int NoticeWorkingDays { get; set; } = 3;

    /// <summary>Days after the visit's last valid day during which results may still be entered, marked late.</summary>
    public int LateEntryDays { get; set; } = 10;

    /// <summary>
    /// Days an entry made offline may wait on the officer's phone before it is sent (EXE-9): the late
    /// entry rule counts from the time it was entered, and this bounds how far back that may be.
    /// </summary>
    public int OfflineKeepDays { get; set; } = 30;

    /// <summary>Working days the enterprise has to put a problem right.</summary>
    public int RectificationWorkingDays { get; set; } = 15;

    /// <summary>Working days after the inspection by which the result must be public.</summary>
    public int PublicationWorkingDays { get; set; } = 20;

    /// <summary>Working days before the publication deadline from which an unpublished result is listed as due (EXE-6).</summary>
    public int PublicationWarningWorkingDays { get; set; } = 3;

    /// <summary>A department sees the ratings of its inspections only as an aggregate of at least this many.</summary>
    public int MinimumRatingsShown { get; set; } = 5;

    /// <summary>Largest fine the platform records, in yuan; above it a figure is taken for a typing slip (EXE-5).</summary>
    public decimal MaxFineYuan { get; set; } = 100_000_000m;

    /// <summary>Largest photo an officer may attach to an item (JPEG, PNG or WebP), in megabytes (EXE-3).</summary>
    public int MaxPhotoMegabytes { get; set; } = 10;

    /// <summary>Largest document or evidence file an enterprise may send (images or PDF), in megabytes.</summary>
    public int MaxDocumentMegabytes { get; set; } = 20;

    /// <summary>Working days the coordinator has to answer an enterprise's complaint about an inspection (EXE-7).</summary>
    public int ComplaintAnswerWorkingDays { get; set; } = 5;
}
