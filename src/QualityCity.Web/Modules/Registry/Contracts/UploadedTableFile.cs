using QualityCity.Web.Hosting;
using QualityCity.Web.Localization;

namespace QualityCity.Web.Modules.Registry.Contracts;

/// <summary>
/// An uploaded .csv or .xlsx table (lab results, production data) handed to an importer: checked for
/// type and size, stored under the data directory while it is read, deleted afterwards. The page and
/// the API of each import share it, so both refuse the same files with the same words.
/// </summary>
public static class UploadedTableFile
{
    public static async Task<(T? Report, string? Error)> ImportAsync<T>(IFormFile? file, DatabaseSettings settings, int maxMegabytes, string prefix, Text text,
        Func<string, Task<T>> import, CancellationToken ct)
        where T : class
    {
        var (path, error) = await SaveAsync(file, settings, maxMegabytes, prefix, text, ct);
        if (path is null)
        {
            return (null, error);
        }

        try
        {
            return (await import(path), null);
        }
        catch (RegistryFileException ex)
        {
            return (null, ex.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>
    /// Checks an upload and stores it under the data directory for an import that runs later (a
    /// background job); returns its path, or why it is refused. Whoever reads it deletes it.
    /// </summary>
    public static async Task<(string? Path, string? Error)> SaveAsync(IFormFile? file, DatabaseSettings settings, int maxMegabytes, string prefix, Text text,
        CancellationToken ct)
    {
        if (file is null || file.Length == 0)
        {
            return (null, text["请选择一个 .csv 或 .xlsx 文件"]);
        }

        var extension = Path.GetExtension(file.FileName).ToLowerInvariant();
        if (extension is not (".csv" or ".xlsx"))
        {
            return (null, text.Format("不支持的文件类型“{0}”，请上传 .csv 或 .xlsx 文件。", extension));
        }

        if (file.Length > maxMegabytes * 1048576L)
        {
            return (null, text.Format("文件过大：{0:0.#} MB，上限 {1} MB", file.Length / 1048576.0, maxMegabytes));
        }

        var folder = Path.Combine(settings.DataDirectory, "imports");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"{prefix}-{Guid.NewGuid():N}{extension}");
        await using (var target = File.Create(path))
        {
            await file.CopyToAsync(target, ct);
        }

        return (path, null);
    }
}
