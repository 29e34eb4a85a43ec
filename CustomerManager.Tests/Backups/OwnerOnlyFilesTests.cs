using CustomerManager.Data;
using CustomerManager.Data.Backups;
using CustomerManager.Domain.Common;
using CustomerManager.Web.Exports;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerManager.Tests.Backups;

/// <summary>The database, its folder and the exports are readable by the app's user only, and exports live in the data folder.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // file modes are checked as Unix modes
public sealed class OwnerOnlyFilesTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "cm-modes", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task A_new_installation_makes_its_data_folder_database_and_exports_the_app_users_only()
    {
        var dataFolder = Path.Combine(root, "data");
        using var app = new FolderAppFactory(dataFolder);
        await app.AddCustomerAsync("Olive", "Owner");
        var exports = app.Services.GetRequiredService<ExportFiles>();
        var export = await exports.WriteAsync("modes.csv", "text/csv", "modes-user", async stream =>
        {
            await stream.WriteAsync("a\n"u8.ToArray());
            return 1;
        });

        Assert.Equal(OwnerOnlyFiles.FolderUnixMode, File.GetUnixFileMode(dataFolder));
        Assert.Equal(OwnerOnlyFiles.FileUnixMode, File.GetUnixFileMode(app.DatabasePath));
        // The write-ahead log exists while a connection is open (SQLite removes it when the last one closes, which the
        // app's background work can do at any moment): hold one open, as the running app does.
        await using var open = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={app.DatabasePath};Pooling=False");
        await open.OpenAsync();
        await using (var read = open.CreateCommand())
        {
            read.CommandText = "SELECT COUNT(*) FROM Customers";
            await read.ExecuteScalarAsync();
        }

        Assert.Equal(OwnerOnlyFiles.FileUnixMode, File.GetUnixFileMode(app.DatabasePath + "-wal"));
        Assert.Equal(Path.Combine(dataFolder, "exports"), Path.GetDirectoryName(exports.Folder));
        Assert.Equal(OwnerOnlyFiles.FolderUnixMode, File.GetUnixFileMode(Path.Combine(dataFolder, "exports")));
        Assert.Equal(OwnerOnlyFiles.FolderUnixMode, File.GetUnixFileMode(exports.Folder));
        Assert.Equal(OwnerOnlyFiles.FileUnixMode, File.GetUnixFileMode(export.Path));
        Assert.Equal(app.DatabasePath, app.Services.GetRequiredService<SqliteDatabaseFile>().Path);
    }

    [Fact]
    public void Export_files_left_behind_are_removed_at_start_up_once_expired_and_an_existing_folder_is_restricted()
    {
        var exportRoot = Path.Combine(root, "exports");
        Directory.CreateDirectory(exportRoot);
        File.SetUnixFileMode(exportRoot, (UnixFileMode)0b111_101_101);
        var crashed = Directory.CreateDirectory(Path.Combine(exportRoot, "crashed-instance")).FullName;
        var stale = Path.Combine(crashed, "stale-token");
        File.WriteAllText(stale, "customers");
        File.SetLastWriteTimeUtc(stale, DateTime.UtcNow - ExportFiles.Lifetime - TimeSpan.FromMinutes(1));
        var running = Directory.CreateDirectory(Path.Combine(exportRoot, "running-instance")).FullName;
        var fresh = Path.Combine(running, "fresh-token");
        File.WriteAllText(fresh, "customers");
        File.SetLastWriteTimeUtc(fresh, DateTime.UtcNow - ExportFiles.Lifetime + TimeSpan.FromMinutes(1));

        using var files = new ExportFiles(TimeProvider.System, exportRoot);

        Assert.False(Directory.Exists(crashed));
        Assert.True(File.Exists(fresh));
        Assert.Equal(OwnerOnlyFiles.FolderUnixMode, File.GetUnixFileMode(exportRoot));
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
}
