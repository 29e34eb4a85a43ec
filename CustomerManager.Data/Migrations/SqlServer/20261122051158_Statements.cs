using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CustomerManager.Data.Migrations.SqlServer
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Number = table.Column<string>(type: "nvarchar(30)", maxLength: 30, nullable: false),
                    DivisionAccountId = table.Column<int>(type: "int", nullable: false),
                    AccountNumber = table.Column<string>(type: "nvarchar(30)", maxLength: 30, nullable: false),
                    CustomerId = table.Column<int>(type: "int", nullable: false),
                    CustomerNumber = table.Column<string>(type: "nvarchar(30)", maxLength: 30, nullable: false),
                    CustomerName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    CustomerAddress = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    DivisionId = table.Column<int>(type: "int", nullable: false),
                    DivisionName = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    BusinessName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Currency = table.Column<string>(type: "nvarchar(3)", maxLength: 3, nullable: false),
                    PeriodStart = table.Column<DateOnly>(type: "date", nullable: false),
                    PeriodEnd = table.Column<DateOnly>(type: "date", nullable: false),
                    StatementDate = table.Column<DateOnly>(type: "date", nullable: false),
                    OpeningBalance = table.Column<long>(type: "bigint", nullable: false),
                    ClosingBalance = table.Column<long>(type: "bigint", nullable: false),
                    TotalCharges = table.Column<long>(type: "bigint", nullable: false),
                    TotalPayments = table.Column<long>(type: "bigint", nullable: false),
                    TotalFees = table.Column<long>(type: "bigint", nullable: false),
                    TotalInterest = table.Column<long>(type: "bigint", nullable: false),
                    TotalOther = table.Column<long>(type: "bigint", nullable: false),
                    AgingCurrent = table.Column<long>(type: "bigint", nullable: false),
                    Aging1To30 = table.Column<long>(type: "bigint", nullable: false),
                    Aging31To60 = table.Column<long>(type: "bigint", nullable: false),
                    Aging61To90 = table.Column<long>(type: "bigint", nullable: false),
                    AgingOver90 = table.Column<long>(type: "bigint", nullable: false),
                    UnallocatedCredit = table.Column<long>(type: "bigint", nullable: false),
                    LoyaltyPoints = table.Column<int>(type: "int", nullable: false),
                    LinesJson = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    LaybyBalancesJson = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    GeneratedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    GeneratedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false)
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
