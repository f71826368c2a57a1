using System.Text.Encodings.Web;
using System.Text.Json;

namespace QualityCity.Web.Modules.Planning.Contracts;

/// <summary>How the public planning records (commitment.json, draw.json, plan.json) are written and read.</summary>
internal static class PlanningJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
