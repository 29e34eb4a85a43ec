using CustomerManager.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CustomerManager.Tests.Platform;

public class MigrationTests
{
    [Fact]
    public void Sqlite_model_has_no_pending_changes()
    {
        using var db = new SqliteDesignTimeFactory().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges(), "Add a SQLite migration: the model changed.");
    }

    [Fact]
    public void SqlServer_model_has_no_pending_changes()
    {
        using var db = new SqlServerDesignTimeFactory().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges(), "Add a SQL Server migration: the model changed.");
    }

    [Fact]
    public void The_SQL_Server_model_declares_the_triggers_of_every_append_only_table()
    {
        using var db = new SqlServerDesignTimeFactory().CreateDbContext([]);
        var triggered = db.Model.GetEntityTypes()
            .Where(e => e.GetDeclaredTriggers().Any())
            .Select(e => e.GetTableName()!)
            .Order();
        Assert.Equal(CustomerManager.Data.Migrations.AppendOnlyTriggers.TriggeredTables.Order(), triggered);
        Assert.Contains("AccountEntries", triggered);
        Assert.Contains("CreditLineEvents", triggered);
    }

    [Fact]
    public void Both_providers_have_the_same_migrations()
    {
        using var sqlite = new SqliteDesignTimeFactory().CreateDbContext([]);
        using var sqlServer = new SqlServerDesignTimeFactory().CreateDbContext([]);
        static IEnumerable<string> Names(DbContext db) =>
            db.Database.GetMigrations().Select(m => m[(m.IndexOf('_') + 1)..]);
        Assert.Equal(Names(sqlite), Names(sqlServer));
    }

    [Fact]
    public async Task Sqlite_database_is_created_by_the_migrations_with_an_append_only_audit_table()
    {
        var file = Path.Combine(Path.GetTempPath(), $"cm-migrate-{Guid.NewGuid():N}.db");
        try
        {
            var options = new DbContextOptionsBuilder<SqliteCustomerDbContext>().UseSqlite($"Data Source={file}").Options;
            await using (var db = new SqliteCustomerDbContext(options))
            {
                await db.Database.MigrateAsync();
                Assert.Empty(await db.Database.GetPendingMigrationsAsync());
                Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
                await db.Database.ExecuteSqlRawAsync(
                    "INSERT INTO AuditEntries (OccurredAtUtc, UserName, EntityType, EntityKey, Action, ChangesJson) " +
                    "VALUES ('2026-01-01', 'x', 'Division', '1', 'Created', '[]')");
                var update = await Assert.ThrowsAsync<SqliteException>(() =>
                    db.Database.ExecuteSqlRawAsync("UPDATE AuditEntries SET UserName = 'y'"));
                Assert.Contains("append-only", update.Message);
                await Assert.ThrowsAsync<SqliteException>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM AuditEntries"));
            }

            await using var connection = new SqliteConnection($"Data Source={file}");
            await connection.OpenAsync();
            var command = connection.CreateCommand();
            command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name";
            var tables = new List<string>();
            await using (var reader = await command.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    tables.Add(reader.GetString(0));
                }
            }

            Assert.Contains("AspNetUsers", tables);
            Assert.Contains("Divisions", tables);
            Assert.Contains("Employees", tables);
            Assert.Contains("AuditEntries", tables);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(file);
        }
    }

    [Fact]
    public void SqlServer_create_script_generates_without_a_server()
    {
        using var db = new SqlServerDesignTimeFactory().CreateDbContext([]);
        var script = db.Database.GenerateCreateScript();
        Assert.Contains("CREATE TABLE [Divisions]", script);
        Assert.Contains("CREATE TABLE [AuditEntries]", script);
        Assert.Contains("CREATE UNIQUE INDEX [IX_Divisions_Code]", script);
    }

    [Fact]
    public void SqlServer_idempotent_migration_script_generates_without_a_server()
    {
        using var db = new SqlServerDesignTimeFactory().CreateDbContext([]);
        var migrator = db.GetService<IMigrator>();
        var script = migrator.GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);
        Assert.Contains("IF NOT EXISTS", script);
        Assert.Contains("[AuditEntries_AppendOnly]", script);
        foreach (var migration in db.Database.GetMigrations())
        {
            Assert.Contains(migration, script);
        }
    }
}
