using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CustomerManager.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class AccountCorrectionsAndMerge : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "WriteOffApprovalAbove",
                table: "Divisions",
                type: "bigint",
                nullable: true);

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

            migrationBuilder.CreateTable(
                name: "WriteOffs",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    DivisionAccountId = table.Column<int>(type: "int", nullable: false),
                    Amount = table.Column<long>(type: "bigint", nullable: false),
                    Reason = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    RequestId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Status = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    RequestedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    RequestedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    DecidedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    DecidedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    RejectionReason = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    EntryId = table.Column<long>(type: "bigint", nullable: true),
                    Version = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WriteOffs", x => x.Id);
                    table.ForeignKey(
                        name: "FK_WriteOffs_AccountEntries_EntryId",
                        column: x => x.EntryId,
                        principalTable: "AccountEntries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_WriteOffs_DivisionAccounts_DivisionAccountId",
                        column: x => x.DivisionAccountId,
                        principalTable: "DivisionAccounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_WriteOffs_DivisionAccountId",
                table: "WriteOffs",
                column: "DivisionAccountId");

            migrationBuilder.CreateIndex(
                name: "IX_WriteOffs_EntryId",
                table: "WriteOffs",
                column: "EntryId");

            migrationBuilder.CreateIndex(
                name: "IX_WriteOffs_RequestId",
                table: "WriteOffs",
                column: "RequestId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_WriteOffs_Status_RequestedAtUtc",
                table: "WriteOffs",
                columns: new[] { "Status", "RequestedAtUtc" });

            // A merge moves entries between accounts of one division; every other change stays refused.
            migrationBuilder.DropAppendOnlyTrigger("AccountEntries");
            migrationBuilder.CreateAccountEntryMoveOnlyTrigger();
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropAppendOnlyTrigger("AccountEntries");
            migrationBuilder.CreateAppendOnlyTrigger("AccountEntries", "AccountEntries are append-only", 50003);

            migrationBuilder.DropTable(
                name: "WriteOffs");

            migrationBuilder.DropColumn(
                name: "WriteOffApprovalAbove",
                table: "Divisions");

            migrationBuilder.DropColumn(
                name: "CombinedAccountsJson",
                table: "CustomerMerges");

            migrationBuilder.DropColumn(
                name: "MovedRowsJson",
                table: "CustomerMerges");
        }
    }
}
