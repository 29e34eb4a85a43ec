using Microsoft.Data.Sqlite;

namespace CustomerManager.Data.Backups;

/// <summary>
/// The SQLite database file: consistent backups while the app runs (SQLite's online backup API), and restores that
/// only happen while no app has the file open, from a backup that has first been checked.
/// </summary>
/// <remarks>
/// A running app holds a shared lock on <see cref="LockPath"/> (several instances of the app may share the file); a
/// restore needs it exclusively, so neither can start while the other is under way.
/// </remarks>
public sealed class SqliteDatabaseFile(string path) : IDisposable
{
    private FileStream? inUseLock;

    public string Path { get; } = System.IO.Path.GetFullPath(path);

    public string LockPath => Path + ".lock";

    /// <summary>The file a connection string names, or null for an in-memory database.</summary>
    public static SqliteDatabaseFile? For(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        return builder.DataSource == ":memory:" || builder.Mode == SqliteOpenMode.Memory || builder.DataSource.Length == 0
            ? null
            : new SqliteDatabaseFile(builder.DataSource);
    }

    /// <summary>Held by the running app until it stops: a restore refuses to replace the file under it.</summary>
    public void HoldWhileRunning()
    {
        if (inUseLock is not null)
        {
            return;
        }

        try
        {
            inUseLock = new FileStream(LockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite);
        }
        catch (IOException e)
        {
            throw new InvalidOperationException($"{Path} is being restored (the lock {LockPath} is held); start the app when the restore has finished.", e);
        }
    }

    /// <summary>
    /// Copies the database to <paramref name="target"/> while the app may be writing to it: SQLite copies a consistent
    /// snapshot, then the copy is made a stand-alone file (no WAL) and checked. The file appears only when complete.
    /// </summary>
    public void BackupTo(string target)
    {
        if (CheckCustomerManagerDatabase(Path) is { } problem)
        {
            throw new BackupException($"Nothing to back up at {Path}: {problem}");
        }

        target = System.IO.Path.GetFullPath(target);
        OwnerOnlyFiles.CreateFolder(System.IO.Path.GetDirectoryName(target)!);
        var partial = target + ".partial";
        OwnerOnlyFiles.Create(partial, FileMode.Create).Dispose();
        try
        {
            using (var source = Open(Path, SqliteOpenMode.ReadOnly))
            using (var copy = Open(partial, SqliteOpenMode.ReadWrite))
            {
                source.BackupDatabase(copy);
                Execute(copy, "PRAGMA journal_mode=DELETE;");
            }

            if (CheckCustomerManagerDatabase(partial) is { } copyProblem)
            {
                throw new BackupException($"The backup of {Path} did not check out: {copyProblem}");
            }

            File.Move(partial, target, overwrite: true);
        }
        finally
        {
            File.Delete(partial);
        }
    }

    /// <summary>
    /// Replaces the database with <paramref name="backup"/> after checking it (integrity, and that it is a CustomerManager
    /// database), keeping the current database beside it; refused while an app holds the file. The replacement is one
    /// rename, so the database is either the old file or the new one, never half of each.
    /// </summary>
    /// <returns>Where the database as it was before the restore was kept, or null when there was none.</returns>
    public string? RestoreFrom(string backup, DateTimeOffset now)
    {
        backup = System.IO.Path.GetFullPath(backup);
        if (!File.Exists(backup))
        {
            throw new BackupException($"There is no backup at {backup}.");
        }

        OwnerOnlyFiles.CreateFolder(System.IO.Path.GetDirectoryName(Path)!);
        using var exclusive = TakeExclusiveLock();
        var restoring = Path + ".restoring";
        try
        {
            using (var copy = OwnerOnlyFiles.Create(restoring, FileMode.Create))
            using (var source = new FileStream(backup, FileMode.Open, FileAccess.Read, FileShare.Read))
            {
                source.CopyTo(copy);
            }

            if (CheckCustomerManagerDatabase(restoring) is { } problem)
            {
                throw new BackupException($"{backup} was not restored: {problem}");
            }

            string? previous = null;
            if (File.Exists(Path) && new FileInfo(Path).Length > 0)
            {
                previous = $"{Path}.before-restore-{now:yyyyMMdd-HHmmss}";
                if (CheckCustomerManagerDatabase(Path) is null)
                {
                    // Through SQLite, so that writes still in the WAL are kept too.
                    BackupTo(previous);
                }
                else
                {
                    // Damaged (often why one restores): kept byte for byte, for whoever looks into it.
                    File.Copy(Path, previous);
                }
            }

            // A journal left by the replaced file would be replayed into the restored one and corrupt it.
            SqliteConnection.ClearAllPools();
            foreach (var leftover in new[] { Path + "-wal", Path + "-shm", Path + "-journal" })
            {
                File.Delete(leftover);
            }

            File.Move(restoring, Path, overwrite: true);
            return previous;
        }
        finally
        {
            foreach (var leftover in new[] { restoring, restoring + "-wal", restoring + "-shm" })
            {
                File.Delete(leftover);
            }
        }
    }

    /// <summary>Null when <paramref name="file"/> is an intact SQLite database with CustomerManager's migrations; else why not.</summary>
    public static string? CheckCustomerManagerDatabase(string file)
    {
        if (!File.Exists(file) || new FileInfo(file).Length == 0)
        {
            return "the file is missing or empty";
        }

        try
        {
            using var connection = Open(file, SqliteOpenMode.ReadOnly);
            using var integrity = connection.CreateCommand();
            integrity.CommandText = "PRAGMA integrity_check;";
            var result = integrity.ExecuteScalar() as string;
            if (result != "ok")
            {
                return $"the integrity check failed ({result})";
            }

            using var migrations = connection.CreateCommand();
            migrations.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '__EFMigrationsHistory';";
            return Convert.ToInt64(migrations.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 1
                ? null
                : "it is an SQLite database but not CustomerManager's (no __EFMigrationsHistory table)";
        }
        catch (SqliteException e)
        {
            return $"it is not a readable SQLite database ({e.Message})";
        }
    }

    public void Dispose()
    {
        inUseLock?.Dispose();
        inUseLock = null;
    }

    private FileStream TakeExclusiveLock()
    {
        try
        {
            return new FileStream(LockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            throw new BackupException(
                $"The app is running on {Path} (it holds {LockPath}): stop every instance of the app, then restore. Nothing was changed.");
        }
    }

    /// <summary>Unpooled: a pooled connection would keep the file open after the backup or check.</summary>
    private static SqliteConnection Open(string file, SqliteOpenMode mode)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = file, Mode = mode, Pooling = false,
        }.ToString());
        connection.Open();
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}

/// <summary>A backup or restore that was refused or failed; the message says why and what was left unchanged.</summary>
public sealed class BackupException(string message) : Exception(message);
