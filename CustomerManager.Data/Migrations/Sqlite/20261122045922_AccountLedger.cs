using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CustomerManager.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AccountLedger : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AccountEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DivisionAccountId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Amount = table.Column<long>(type: "INTEGER", nullable: false),
                    PostingDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    DueDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Description = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Method = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    ReceiptNumber = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    RequestId = table.Column<Guid>(type: "TEXT", nullable: true),
                    OverrideReason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ReversalOfId = table.Column<long>(type: "INTEGER", nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AccountEntries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AccountEntries_AccountEntries_ReversalOfId",
                        column: x => x.ReversalOfId,
                        principalTable: "AccountEntries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_AccountEntries_DivisionAccounts_DivisionAccountId",
                        column: x => x.DivisionAccountId,
                        principalTable: "DivisionAccounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PaymentAllocations",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PaymentEntryId = table.Column<long>(type: "INTEGER", nullable: false),
                    ChargeEntryId = table.Column<long>(type: "INTEGER", nullable: false),
                    Amount = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PaymentAllocations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PaymentAllocations_AccountEntries_ChargeEntryId",
                        column: x => x.ChargeEntryId,
                        principalTable: "AccountEntries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PaymentAllocations_AccountEntries_PaymentEntryId",
                        column: x => x.PaymentEntryId,
                        principalTable: "AccountEntries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AccountEntries_DivisionAccountId_DueDate",
                table: "AccountEntries",
                columns: new[] { "DivisionAccountId", "DueDate" });

            migrationBuilder.CreateIndex(
                name: "IX_AccountEntries_DivisionAccountId_PostingDate",
                table: "AccountEntries",
                columns: new[] { "DivisionAccountId", "PostingDate" });

            migrationBuilder.CreateIndex(
                name: "IX_AccountEntries_ReceiptNumber",
                table: "AccountEntries",
                column: "ReceiptNumber",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AccountEntries_RequestId",
                table: "AccountEntries",
                column: "RequestId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AccountEntries_ReversalOfId",
                table: "AccountEntries",
                column: "ReversalOfId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PaymentAllocations_ChargeEntryId",
                table: "PaymentAllocations",
                column: "ChargeEntryId");

            migrationBuilder.CreateIndex(
                name: "IX_PaymentAllocations_PaymentEntryId",
                table: "PaymentAllocations",
                column: "PaymentEntryId");
        
            // The ledger is append-only, also for anyone who opens the database file directly.
            migrationBuilder.Sql("""
                CREATE TRIGGER AccountEntries_NoUpdate BEFORE UPDATE ON AccountEntries
                BEGIN SELECT RAISE(ABORT, 'AccountEntries are append-only'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER AccountEntries_NoDelete BEFORE DELETE ON AccountEntries
                BEGIN SELECT RAISE(ABORT, 'AccountEntries are append-only'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER PaymentAllocations_NoUpdate BEFORE UPDATE ON PaymentAllocations
                BEGIN SELECT RAISE(ABORT, 'PaymentAllocations are append-only'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER PaymentAllocations_NoDelete BEFORE DELETE ON PaymentAllocations
                BEGIN SELECT RAISE(ABORT, 'PaymentAllocations are append-only'); END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS AccountEntries_NoUpdate;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS AccountEntries_NoDelete;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS PaymentAllocations_NoUpdate;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS PaymentAllocations_NoDelete;");

            migrationBuilder.DropTable(
                name: "PaymentAllocations");

            migrationBuilder.DropTable(
                name: "AccountEntries");
        }
    }
}
