using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using QualityCity.Web.Hosting;
using QualityCity.Web.Localization;

namespace QualityCity.Web.Modules.PublicVoice.Intake;

/// <summary>
/// <c>POST /api/voice/items</c> reads its JSON itself, so that a body that is not JSON, or a field of
/// the wrong type, is a 400 that names the field like any other bad field (the framework's binding
/// answers such a body with a bare 400). The input rules of every API body (<see cref="InputValidation"/>)
/// apply to each text field as they do elsewhere.
/// </summary>
public static class VoiceIntakeEndpoint
{
    /// <summary>The field named when the body itself cannot be read (not JSON, empty, or not an object).</summary>
    public const string BodyField = "body";

    public static async Task<IResult> PostAsync(HttpRequest http, VoiceIntake intake, Text text, IOptions<JsonOptions> json, CancellationToken ct)
    {
        if (!http.HasJsonContentType())
        {
            return Results.Problem(text["请以 JSON 提交（Content-Type: application/json）"], statusCode: StatusCodes.Status415UnsupportedMediaType);
        }

        var (request, errors) = await ReadAsync(http.Body, json.Value.SerializerOptions, text, ct);
        if (request is null)
        {
            return Results.ValidationProblem(errors!);
        }

        WorkResult result;
        try
        {
            result = await intake.SubmitAsync(request, [], VoiceChannels.Api, ct);
        }
        catch (ChannelClosedException)
        {
            // The server is stopping: the submission was not taken, the client may send it again.
            return Results.Problem(text["服务正在重启，请稍后再提交"], statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        return result is { Succeeded: true, Value: VoiceReceipt receipt }
            ? Results.Created($"/voice/track/{Domain.PublicVoice.TrackingCode.Parse(receipt.TrackingCode).Canonical}", receipt)
            : result.ToHttp();
    }

    /// <summary>
    /// Reads the JSON body and checks the input rules of each text field: the submission, or the
    /// errors by field (<see cref="BodyField"/> when the body itself cannot be read). Needs no request.
    /// </summary>
    public static async Task<(VoiceSubmission? Submission, Dictionary<string, string[]>? Errors)> ReadAsync(Stream body, JsonSerializerOptions options, Text text,
        CancellationToken cancellationToken)
    {
        VoiceSubmission? request;
        try
        {
            request = await JsonSerializer.DeserializeAsync<VoiceSubmission>(body, options, cancellationToken);
        }
        catch (JsonException exception)
        {
            // A reader's error (the text is not JSON, or it ends early) comes wrapped: the body is at
            // fault wherever the reader stopped. Otherwise a value did not fit its field's type.
            return exception.InnerException is JsonException || FieldOf(exception.Path) is not { } field
                ? (null, Invalid(BodyField, text["无法读取：请求不是有效的 JSON"]))
                : (null, Invalid(field, text["字段的类型不对"]));
        }

        if (request is null)
        {
            return (null, Invalid(BodyField, text["无法读取：请求不是有效的 JSON"]));
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        Check(errors, "kind", request.Kind);
        Check(errors, "category", request.Category);
        Check(errors, "county", request.County);
        Check(errors, "township", request.Township);
        Check(errors, "address", request.Address);
        Check(errors, "creditCode", request.CreditCode);
        Check(errors, "entityName", request.EntityName);
        Check(errors, "description", request.Description);
        Check(errors, "contactName", request.ContactName);
        Check(errors, "contactPhone", request.ContactPhone);
        Check(errors, "contactEmail", request.ContactEmail);
        Check(errors, "channel", request.Channel);
        Check(errors, "poster", request.Poster);
        return errors.Count > 0 ? (null, errors) : (request, null);
    }

    private static void Check(Dictionary<string, string[]> errors, string field, string? value)
    {
        if (InputValidation.TextProblem(value, allowLineBreaks: true, InputValidation.MaxBodyText) is { } problem)
        {
            errors.TryAdd(field, [problem]);
        }
    }

    private static Dictionary<string, string[]> Invalid(string field, string message) => new(StringComparer.Ordinal) { [field] = [message] };

    /// <summary>"$.description" → description; null for the root or no path.</summary>
    private static string? FieldOf(string? path)
    {
        if (path is null || !path.StartsWith("$.", StringComparison.Ordinal))
        {
            return null;
        }

        var field = path[2..];
        var end = field.IndexOfAny(['.', '[']);
        field = end < 0 ? field : field[..end];
        return field.Length == 0 ? null : char.ToLowerInvariant(field[0]) + field[1..];
    }
}
