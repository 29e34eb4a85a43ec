using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CustomerManager.Data.Migrations.SqlServer
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    DivisionAccountId = table.Column<int>(type: "int", nullable: false),
                    Kind = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Amount = table.Column<long>(type: "bigint", nullable: false),
                    PostingDate = table.Column<DateOnly>(type: "date", nullable: false),
                    DueDate = table.Column<DateOnly>(type: "date", nullable: true),
                    Reference = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    Description = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    Method = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: true),
                    ReceiptNumber = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: true),
                    RequestId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    OverrideReason = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    ReversalOfId = table.Column<long>(type: "bigint", nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    CreatedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false)
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    PaymentEntryId = table.Column<long>(type: "bigint", nullable: false),
                    ChargeEntryId = table.Column<long>(type: "bigint", nullable: false),
                    Amount = table.Column<long>(type: "bigint", nullable: false)
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
                unique: true,
                filter: "[ReceiptNumber] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_AccountEntries_RequestId",
                table: "AccountEntries",
                column: "RequestId",
                unique: true,
                filter: "[RequestId] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_AccountEntries_ReversalOfId",
                table: "AccountEntries",
                column: "ReversalOfId",
                unique: true,
                filter: "[ReversalOfId] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_PaymentAllocations_ChargeEntryId",
                table: "PaymentAllocations",
                column: "ChargeEntryId");

            migrationBuilder.CreateIndex(
                name: "IX_PaymentAllocations_PaymentEntryId",
                table: "PaymentAllocations",
                column: "PaymentEntryId");
        
            // The ledger is append-only, also for anyone with direct access to the database.
            migrationBuilder.Sql("""
                CREATE TRIGGER [AccountEntries_AppendOnly] ON [AccountEntries] INSTEAD OF UPDATE, DELETE
                AS BEGIN THROW 50003, 'AccountEntries are append-only', 1; END
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER [PaymentAllocations_AppendOnly] ON [PaymentAllocations] INSTEAD OF UPDATE, DELETE
                AS BEGIN THROW 50004, 'PaymentAllocations are append-only', 1; END
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS [AccountEntries_AppendOnly];");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS [PaymentAllocations_AppendOnly];");

            migrationBuilder.DropTable(
                name: "PaymentAllocations");

            migrationBuilder.DropTable(
                name: "AccountEntries");
        }
    }
}
