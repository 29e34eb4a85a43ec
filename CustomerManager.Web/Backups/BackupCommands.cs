using CustomerManager.Data.Backups;

namespace CustomerManager.Web.Backups;

/// <summary>
/// <c>--backup &lt;file&gt;</c> and <c>--restore &lt;file&gt;</c> (see README "Backups"): exit code 0 when done, 1 when refused or
/// failed, with a sentence on the console saying which and why.
/// </summary>
internal static class BackupCommands
{
    public const string SqlServerAnswer =
        "The database is SQL Server: back it up with BACKUP DATABASE (or the platform's managed backups) and restore it " +
        "with RESTORE DATABASE. --backup and --restore are for the SQLite file.";

    public static int Backup(IServiceProvider services, string? target, TextWriter output)
    {
        if (Database(services, target, "--backup <file>", output) is not { } database)
        {
            return 1;
        }

        try
        {
            database.BackupTo(target!);
            output.WriteLine($"Backed up {database.Path} to {Path.GetFullPath(target!)} ({new FileInfo(target!).Length / 1024.0 / 1024.0:N1} MB).");
            return 0;
        }
        catch (Exception e) when (e is BackupException or IOException or UnauthorizedAccessException)
        {
            output.WriteLine($"Backup failed: {e.Message}");
            return 1;
        }
    }

    public static int Restore(IServiceProvider services, string? backup, TextWriter output)
    {
        if (Database(services, backup, "--restore <file>", output) is not { } database)
        {
            return 1;
        }

        try
        {
            var previous = database.RestoreFrom(backup!, services.GetRequiredService<TimeProvider>().GetUtcNow());
            output.WriteLine($"Restored {database.Path} from {Path.GetFullPath(backup!)}."
                + (previous is null ? "" : $" The database as it was is kept as {previous}."));
            return 0;
        }
        catch (Exception e) when (e is BackupException or IOException or UnauthorizedAccessException)
        {
            output.WriteLine($"Restore refused: {e.Message}");
            return 1;
        }
    }

    private static SqliteDatabaseFile? Database(IServiceProvider services, string? file, string usage, TextWriter output)
    {
        if (string.IsNullOrWhiteSpace(file) || file.StartsWith("--", StringComparison.Ordinal))
        {
            output.WriteLine($"Usage: {usage}");
            return null;
        }

        var database = services.GetService<SqliteDatabaseFile>();
        if (database is null)
        {
            output.WriteLine(SqlServerAnswer);
        }

        return database;
    }
}
