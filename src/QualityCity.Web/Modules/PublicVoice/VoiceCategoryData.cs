using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Data;
using QualityCity.Web.Modules.ReferenceData.Contracts;

namespace QualityCity.Web.Modules.PublicVoice;

/// <summary>The category tree of public-voice items, shipped in ReferenceData/voice/categories.csv; the administrator changes it afterwards.</summary>
internal sealed class VoiceCategoryData : IReferenceDataSet
{
    public string Name => "public voice categories";

    public async Task<bool> AddIfEmptyAsync(QualityCityDbContext db, CancellationToken cancellationToken)
    {
        if (await db.VoiceCategories.AnyAsync(cancellationToken))
        {
            return false;
        }

        db.VoiceCategories.AddRange(ReferenceFiles.ReadCsv(Path.Combine(ReferenceFiles.Folder, "voice", "categories.csv"), r => new VoiceCategory
        {
            Code = r.GetString(r.GetOrdinal("code")),
            ParentCode = r.GetString(r.GetOrdinal("parent")) is { Length: > 0 } parent ? parent : null,
            Name = r.GetString(r.GetOrdinal("name")),
            NameEn = r.GetString(r.GetOrdinal("name_en")),
            DefaultDepartment = r.GetString(r.GetOrdinal("department")) is { Length: > 0 } department ? department : null,
            Sort = int.Parse(r.GetString(r.GetOrdinal("sort")), System.Globalization.CultureInfo.InvariantCulture),
        }));
        return true;
    }
}
