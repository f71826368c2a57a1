using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Data;
using QualityCity.Web.Modules.ReferenceData.Contracts;

namespace QualityCity.Web.Modules.PublicVoice.Triage;

/// <summary>
/// The first routing rules: each category's usual department (from the same categories file as the
/// tree, read here because the tree is saved with these rows), as fallback rules the administrator
/// then refines with specific ones.
/// </summary>
internal sealed class VoiceRoutingRuleData : IReferenceDataSet
{
    public string Name => "public voice routing rules";

    public async Task<bool> AddIfEmptyAsync(QualityCityDbContext db, CancellationToken cancellationToken)
    {
        if (await db.VoiceRoutingRules.AnyAsync(cancellationToken))
        {
            return false;
        }

        var sort = 1000;
        db.VoiceRoutingRules.AddRange(ReferenceFiles.ReadCsv(Path.Combine(ReferenceFiles.Folder, "voice", "categories.csv"), r => new
            {
                Code = r.GetString(r.GetOrdinal("code")),
                Name = r.GetString(r.GetOrdinal("name")),
                Department = r.GetString(r.GetOrdinal("department")),
            })
            .Where(c => c.Department.Length > 0)
            .Select(c => new VoiceRoutingRule
            {
                Sort = sort += 10, Name = c.Name + "的常用部门", Category = c.Code, Department = c.Department, Fallback = true,
            }));
        return true;
    }
}
