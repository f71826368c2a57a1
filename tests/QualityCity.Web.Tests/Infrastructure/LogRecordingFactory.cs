using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace QualityCity.Web.Tests.Infrastructure;

/// <summary>
/// The platform with every log message of its server kept in <see cref="Logs"/>, at every level
/// whatever the configured filters say: what any log configuration could ever write.
/// </summary>
public class LogRecordingFactory(DatabaseKind kind) : QualityCityFactory(kind)
{
    public RecordingLoggerProvider Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(logging => logging.AddProvider(Logs).AddFilter<RecordingLoggerProvider>(category: null, LogLevel.Trace));
    }
}
