using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;

namespace QualityCity.Web.Hosting;

/// <summary>An endpoint's largest request body; read by <see cref="RequestLimits.UseRequestBodyLimits"/>.</summary>
public sealed class RequestBodyLimit(long bytes) : IRequestSizeLimitMetadata
{
    public long? MaxRequestBodySize { get; } = bytes;
}

/// <summary>
/// Request bodies are small unless a route says otherwise: JSON and forms get
/// <see cref="DefaultBytes"/>, sign-in far less, and only the upload routes (photos, documents,
/// imports) more. A body over the limit is refused with 413 before it is read, so a huge request
/// costs the server nothing.
/// </summary>
public static class RequestLimits
{
    public const long DefaultBytes = 1L << 20;
    public const long SignInBytes = 16L << 10;

    /// <summary>Photos, documents and evidence files (each file is checked against its own limit too).</summary>
    public const long UploadBytes = 64L << 20;

    /// <summary>A registry file through the web (the CLI has no limit).</summary>
    public const long RegistryImportBytes = 512L << 20;

    public static TBuilder WithBodyLimit<TBuilder>(this TBuilder builder, long bytes) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequestBodyLimit(bytes));

    /// <summary>After routing: applies the endpoint's limit (<see cref="IRequestSizeLimitMetadata"/>, also set by MVC's [RequestSizeLimit]) or the default.</summary>
    public static IApplicationBuilder UseRequestBodyLimits(this IApplicationBuilder app) => app.Use((http, next) =>
    {
        var feature = http.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (feature is { IsReadOnly: false })
        {
            feature.MaxRequestBodySize = http.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? DefaultBytes;
        }

        return next(http);
    });
}
