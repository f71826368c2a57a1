using QualityCity.Web.Localization;

namespace QualityCity.Web.Hosting;

/// <summary>The outcome of an action: done (with a value), or refused with the HTTP status and the reasons by field.</summary>
public sealed record WorkResult(int Status, IDictionary<string, string[]>? Errors = null, string? Message = null, object? Value = null)
{
    public bool Succeeded => Status == StatusCodes.Status200OK;

    public static WorkResult Ok(object value) => new(StatusCodes.Status200OK, Value: value);

    public static WorkResult Invalid(string field, string message) => new(StatusCodes.Status400BadRequest, new Dictionary<string, string[]> { [field] = [message] });

    public static WorkResult Invalid(IDictionary<string, string[]> errors) => new(StatusCodes.Status400BadRequest, errors);

    public static WorkResult Refused(int status, string message) => new(status, Message: message);

    public static readonly WorkResult NotFound = new(StatusCodes.Status404NotFound, Message: "not found");

    /// <summary>Every reason in one line, for a page (the reasons are already in the page's language).</summary>
    public string Describe(Text text) => Status == StatusCodes.Status404NotFound
        ? text["未找到，或您无权查看"]
        : Message ?? string.Join("；", Errors?.SelectMany(e => e.Value) ?? []);

    public IResult ToHttp() => Status switch
    {
        StatusCodes.Status200OK => Results.Ok(Value),
        StatusCodes.Status400BadRequest when Errors is not null => Results.ValidationProblem(Errors),
        StatusCodes.Status404NotFound => Results.NotFound(),
        _ => Results.Problem(Message, statusCode: Status),
    };
}
