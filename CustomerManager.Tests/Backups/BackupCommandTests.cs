using System.Diagnostics;
using System.Security.Cryptography;
using CustomerManager.Data;
using CustomerManager.Data.Backups;
using CustomerManager.Tests.EndToEnd;

namespace CustomerManager.Tests.Backups;

/// <summary>
/// <c>--backup</c> and <c>--restore</c> as an operator runs them: the app's own executable, beside (or after) a running
/// app on the same data folder.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // file modes are checked as Unix modes
public sealed class BackupCommandTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "cm-backups", Guid.NewGuid().ToString("N"));

    private string DataFolder => Path.Combine(root, "data");

    private string Database => Path.Combine(DataFolder, "customermanager.db");

    [Fact]
    public async Task A_backup_taken_while_the_app_runs_is_a_checked_copy_only_the_owner_can_read()
    {
        using var app = new FolderAppFactory(DataFolder);
        await app.AddCustomerAsync("Bea", "Backedup");
        var backup = Path.Combine(root, "copies", "tonight.db");

        var (exitCode, output) = await RunAsync("--backup", backup);

        Assert.Equal(0, exitCode);
        Assert.StartsWith($"Backed up {Database} to {backup} (", output);
        Assert.Null(SqliteDatabaseFile.CheckCustomerManagerDatabase(backup));
        Assert.Contains("Backedup", await FolderAppFactory.LastNamesInAsync(backup));
        Assert.Equal(OwnerOnlyFiles.FileUnixMode, File.GetUnixFileMode(backup));
        Assert.False(File.Exists(backup + "-wal"), "a backup is one stand-alone file");
    }

    [Fact]
    public async Task A_restore_is_refused_while_the_app_runs_and_leaves_the_database_unchanged()
    {
        using var app = new FolderAppFactory(DataFolder);
        await app.AddCustomerAsync("Rita", "Running");
        var backup = Path.Combine(root, "before.db");
        Assert.Equal(0, (await RunAsync("--backup", backup)).ExitCode);
        await app.AddCustomerAsync("Lena", "Later");
        // The data, not the file's bytes: the running app may checkpoint its write-ahead log into the file at any time.
        var before = await FolderAppFactory.LastNamesInAsync(Database);

        var (exitCode, output) = await RunAsync("--restore", backup);

        Assert.Equal(1, exitCode);
        Assert.Equal(
            $"Restore refused: The app is running on {Database} (it holds {Database}.lock): stop every instance of the app, then restore. Nothing was changed.",
            output);
        Assert.Equal(before, await FolderAppFactory.LastNamesInAsync(Database));
        Assert.Contains("Later", before);
        Assert.Equal(
            new[] { Database, Database + ".lock", Database + "-shm", Database + "-wal" }.Order(StringComparer.Ordinal),
            Directory.GetFiles(DataFolder).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_damaged_backup_or_a_file_that_is_not_ours_is_refused_and_changes_nothing()
    {
        var backup = Path.Combine(root, "good.db");
        using (var app = new FolderAppFactory(DataFolder))
        {
            await app.AddCustomerAsync("Dora", "Damaged");
            Assert.Equal(0, (await RunAsync("--backup", backup)).ExitCode);
        }

        var damaged = Path.Combine(root, "damaged.db");
        var bytes = await File.ReadAllBytesAsync(backup);
        // Page 2 on is the schema's and the tables' b-trees: overwritten, the file is no longer a sound database.
        Array.Fill(bytes, (byte)0x5A, 4096, bytes.Length - 4096);
        await File.WriteAllBytesAsync(damaged, bytes);
        var notOurs = Path.Combine(root, "other.db");
        CreateOtherSqliteDatabase(notOurs);
        var text = Path.Combine(root, "notes.txt");
        await File.WriteAllTextAsync(text, "not a database at all");
        var before = Hash(Database);

        foreach (var (file, reason) in new[]
                 {
                     (damaged, ""),
                     (notOurs, "it is an SQLite database but not CustomerManager's (no __EFMigrationsHistory table)"),
                     (text, "file is not a database"),
                 })
        {
            var (exitCode, output) = await RunAsync("--restore", file);
            Assert.Equal(1, exitCode);
            Assert.StartsWith($"Restore refused: {file} was not restored: ", output);
            Assert.Contains(reason, output);
            Assert.Equal(before, Hash(Database));
            Assert.Empty(Directory.GetFiles(DataFolder, "*.restoring*"));
            Assert.Empty(Directory.GetFiles(DataFolder, "*.before-restore-*"));
        }
    }

    [Fact]
    public async Task Restoring_a_good_backup_brings_its_data_back_and_keeps_the_replaced_database()
    {
        var backup = Path.Combine(root, "monday.db");
        using (var app = new FolderAppFactory(DataFolder))
        {
            await app.AddCustomerAsync("Mona", "Monday");
            Assert.Equal(0, (await RunAsync("--backup", backup)).ExitCode);
            await app.AddCustomerAsync("Tess", "Tuesday");
        }

        var (exitCode, output) = await RunAsync("--restore", backup);

        Assert.Equal(0, exitCode);
        var kept = Assert.Single(Directory.GetFiles(DataFolder, "customermanager.db.before-restore-*"));
        Assert.Equal($"Restored {Database} from {backup}. The database as it was is kept as {kept}.", output);
        var restored = await FolderAppFactory.LastNamesInAsync(Database);
        Assert.Contains("Monday", restored);
        Assert.DoesNotContain("Tuesday", restored);
        Assert.Contains("Tuesday", await FolderAppFactory.LastNamesInAsync(kept));
        Assert.Equal(OwnerOnlyFiles.FileUnixMode, File.GetUnixFileMode(Database));

        // The app starts on the restored file and finds Monday's customer.
        using var restarted = new FolderAppFactory(DataFolder);
        await restarted.AddCustomerAsync("Wendy", "Wednesday");
        Assert.Equal(["Monday", "Wednesday"], (await FolderAppFactory.LastNamesInAsync(Database)).Where(n => n is "Monday" or "Tuesday" or "Wednesday"));
    }

    [Fact]
    public async Task With_SQL_Server_the_commands_refuse_and_point_to_its_own_backups()
    {
        var sqlServer = new Dictionary<string, string>
        {
            ["Database__Provider"] = "SqlServer",
            ["ConnectionStrings__CustomerManager"] = "Server=db.example.test;Database=CustomerManager;Integrated Security=true",
        };

        foreach (var command in new[] { "--backup", "--restore" })
        {
            var (exitCode, output) = await RunAsync(command, Path.Combine(root, "x.db"), sqlServer);
            Assert.Equal(1, exitCode);
            Assert.Equal(
                "The database is SQL Server: back it up with BACKUP DATABASE (or the platform's managed backups) and restore it " +
                "with RESTORE DATABASE. --backup and --restore are for the SQLite file.",
                output);
        }
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow machine: the temp folder is cleaned by the OS.
        }
    }

    private async Task<(int ExitCode, string Output)> RunAsync(string command, string file, Dictionary<string, string>? environment = null)
    {
        var (webProject, apphost) = RunningApp.LocateApp();
        var start = new ProcessStartInfo(apphost, [command, file])
        {
            WorkingDirectory = webProject, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Database__DataFolder"] = DataFolder;
        start.Environment["Database__Provider"] = "Sqlite";
        foreach (var (key, value) in environment ?? [])
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal("", await errors);
        // The app's own start-up log lines are JSON; the command's answer is the plain sentence.
        var sentence = string.Join("\n", (await output).Split('\n').Where(l => l.Length > 0 && !l.StartsWith('{')));
        return (process.ExitCode, sentence.Trim());
    }

    private static string Hash(string file)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        return Convert.ToHexString(SHA256.HashData(stream));
    }

    private static void CreateOtherSqliteDatabase(string file)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={file};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('hello');";
        command.ExecuteNonQuery();
    }
}
