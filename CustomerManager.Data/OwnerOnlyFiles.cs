namespace CustomerManager.Data;

/// <summary>
/// Folders and files only the app's own user may read (0700 / 0600 on Unix): the database, its backups and the exports
/// hold every customer's details. Windows keeps its folder ACLs, inherited from the data folder.
/// </summary>
public static class OwnerOnlyFiles
{
    public const UnixFileMode FolderUnixMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    public const UnixFileMode FileUnixMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Creates the folder as the owner's only when it is missing; an existing folder keeps the mode its owner gave it.</summary>
    public static void CreateFolder(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else if (!Directory.Exists(path))
        {
            Directory.CreateDirectory(path, FolderUnixMode);
            // The process's umask may have taken bits away, never added any; set exactly what is meant.
            File.SetUnixFileMode(path, FolderUnixMode);
        }
    }

    /// <summary>Creates the folder if needed and makes it the owner's only: for folders only the app uses (exports, backups).</summary>
    public static void CreateOrRestrictFolder(string path)
    {
        CreateFolder(path);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, FolderUnixMode);
        }
    }

    /// <summary>A new file (or an existing one emptied) that only the owner may read, open for writing.</summary>
    public static FileStream Create(string path, FileMode mode = FileMode.CreateNew, int bufferSize = 4096)
    {
        var options = new FileStreamOptions { Mode = mode, Access = FileAccess.Write, Share = FileShare.None, BufferSize = bufferSize };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = FileUnixMode;
        }

        var stream = new FileStream(path, options);
        if (!OperatingSystem.IsWindows())
        {
            // UnixCreateMode applies only when the file is new; an emptied existing file is restricted too.
            File.SetUnixFileMode(stream.SafeFileHandle, FileUnixMode);
        }

        return stream;
    }
}
