using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CustomerManager.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class MergeKeepsEverything : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "CombinedAccountsJson",
                table: "CustomerMerges",
                type: "nvarchar(max)",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "MovedRowsJson",
                table: "CustomerMerges",
                type: "nvarchar(max)",
                nullable: false,
                defaultValue: "");

            // A merge moves entries between accounts of one division; every other change stays refused.
            migrationBuilder.DropAppendOnlyTrigger("AccountEntries");
            migrationBuilder.CreateAccountEntryMoveOnlyTrigger();
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropAppendOnlyTrigger("AccountEntries");
            migrationBuilder.CreateAppendOnlyTrigger("AccountEntries", "AccountEntries are append-only", 50003);

            migrationBuilder.DropColumn(
                name: "CombinedAccountsJson",
                table: "CustomerMerges");

            migrationBuilder.DropColumn(
                name: "MovedRowsJson",
                table: "CustomerMerges");
        }
    }
}
