using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CustomerManager.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class StatementDueDates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "DueDate",
                table: "Statements",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1));

            // Statements stored before due dates existed: due after the account's terms, as new ones are.
            migrationBuilder.Sql("UPDATE Statements SET DueDate = date(StatementDate, '+' || (SELECT a.PaymentTermsDays FROM DivisionAccounts a WHERE a.Id = Statements.DivisionAccountId) || ' days');");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "DueDate",
                table: "Statements");
        }
    }
}
