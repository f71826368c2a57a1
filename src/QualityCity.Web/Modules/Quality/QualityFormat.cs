using System.Globalization;

namespace QualityCity.Web.Modules.Quality;

/// <summary>How the quality pages write a day.</summary>
public static class QualityFormat
{
    public static string Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty;
}
