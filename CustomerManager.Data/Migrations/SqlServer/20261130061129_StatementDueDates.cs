using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CustomerManager.Data.Migrations.SqlServer
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
                type: "date",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1));

            // Statements stored before due dates existed: due after the account's terms, as new ones are.
            migrationBuilder.Sql("UPDATE s SET DueDate = DATEADD(day, a.PaymentTermsDays, s.StatementDate) FROM Statements s JOIN DivisionAccounts a ON a.Id = s.DivisionAccountId;");
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
