using System.Collections.Concurrent;
using System.Security.Cryptography;
using CustomerManager.Data;

namespace CustomerManager.Web.Exports;

/// <summary>A finished export waiting in a temporary file for its user's browser to fetch it at /exports/{token}.</summary>
public sealed record ExportFile(string Token, string Path, string FileName, string ContentType, string UserId, DateTimeOffset ExpiresAt)
{
    public string Url => $"exports/{Token}";

    /// <summary>Data rows written (set when the export has finished).</summary>
    public int Rows { get; init; }
}

/// <summary>
/// Temporary export files, each behind an unguessable token that only the user who made it can use, for
/// <see cref="Lifetime"/>. Expired files are deleted when new ones are made, by a timer, at start-up (what a stopped or
/// crashed instance left behind) and with the instance's folder when the app stops. Folders and files are the app
/// user's only (0700/0600): they hold customers' details.
/// With several web nodes, <c>Exports:Shared</c> says the folder is shared by all of them (a network share): each file
/// then has a small sidecar (<c>{token}.json</c>: owner, name, type, expiry) so any node finds it by its token, and a
/// node that stops leaves its files for the others until they expire.
/// </summary>
public sealed class ExportFiles : IDisposable
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);

    private readonly ConcurrentDictionary<string, ExportFile> files = new(StringComparer.Ordinal);
    private readonly TimeProvider clock;
    private readonly ITimer sweeper;
    private readonly string root;

    public ExportFiles(TimeProvider clock, string root, bool shared = false)
    {
        this.clock = clock;
        this.root = root;
        Shared = shared;
        OwnerOnlyFiles.CreateOrRestrictFolder(root);
        RemoveExpiredFiles(root);
        // One folder per app instance (tests run several in one process); removed when the app stops.
        Folder = System.IO.Path.Combine(root, Guid.NewGuid().ToString("N"));
        OwnerOnlyFiles.CreateFolder(Folder);
        sweeper = clock.CreateTimer(_ => Sweep(), null, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
    }

    public string Folder { get; }

    /// <summary>Whether other nodes read this folder too (see the class summary).</summary>
    public bool Shared { get; }

    /// <summary>A new, empty file for <paramref name="userId"/>'s export, registered under a fresh token.</summary>
    public ExportFile Create(string fileName, string contentType, string userId)
    {
        Sweep();
        // Another instance starting up removes folders it finds empty, this one's included.
        OwnerOnlyFiles.CreateFolder(Folder);
        var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
        var file = new ExportFile(token, System.IO.Path.Combine(Folder, token), fileName, contentType, userId, clock.GetUtcNow() + Lifetime);
        files[token] = file;
        return file;
    }

    /// <summary>
    /// Creates the file, lets <paramref name="write"/> fill it (returning the rows it wrote) and registers it for
    /// download; a write that fails or is cancelled leaves no file and no token behind.
    /// </summary>
    public async Task<ExportFile> WriteAsync(string fileName, string contentType, string userId, Func<Stream, Task<int>> write)
    {
        var file = Create(fileName, contentType, userId);
        try
        {
            int rows;
            await using (var stream = OwnerOnlyFiles.Create(file.Path, FileMode.CreateNew, 1 << 16))
            {
                rows = await write(stream);
            }

            if (Shared)
            {
                await using var sidecar = OwnerOnlyFiles.Create(SidecarPath(file.Path), FileMode.CreateNew, 4096);
                await System.Text.Json.JsonSerializer.SerializeAsync(sidecar, new SharedExport(file.FileName, file.ContentType, file.UserId, file.ExpiresAt));
            }

            return file with { Rows = rows };
        }
        catch
        {
            Discard(file);
            throw;
        }
    }

    /// <summary>The file behind the token, if it exists, has not expired and belongs to <paramref name="userId"/>.</summary>
    public ExportFile? Find(string token, string? userId)
    {
        if (userId is null)
        {
            return null;
        }

        if (!files.TryGetValue(token, out var file))
        {
            file = Shared ? FindShared(token) : null;
        }

        if (file is null || file.UserId != userId)
        {
            return null;
        }

        if (file.ExpiresAt <= clock.GetUtcNow() || !File.Exists(file.Path))
        {
            Discard(file);
            return null;
        }

        return file;
    }

    /// <summary>Forgets the token and deletes its file (a cancelled or failed export, or an expired one).</summary>
    public void Discard(ExportFile file)
    {
        files.TryRemove(file.Token, out _);
        try
        {
            File.Delete(file.Path);
            File.Delete(SidecarPath(file.Path));
        }
        catch (IOException)
        {
            // Still being read: the next sweep (or the next start) removes it.
        }
    }

    public void Sweep()
    {
        var now = clock.GetUtcNow();
        foreach (var file in files.Values.Where(f => f.ExpiresAt <= now))
        {
            Discard(file);
        }

        if (Shared)
        {
            // What stopped nodes left behind in the shared folder.
            RemoveExpiredFiles(root);
        }
    }

    public void Dispose()
    {
        sweeper.Dispose();
        files.Clear();
        if (Shared)
        {
            // Other nodes may still serve these files: each expires and is removed by whichever node sweeps next.
            return;
        }

        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A download still streaming: the next start's clean-up removes it.
        }
    }

    private static string SidecarPath(string path) => path + ".json";

    /// <summary>A file another node (or this one before a restart) made in the shared folder, found by its sidecar.</summary>
    private ExportFile? FindShared(string token)
    {
        // Tokens are 48 hex digits: nothing else may reach the file system.
        if (token.Length != 48 || !token.All(char.IsAsciiHexDigitLower))
        {
            return null;
        }

        try
        {
            foreach (var folder in Directory.EnumerateDirectories(root))
            {
                var path = System.IO.Path.Combine(folder, token);
                if (File.Exists(SidecarPath(path)) && System.Text.Json.JsonSerializer.Deserialize<SharedExport>(File.ReadAllText(SidecarPath(path))) is { } meta)
                {
                    return new ExportFile(token, path, meta.FileName, meta.ContentType, meta.UserId, meta.ExpiresAt);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Text.Json.JsonException)
        {
            // Removed while being read (expired) or half written: not found.
        }

        return null;
    }

    private sealed record SharedExport(string FileName, string ContentType, string UserId, DateTimeOffset ExpiresAt);

    /// <summary>
    /// Files older than <see cref="Lifetime"/> in any instance's folder, and folders left empty: no token can reach them
    /// any more (an instance forgets a token when its file expires), so nothing in use is removed.
    /// </summary>
    private void RemoveExpiredFiles(string root)
    {
        var expiredBefore = (clock.GetUtcNow() - Lifetime).UtcDateTime;
        foreach (var folder in new DirectoryInfo(root).EnumerateDirectories())
        {
            try
            {
                foreach (var file in folder.EnumerateFiles().Where(f => f.LastWriteTimeUtc < expiredBefore))
                {
                    file.Delete();
                }

                if (!folder.EnumerateFileSystemInfos().Any())
                {
                    folder.Delete();
                }
            }
            catch (IOException)
            {
                // Still being read or written by another instance: its own sweep removes it.
            }
        }
    }
}
