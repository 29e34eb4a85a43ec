using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CustomerManager.Data.Migrations.SqlServer
{
    /// <summary>
    /// No schema change: the SQL Server model now declares the append-only tables' triggers so EF saves to them without
    /// an OUTPUT clause (kept on SQLite too, so both providers have the same migrations).
    /// </summary>
    public partial class SqlServerTriggersDeclared : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
