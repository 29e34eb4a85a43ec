using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CustomerManager.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Laybys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "LaybyPolicies",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DivisionId = table.Column<int>(type: "INTEGER", nullable: false),
                    VersionNumber = table.Column<int>(type: "INTEGER", nullable: false),
                    MinimumDepositPercent = table.Column<long>(type: "INTEGER", nullable: false),
                    MaximumTermDays = table.Column<int>(type: "INTEGER", nullable: false),
                    AllowWeekly = table.Column<bool>(type: "INTEGER", nullable: false),
                    AllowFortnightly = table.Column<bool>(type: "INTEGER", nullable: false),
                    AllowMonthly = table.Column<bool>(type: "INTEGER", nullable: false),
                    ServiceFee = table.Column<long>(type: "INTEGER", nullable: false),
                    AdminFee = table.Column<long>(type: "INTEGER", nullable: false),
                    LateFeePerInstalment = table.Column<long>(type: "INTEGER", nullable: false),
                    GracePeriodDays = table.Column<int>(type: "INTEGER", nullable: false),
                    CancellationPenaltyPercent = table.Column<long>(type: "INTEGER", nullable: false),
                    DefaultAfterDays = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LaybyPolicies", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LaybyPolicies_Divisions_DivisionId",
                        column: x => x.DivisionId,
                        principalTable: "Divisions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Laybys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    LaybyNumber = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    CustomerId = table.Column<int>(type: "INTEGER", nullable: false),
                    DivisionId = table.Column<int>(type: "INTEGER", nullable: false),
                    PolicyId = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Frequency = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    OpenedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    CompletionDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Total = table.Column<long>(type: "INTEGER", nullable: false),
                    Deposit = table.Column<long>(type: "INTEGER", nullable: false),
                    Balance = table.Column<long>(type: "INTEGER", nullable: false),
                    OpenedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    OpenedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    CompletedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ReleasedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ReleasedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ClosedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ClosedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    CancellationReason = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    CancellationNote = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Laybys", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Laybys_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Laybys_Divisions_DivisionId",
                        column: x => x.DivisionId,
                        principalTable: "Divisions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Laybys_LaybyPolicies_PolicyId",
                        column: x => x.PolicyId,
                        principalTable: "LaybyPolicies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "LaybyEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    LaybyId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Amount = table.Column<long>(type: "INTEGER", nullable: false),
                    PostedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    PostedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Method = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    RequestId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ReceiptNumber = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    InstalmentNumber = table.Column<int>(type: "INTEGER", nullable: true),
                    ReversalOfId = table.Column<long>(type: "INTEGER", nullable: true),
                    ReversesFee = table.Column<bool>(type: "INTEGER", nullable: false),
                    ReversesPayment = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LaybyEntries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LaybyEntries_LaybyEntries_ReversalOfId",
                        column: x => x.ReversalOfId,
                        principalTable: "LaybyEntries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_LaybyEntries_Laybys_LaybyId",
                        column: x => x.LaybyId,
                        principalTable: "Laybys",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "LaybyInstalment",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    LaybyId = table.Column<int>(type: "INTEGER", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    DueDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Amount = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LaybyInstalment", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LaybyInstalment_Laybys_LaybyId",
                        column: x => x.LaybyId,
                        principalTable: "Laybys",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "LaybyItem",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    LaybyId = table.Column<int>(type: "INTEGER", nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Sku = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    Quantity = table.Column<int>(type: "INTEGER", nullable: false),
                    UnitPrice = table.Column<long>(type: "INTEGER", nullable: false),
                    LineTotal = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LaybyItem", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LaybyItem_Laybys_LaybyId",
                        column: x => x.LaybyId,
                        principalTable: "Laybys",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_LaybyEntries_LaybyId_InstalmentNumber",
                table: "LaybyEntries",
                columns: new[] { "LaybyId", "InstalmentNumber" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LaybyEntries_PostedAtUtc",
                table: "LaybyEntries",
                column: "PostedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_LaybyEntries_ReceiptNumber",
                table: "LaybyEntries",
                column: "ReceiptNumber",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LaybyEntries_RequestId",
                table: "LaybyEntries",
                column: "RequestId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LaybyEntries_ReversalOfId",
                table: "LaybyEntries",
                column: "ReversalOfId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LaybyInstalment_DueDate",
                table: "LaybyInstalment",
                column: "DueDate");

            migrationBuilder.CreateIndex(
                name: "IX_LaybyInstalment_LaybyId_Number",
                table: "LaybyInstalment",
                columns: new[] { "LaybyId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LaybyItem_LaybyId",
                table: "LaybyItem",
                column: "LaybyId");

            migrationBuilder.CreateIndex(
                name: "IX_LaybyPolicies_DivisionId_VersionNumber",
                table: "LaybyPolicies",
                columns: new[] { "DivisionId", "VersionNumber" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Laybys_CustomerId_Status",
                table: "Laybys",
                columns: new[] { "CustomerId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Laybys_DivisionId",
                table: "Laybys",
                column: "DivisionId");

            migrationBuilder.CreateIndex(
                name: "IX_Laybys_LaybyNumber",
                table: "Laybys",
                column: "LaybyNumber",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Laybys_PolicyId",
                table: "Laybys",
                column: "PolicyId");

            migrationBuilder.CreateIndex(
                name: "IX_Laybys_Status_DivisionId_CompletionDate",
                table: "Laybys",
                columns: new[] { "Status", "DivisionId", "CompletionDate" });
        
            // Money entries are append-only, also for anyone who opens the database file directly.
            migrationBuilder.Sql("""
                CREATE TRIGGER LaybyEntries_NoUpdate BEFORE UPDATE ON LaybyEntries
                BEGIN SELECT RAISE(ABORT, 'Layby entries are append-only'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER LaybyEntries_NoDelete BEFORE DELETE ON LaybyEntries
                BEGIN SELECT RAISE(ABORT, 'Layby entries are append-only'); END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS LaybyEntries_NoUpdate;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS LaybyEntries_NoDelete;");

            migrationBuilder.DropTable(
                name: "LaybyEntries");

            migrationBuilder.DropTable(
                name: "LaybyInstalment");

            migrationBuilder.DropTable(
                name: "LaybyItem");

            migrationBuilder.DropTable(
                name: "Laybys");

            migrationBuilder.DropTable(
                name: "LaybyPolicies");
        }
    }
}
