using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CustomerManager.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PrivacyAndSavedSearches : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "PseudonymisedAtUtc",
                table: "Customers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "PersonalDataRemovedAtUtc",
                table: "AuditEntries",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "PrivacyRequests",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CustomerId = table.Column<int>(type: "INTEGER", nullable: false),
                    CustomerNumber = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    OccurredAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PrivacyRequests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PrivacyRequests_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SavedSearches",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    Query = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    IsShared = table.Column<bool>(type: "INTEGER", nullable: false),
                    OwnerUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    OwnerUserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SavedSearches", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PrivacyRequests_CustomerId_OccurredAtUtc",
                table: "PrivacyRequests",
                columns: new[] { "CustomerId", "OccurredAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_SavedSearches_IsShared",
                table: "SavedSearches",
                column: "IsShared");

            migrationBuilder.CreateIndex(
                name: "IX_SavedSearches_OwnerUserId",
                table: "SavedSearches",
                column: "OwnerUserId");

            // A pseudonymisation may remove personal values from audit rows and credit line reasons, nothing else
            // (see AppendOnlyTriggers.CreatePersonalDataRemovalTrigger).
            migrationBuilder.DropAppendOnlyTrigger("AuditEntries");
            migrationBuilder.CreateAuditPersonalDataRemovalTrigger();
            migrationBuilder.DropAppendOnlyTrigger("CreditLineEvents");
            migrationBuilder.CreateCreditLineEventPersonalDataRemovalTrigger();
            migrationBuilder.DropAppendOnlyTrigger("AccountEntries");
            migrationBuilder.DropAppendOnlyTrigger("LaybyEntries");
            migrationBuilder.CreateLedgerPersonalDataRemovalTriggers();
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPersonalDataRemovalTrigger("AuditEntries");
            migrationBuilder.CreateAppendOnlyTrigger("AuditEntries", "The audit trail is append-only", 50001);
            migrationBuilder.DropPersonalDataRemovalTrigger("CreditLineEvents");
            migrationBuilder.CreateAppendOnlyTrigger("CreditLineEvents", "CreditLineEvents are append-only", 50010);
            migrationBuilder.DropPersonalDataRemovalTrigger("AccountEntries");
            migrationBuilder.CreateAccountEntryMoveOnlyTrigger();
            migrationBuilder.DropPersonalDataRemovalTrigger("LaybyEntries");
            migrationBuilder.CreateAppendOnlyTrigger("LaybyEntries", "Layby entries are append-only", 50002);

            migrationBuilder.DropTable(
                name: "PrivacyRequests");

            migrationBuilder.DropTable(
                name: "SavedSearches");

            migrationBuilder.DropColumn(
                name: "PseudonymisedAtUtc",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "PersonalDataRemovedAtUtc",
                table: "AuditEntries");
        }
    }
}
