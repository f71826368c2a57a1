namespace QualityCity.Web.Modules.Audit;

/// <summary>Secret key files in the data directory, created once and readable by the service account only.</summary>
internal static class KeyFiles
{
    /// <summary>
    /// The file's text; when it does not exist yet, writes <paramref name="create"/>'s text first.
    /// </summary>
    /// <remarks>
    /// The file is created with mode 0600 in one step (never world-readable, not even for a moment),
    /// and with CreateNew: when the server and a command-line verb start together on a new data
    /// directory, the second one reads the first one's key instead of replacing it with its own,
    /// which would leave entries hashed or checkpoints signed with a key nobody kept.
    /// </remarks>
    public static string ReadOrCreate(string path, Func<string> create)
    {
        if (File.Exists(path))
        {
            return File.ReadAllText(path);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var text = create();
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using var writer = new StreamWriter(path, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false), options);
            writer.Write(text);
            writer.Flush();
            ((FileStream)writer.BaseStream).Flush(flushToDisk: true);
            return text;
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created it first: its key is the one (give it a moment to finish writing).
            for (var attempt = 0; ; attempt++)
            {
                var existing = File.ReadAllText(path);
                if (existing.Length > 0 || attempt == 20)
                {
                    return existing;
                }

                Thread.Sleep(50);
            }
        }
    }
}
