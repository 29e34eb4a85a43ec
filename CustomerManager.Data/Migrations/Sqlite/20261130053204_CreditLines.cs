using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CustomerManager.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CreditLines : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "CreditLineReason",
                table: "DivisionAccounts",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CreditLineStatus",
                table: "DivisionAccounts",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "Active");

            migrationBuilder.AddColumn<DateOnly>(
                name: "CreditReviewDueOn",
                table: "DivisionAccounts",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "CreditLimitDurationMonths",
                table: "CreditPolicies",
                type: "INTEGER",
                nullable: false,
                defaultValue: 12);

            migrationBuilder.CreateTable(
                name: "CreditLineEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DivisionAccountId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    OldLimit = table.Column<long>(type: "INTEGER", nullable: false),
                    NewLimit = table.Column<long>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    NextReviewOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    OccurredAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CreditLineEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CreditLineEvents_DivisionAccounts_DivisionAccountId",
                        column: x => x.DivisionAccountId,
                        principalTable: "DivisionAccounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DivisionAccounts_CreditReviewDueOn",
                table: "DivisionAccounts",
                column: "CreditReviewDueOn");

            migrationBuilder.CreateIndex(
                name: "IX_CreditLineEvents_DivisionAccountId_Id",
                table: "CreditLineEvents",
                columns: new[] { "DivisionAccountId", "Id" });

            // A credit line's history is append-only in the database too (see AppendOnlyTriggers).
            migrationBuilder.CreateAppendOnlyTrigger("CreditLineEvents", "CreditLineEvents are append-only", 50010);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropAppendOnlyTrigger("CreditLineEvents");

            migrationBuilder.DropTable(
                name: "CreditLineEvents");

            migrationBuilder.DropIndex(
                name: "IX_DivisionAccounts_CreditReviewDueOn",
                table: "DivisionAccounts");

            migrationBuilder.DropColumn(
                name: "CreditLineReason",
                table: "DivisionAccounts");

            migrationBuilder.DropColumn(
                name: "CreditLineStatus",
                table: "DivisionAccounts");

            migrationBuilder.DropColumn(
                name: "CreditReviewDueOn",
                table: "DivisionAccounts");

            migrationBuilder.DropColumn(
                name: "CreditLimitDurationMonths",
                table: "CreditPolicies");
        }
    }
}
