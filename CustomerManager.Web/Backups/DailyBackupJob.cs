using System.Globalization;
using CustomerManager.Data.Backups;

namespace CustomerManager.Web.Backups;

/// <summary>What one <see cref="DailyBackupJob.RunIfDue"/> did: the backup it made (null when none was due) and the old ones it removed.</summary>
public sealed record DailyBackupResult(string? Created, IReadOnlyList<string> Removed);

/// <summary>
/// Backs the SQLite database up once a day, at <c>Backup:Hour</c> (local time, default 2) or at the first start after
/// it, into <c>Backup:Folder</c> (default: "backups" beside the database), keeping <c>Backup:RetentionDays</c> days
/// (default 7). The day is in the file's name, so restarts never make a second backup the same day. Off when
/// <c>Backup:Enabled</c> is false; with SQL Server it only says that the server's own backups apply.
/// </summary>
public sealed class DailyBackupJob(
    TimeProvider clock, IConfiguration configuration, ILogger<DailyBackupJob> logger, SqliteDatabaseFile? database = null)
    : BackgroundService
{
    public const string EnabledKey = "Backup:Enabled";
    public const string HourKey = "Backup:Hour";
    public const string FolderKey = "Backup:Folder";
    public const string RetentionDaysKey = "Backup:RetentionDays";
    private const string FilePrefix = "customermanager-";
    private const string FileSuffix = ".db";

    public string Folder => configuration[FolderKey] is { Length: > 0 } folder
        ? Path.GetFullPath(folder, Path.GetDirectoryName(database?.Path) ?? AppContext.BaseDirectory)
        : Path.Combine(Path.GetDirectoryName(database?.Path) ?? AppContext.BaseDirectory, "backups");

    private int Hour => configuration.GetValue(HourKey, 2);

    private int RetentionDays => configuration.GetValue(RetentionDaysKey, 7);

    public static string FileNameFor(DateOnly day) => $"{FilePrefix}{day:yyyy-MM-dd}{FileSuffix}";

    /// <summary>Makes today's backup when its hour has come and it does not exist yet; then removes those past retention.</summary>
    public DailyBackupResult RunIfDue()
    {
        if (database is null)
        {
            return new DailyBackupResult(null, []);
        }

        var now = clock.GetLocalNow();
        var today = DateOnly.FromDateTime(now.DateTime);
        var target = Path.Combine(Folder, FileNameFor(today));
        string? created = null;
        if (now.Hour >= Hour && !File.Exists(target))
        {
            Data.OwnerOnlyFiles.CreateOrRestrictFolder(Folder);
            database.BackupTo(target);
            created = target;
            logger.LogInformation("Daily backup of {Database} written to {Backup}", database.Path, target);
        }

        return new DailyBackupResult(created, RemoveExpired(today));
    }

    /// <summary>Backups named for a day more than <c>Backup:RetentionDays</c> before today; other files are left alone.</summary>
    private List<string> RemoveExpired(DateOnly today)
    {
        var removed = new List<string>();
        if (!Directory.Exists(Folder))
        {
            return removed;
        }

        var oldestKept = today.AddDays(1 - Math.Max(1, RetentionDays));
        foreach (var file in Directory.EnumerateFiles(Folder, FilePrefix + "*" + FileSuffix))
        {
            var name = Path.GetFileName(file);
            if (DateOnly.TryParseExact(name[FilePrefix.Length..^FileSuffix.Length], "yyyy-MM-dd", CultureInfo.InvariantCulture,
                    DateTimeStyles.None, out var day) && day < oldestKept)
            {
                File.Delete(file);
                removed.Add(file);
            }
        }

        return removed;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (database is null)
        {
            logger.LogInformation("No daily backup: the database is SQL Server, whose own backups (BACKUP DATABASE, managed backups) apply");
            return;
        }

        if (!configuration.GetValue(EnabledKey, true))
        {
            logger.LogInformation("Daily backup disabled ({Key} is false)", EnabledKey);
            return;
        }

        if (Hour is < 0 or > 23)
        {
            logger.LogError("Daily backup not started: {Key} must be an hour from 0 to 23, not {Hour}", HourKey, Hour);
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // Off the start-up path: a large database takes a while to copy.
                await Task.Run(RunIfDue, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The next start or the next day tries again: no backup file for today was left behind.
                logger.LogError(e, "Daily backup of {Database} failed", database.Path);
            }

            var now = clock.GetLocalNow();
            var next = new DateTimeOffset(now.Date.AddHours(Hour), now.Offset);
            next = next > now ? next : next.AddDays(1);
            try
            {
                await Task.Delay(next - now, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
