using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CustomerManager.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class CreditApplications : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CreditApplications",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    ApplicationNumber = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    CustomerId = table.Column<int>(type: "int", nullable: false),
                    DivisionId = table.Column<int>(type: "int", nullable: false),
                    RequestedAmount = table.Column<long>(type: "bigint", nullable: false),
                    PaymentTermsDays = table.Column<int>(type: "int", nullable: false),
                    MonthlyIncome = table.Column<long>(type: "bigint", nullable: false),
                    OtherIncome = table.Column<long>(type: "bigint", nullable: false),
                    MonthlyObligations = table.Column<long>(type: "bigint", nullable: false),
                    MonthlyExpenses = table.Column<long>(type: "bigint", nullable: false),
                    EmployerName = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    EmployerContact = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    Reference1Name = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    Reference1Contact = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    Reference2Name = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    Reference2Contact = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    Status = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    ApprovedLimit = table.Column<long>(type: "bigint", nullable: true),
                    ApprovedTermsDays = table.Column<int>(type: "int", nullable: true),
                    InterestRatePercent = table.Column<long>(type: "bigint", nullable: true),
                    ReviewedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    ReviewedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    ReviewNotes = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    RejectionReason = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    AppliedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    AppliedByUserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Version = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CreditApplications", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CreditApplications_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CreditApplications_Divisions_DivisionId",
                        column: x => x.DivisionId,
                        principalTable: "Divisions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CreditApplications_ApplicationNumber",
                table: "CreditApplications",
                column: "ApplicationNumber",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CreditApplications_CustomerId",
                table: "CreditApplications",
                column: "CustomerId");

            migrationBuilder.CreateIndex(
                name: "IX_CreditApplications_DivisionId",
                table: "CreditApplications",
                column: "DivisionId");

            migrationBuilder.CreateIndex(
                name: "IX_CreditApplications_Status_CreatedAtUtc",
                table: "CreditApplications",
                columns: new[] { "Status", "CreatedAtUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CreditApplications");
        }
    }
}
