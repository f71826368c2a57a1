namespace QualityCity.Domain.Services.Standards;

/// <summary>
/// One bibliographic record of a standard as files carry it (SVC-3): the columns of the standards
/// import and export, already parsed. Only the number and one title are required; everything else may
/// be missing from a catalogue page.
/// </summary>
/// <param name="Number">The standard's number as published, e.g. <c>GB/T 5023.3-2008</c>.</param>
/// <param name="TitleZh">The Chinese title (may be empty when <paramref name="TitleEn"/> is given).</param>
/// <param name="TitleEn">The English title, when published.</param>
/// <param name="Status">The status as published: 现行, 即将实施 or 废止; null when the file gives none.</param>
/// <param name="PublishDate">发布日期.</param>
/// <param name="ImplementDate">实施日期.</param>
/// <param name="AbolishDate">废止日期.</param>
/// <param name="Ccs">中国标准分类号, e.g. <c>K13</c>.</param>
/// <param name="Ics">国际标准分类号, e.g. <c>29.060.20</c>.</param>
/// <param name="Replaces">Numbers of the standards this one replaces (代替标准).</param>
/// <param name="ReplacedBy">Numbers of the standards that replace this one (被代替标准).</param>
/// <param name="Body">The responsible body (主管部门 / 归口单位).</param>
/// <param name="Committee">The technical committee (e.g. <c>SAC/TC 213</c>).</param>
/// <param name="Cluster">The city's standards cluster this record is tagged with (seed 001's 10 clusters).</param>
public sealed record StandardRecord(
    string Number,
    string TitleZh,
    string? TitleEn = null,
    string? Status = null,
    DateOnly? PublishDate = null,
    DateOnly? ImplementDate = null,
    DateOnly? AbolishDate = null,
    string? Ccs = null,
    string? Ics = null,
    IReadOnlyList<string>? Replaces = null,
    IReadOnlyList<string>? ReplacedBy = null,
    string? Body = null,
    string? Committee = null,
    string? Cluster = null);
