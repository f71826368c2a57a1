using QualityCity.Domain.Services.OneWindow;

namespace QualityCity.Web.Modules.Services.OneWindow;

/// <summary>The Chinese names the pages show for stored codes (the English is in en.json, keyed by them).</summary>
public static class DemandLabels
{
    /// <summary>The name of a timeline step: a workflow action, the filing or an escalation.</summary>
    public static string Action(string code) => code switch
    {
        "file" => "提交需求",
        DemandWork.EscalatedAction => "超期督办",
        _ => DemandCodes.ParseAction(code) is { } action ? DemandWorkflow.ActionNameZh(action) : code,
    };

    public static string State(string code) => DemandCodes.ParseState(code) is { } state ? DemandWorkflow.StateNameZh(state) : code;
}
