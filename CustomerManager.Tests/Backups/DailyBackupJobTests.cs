using CustomerManager.Data;
using CustomerManager.Data.Backups;
using CustomerManager.Web.Backups;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace CustomerManager.Tests.Backups;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // file modes are checked as Unix modes
public sealed class DailyBackupJobTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "cm-daily-backups", Guid.NewGuid().ToString("N"));
    private readonly LocalClock clock = new();

    public DailyBackupJobTests()
    {
        Directory.CreateDirectory(root);
        using var db = new SqliteCustomerDbContext(new DbContextOptionsBuilder<SqliteCustomerDbContext>()
            .UseSqlite($"Data Source={DatabasePath};Pooling=False").Options);
        db.Database.Migrate();
    }

    private string DatabasePath => Path.Combine(root, "customermanager.db");

    private string BackupFolder => Path.Combine(root, "backups");

    [Fact]
    public void Before_the_hour_nothing_is_made_from_the_hour_one_backup_a_day_even_across_restarts()
    {
        clock.Now = new DateTimeOffset(2026, 12, 1, 1, 59, 0, TimeSpan.Zero);
        Assert.Null(Job().RunIfDue().Created);
        Assert.False(Directory.Exists(BackupFolder));

        clock.Now = new DateTimeOffset(2026, 12, 1, 2, 0, 0, TimeSpan.Zero);
        var made = Job().RunIfDue().Created;
        Assert.Equal(Path.Combine(BackupFolder, "customermanager-2026-12-01.db"), made);
        Assert.Null(SqliteDatabaseFile.CheckCustomerManagerDatabase(made!));
        Assert.Equal(OwnerOnlyFiles.FolderUnixMode, File.GetUnixFileMode(BackupFolder));
        Assert.Equal(OwnerOnlyFiles.FileUnixMode, File.GetUnixFileMode(made!));

        // A restart later the same day (a new job) finds today's file and makes none.
        clock.Now = new DateTimeOffset(2026, 12, 1, 23, 0, 0, TimeSpan.Zero);
        Assert.Null(Job().RunIfDue().Created);

        // The next day's first start after 02:00 catches up.
        clock.Now = new DateTimeOffset(2026, 12, 2, 9, 30, 0, TimeSpan.Zero);
        Assert.Equal(Path.Combine(BackupFolder, "customermanager-2026-12-02.db"), Job().RunIfDue().Created);
        Assert.Equal(2, Directory.GetFiles(BackupFolder).Length);
    }

    [Fact]
    public void Backups_older_than_the_retention_days_are_removed_and_other_files_are_left_alone()
    {
        Directory.CreateDirectory(BackupFolder);
        foreach (var day in Enumerable.Range(1, 9))
        {
            File.WriteAllText(Path.Combine(BackupFolder, DailyBackupJob.FileNameFor(new DateOnly(2026, 11, 20 + day))), "old");
        }

        var manual = Path.Combine(BackupFolder, "before-upgrade.db");
        File.WriteAllText(manual, "kept");
        clock.Now = new DateTimeOffset(2026, 11, 30, 3, 0, 0, TimeSpan.Zero);

        var result = Job(("Backup:RetentionDays", "3")).RunIfDue();

        Assert.Equal(Path.Combine(BackupFolder, "customermanager-2026-11-30.db"), result.Created);
        Assert.Equal(
            ["before-upgrade.db", "customermanager-2026-11-28.db", "customermanager-2026-11-29.db", "customermanager-2026-11-30.db"],
            Directory.GetFiles(BackupFolder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(7, result.Removed.Count);
    }

    [Fact]
    public void The_hour_and_folder_come_from_configuration()
    {
        var folder = Path.Combine(root, "elsewhere");
        clock.Now = new DateTimeOffset(2026, 12, 1, 21, 0, 0, TimeSpan.Zero);
        var late = Job(("Backup:Hour", "22"), ("Backup:Folder", folder));
        Assert.Null(late.RunIfDue().Created);

        clock.Now = clock.Now.AddHours(1);
        Assert.Equal(Path.Combine(folder, "customermanager-2026-12-01.db"), late.RunIfDue().Created);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(root, recursive: true);
    }

    private DailyBackupJob Job(params (string Key, string Value)[] settings) => new(
        clock,
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build(),
        NullLogger<DailyBackupJob>.Instance,
        new SqliteDatabaseFile(DatabasePath));

    /// <summary>A clock whose local time zone is UTC, so "02:00 local" means the same on every machine.</summary>
    private sealed class LocalClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; }

        public override DateTimeOffset GetUtcNow() => Now;

        public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
    }
}
