using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CustomerManager.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Statements : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Statements",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Number = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    DivisionAccountId = table.Column<int>(type: "INTEGER", nullable: false),
                    AccountNumber = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    CustomerId = table.Column<int>(type: "INTEGER", nullable: false),
                    CustomerNumber = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    CustomerName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CustomerAddress = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    DivisionId = table.Column<int>(type: "INTEGER", nullable: false),
                    DivisionName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    BusinessName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    PeriodStart = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    PeriodEnd = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    StatementDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    OpeningBalance = table.Column<long>(type: "INTEGER", nullable: false),
                    ClosingBalance = table.Column<long>(type: "INTEGER", nullable: false),
                    TotalCharges = table.Column<long>(type: "INTEGER", nullable: false),
                    TotalPayments = table.Column<long>(type: "INTEGER", nullable: false),
                    TotalFees = table.Column<long>(type: "INTEGER", nullable: false),
                    TotalInterest = table.Column<long>(type: "INTEGER", nullable: false),
                    TotalOther = table.Column<long>(type: "INTEGER", nullable: false),
                    AgingCurrent = table.Column<long>(type: "INTEGER", nullable: false),
                    Aging1To30 = table.Column<long>(type: "INTEGER", nullable: false),
                    Aging31To60 = table.Column<long>(type: "INTEGER", nullable: false),
                    Aging61To90 = table.Column<long>(type: "INTEGER", nullable: false),
                    AgingOver90 = table.Column<long>(type: "INTEGER", nullable: false),
                    UnallocatedCredit = table.Column<long>(type: "INTEGER", nullable: false),
                    LoyaltyPoints = table.Column<int>(type: "INTEGER", nullable: false),
                    LinesJson = table.Column<string>(type: "TEXT", nullable: false),
                    LaybyBalancesJson = table.Column<string>(type: "TEXT", nullable: false),
                    GeneratedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    GeneratedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Statements", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Statements_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Statements_DivisionAccounts_DivisionAccountId",
                        column: x => x.DivisionAccountId,
                        principalTable: "DivisionAccounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Statements_Divisions_DivisionId",
                        column: x => x.DivisionId,
                        principalTable: "Divisions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Statements_CustomerId_PeriodStart",
                table: "Statements",
                columns: new[] { "CustomerId", "PeriodStart" });

            migrationBuilder.CreateIndex(
                name: "IX_Statements_DivisionAccountId_PeriodStart",
                table: "Statements",
                columns: new[] { "DivisionAccountId", "PeriodStart" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Statements_DivisionId_PeriodStart_AccountNumber",
                table: "Statements",
                columns: new[] { "DivisionId", "PeriodStart", "AccountNumber" });

            migrationBuilder.CreateIndex(
                name: "IX_Statements_Number",
                table: "Statements",
                column: "Number",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Statements");
        }
    }
}
