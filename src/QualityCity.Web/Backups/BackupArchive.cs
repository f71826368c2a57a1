using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;

namespace QualityCity.Web.Backups;

/// <summary>
/// A backup in one file: a gzip-compressed tar archive holding the database copy, the files of the
/// data directory and, last, <c>manifest.json</c> with every other entry's size and SHA-256 (ADR 44).
/// </summary>
public static class BackupArchive
{
    public const string ManifestName = "manifest.json";

    /// <summary>The audit checkpoint file's name in the archive, wherever the installation keeps it.</summary>
    public const string CheckpointsName = "audit/checkpoints.jsonl";

    /// <summary>The folder of the archive that holds <see cref="DataFolders"/>, as they are under QC_DATA_DIR.</summary>
    public const string DataFolder = "data";

    /// <summary>
    /// The folders of the data directory a backup carries: what users uploaded (photos, documents and
    /// evidence, capacity-exit photos) and the import files with their error reports. Not carried:
    /// <c>keys/</c> (kept apart, see <see cref="BackupKeys"/>), and what the platform rebuilds by itself
    /// (<c>published/</c>, <c>standards-index/</c>).
    /// </summary>
    public static readonly IReadOnlyList<string> DataFolders = ["uploads", "capacity", "imports"];

    /// <summary>
    /// Writes <paramref name="entries"/> (name in the archive, file on disk) and then the manifest made
    /// from their sizes and hashes to <paramref name="path"/>. The archive is written beside it under
    /// another name and renamed when complete, so that a file at <paramref name="path"/> is always a whole archive.
    /// </summary>
    public static async Task<BackupManifest> WriteAsync(string path, IReadOnlyList<(string Name, string Source)> entries,
        Func<IReadOnlyList<BackupFile>, BackupManifest> manifestOf, CancellationToken cancellationToken)
    {
        var partial = path + ".part";
        try
        {
            BackupManifest manifest;
            await using (var file = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                // Fastest: photos do not compress, and the backup runs beside the server on a small machine.
                await using var gzip = new GZipStream(file, CompressionLevel.Fastest);
                await using var tar = new TarWriter(gzip, TarEntryFormat.Pax);
                var files = new List<BackupFile>();
                foreach (var (name, source) in entries)
                {
                    await using (var read = File.OpenRead(source))
                    {
                        files.Add(new BackupFile(name, read.Length, Convert.ToHexStringLower(await SHA256.HashDataAsync(read, cancellationToken))));
                    }

                    await tar.WriteEntryAsync(source, name, cancellationToken);
                }

                manifest = manifestOf(files);
                using var json = new MemoryStream(manifest.ToJson());
                await tar.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, ManifestName)
                {
                    DataStream = json, ModificationTime = manifest.CreatedAtUtc,
                    Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
                }, cancellationToken);
            }

            File.Move(partial, path);
            return manifest;
        }
        finally
        {
            File.Delete(partial);
        }
    }

    /// <summary>
    /// Unpacks the archive into <paramref name="folder"/> and checks it against its manifest: every
    /// entry listed, of its size and SHA-256, and nothing else. A <see cref="BackupException"/> says
    /// what is wrong; the caller removes the folder either way.
    /// </summary>
    public static async Task<BackupManifest> ExtractAsync(string path, string folder, CancellationToken cancellationToken)
    {
        var root = Path.GetFullPath(folder) + Path.DirectorySeparatorChar;
        var found = new Dictionary<string, BackupFile>(StringComparer.Ordinal);
        byte[]? manifestJson = null;
        try
        {
            await using var file = File.OpenRead(path);
            await using var gzip = new GZipStream(file, CompressionMode.Decompress);
            await using var tar = new TarReader(gzip);
            while (await tar.GetNextEntryAsync(copyData: false, cancellationToken) is { } entry)
            {
                if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || entry.DataStream is null)
                {
                    throw new BackupException($"not a QualityCity backup: it holds {entry.Name}, which is not a file");
                }

                if (entry.Name == ManifestName)
                {
                    using var json = new MemoryStream();
                    await entry.DataStream.CopyToAsync(json, cancellationToken);
                    manifestJson = json.ToArray();
                    continue;
                }

                var target = Path.GetFullPath(Path.Combine(root, entry.Name));
                if (!IsPlainName(entry.Name) || !target.StartsWith(root, StringComparison.Ordinal) || found.ContainsKey(entry.Name))
                {
                    throw new BackupException($"not a QualityCity backup: it holds an entry named {entry.Name}");
                }

                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                long bytes = 0;
                await using (var written = new FileStream(target, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                {
                    var buffer = new byte[81920];
                    int read;
                    while ((read = await entry.DataStream.ReadAsync(buffer, cancellationToken)) > 0)
                    {
                        hash.AppendData(buffer, 0, read);
                        await written.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                        bytes += read;
                    }
                }

                found[entry.Name] = new BackupFile(entry.Name, bytes, Convert.ToHexStringLower(hash.GetHashAndReset()));
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or FormatException or EndOfStreamException)
        {
            throw new BackupException($"not a QualityCity backup, or a damaged one: {ex.Message}");
        }

        var manifest = BackupManifest.Parse(manifestJson ?? throw new BackupException($"not a QualityCity backup: it has no {ManifestName}"));
        var problems = manifest.Files
            .Select(listed => found.GetValueOrDefault(listed.Path) is not { } actual ? $"{listed.Path} is missing"
                : actual != listed ? $"{listed.Path} differs from the manifest ({actual.Bytes} bytes, SHA-256 {actual.Sha256}; listed {listed.Bytes} bytes, {listed.Sha256})"
                : null)
            .Concat(found.Keys.Except(manifest.Files.Select(f => f.Path), StringComparer.Ordinal).Select(extra => $"{extra} is not in the manifest"))
            .OfType<string>().ToList();
        return problems.Count == 0
            ? manifest
            : throw new BackupException("the archive is damaged or was changed: " + string.Join("; ", problems));
    }

    /// <summary>A relative name of plain segments: no root, no backslash, no empty, <c>.</c> or <c>..</c> segment.</summary>
    private static bool IsPlainName(string name) =>
        name.Length > 0 && !Path.IsPathRooted(name) && !name.Contains('\\', StringComparison.Ordinal)
        && name.Split('/').All(segment => segment is not ("" or "." or ".."));
}
