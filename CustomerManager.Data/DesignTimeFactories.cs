using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CustomerManager.Data;

/// <summary>Used by <c>dotnet ef</c> for the SQLite migrations; no database is touched to add a migration.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteCustomerDbContext>
{
    public SqliteCustomerDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteCustomerDbContext>().UseSqlite("Data Source=design-time.db").Options);
}

/// <summary>Used by <c>dotnet ef</c> for the SQL Server migrations; scripts generate without a server.</summary>
public sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerCustomerDbContext>
{
    public SqlServerCustomerDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerCustomerDbContext>()
            .UseSqlServer("Server=localhost;Database=CustomerManager;Trusted_Connection=True;TrustServerCertificate=True")
            .Options);
}
