using QualityCity.Web.Modules.Planning.Contracts;

namespace QualityCity.Web.Modules.Planning;

/// <summary>The Chinese label of a plan status (translated by the page).</summary>
public static class PlanStatusText
{
    public static string Of(string status) => status switch
    {
        PlanStatus.Published => "已发布",
        PlanStatus.Superseded => "已被重新抽取取代",
        _ => "待审批",
    };
}
