using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CustomerManager.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class Customers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Customers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    CustomerNumber = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Type = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    FirstName = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    LastName = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    FullName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    CompanyName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    DateOfBirth = table.Column<DateOnly>(type: "date", nullable: true),
                    Gender = table.Column<string>(type: "nvarchar(30)", maxLength: 30, nullable: true),
                    PrimaryEmail = table.Column<string>(type: "nvarchar(254)", maxLength: 254, nullable: true),
                    PrimaryPhone = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    AlternatePhone = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: true),
                    Address = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    City = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    State = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    Country = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    PostalCode = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: true),
                    NationalId = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: true),
                    PassportNumber = table.Column<string>(type: "nvarchar(30)", maxLength: 30, nullable: true),
                    TaxNumber = table.Column<string>(type: "nvarchar(30)", maxLength: 30, nullable: true),
                    LinkedUserId = table.Column<string>(type: "nvarchar(450)", nullable: true),
                    LinkedEmployeeId = table.Column<int>(type: "int", nullable: true),
                    Source = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    ReferredBy = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    IsActive = table.Column<bool>(type: "bit", nullable: false),
                    IsBlacklisted = table.Column<bool>(type: "bit", nullable: false),
                    BlacklistReason = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    MergedIntoId = table.Column<int>(type: "int", nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    CreatedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    UpdatedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    FirstNameKey = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    LastNameKey = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    FullNameKey = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    CompanyNameKey = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Version = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Customers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Customers_AspNetUsers_LinkedUserId",
                        column: x => x.LinkedUserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Customers_Customers_MergedIntoId",
                        column: x => x.MergedIntoId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Customers_Employees_LinkedEmployeeId",
                        column: x => x.LinkedEmployeeId,
                        principalTable: "Employees",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "NumberSequences",
                columns: table => new
                {
                    Name = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    LastValue = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NumberSequences", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "CustomerMerges",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    SurvivorId = table.Column<int>(type: "int", nullable: false),
                    MergedId = table.Column<int>(type: "int", nullable: false),
                    SurvivorBeforeJson = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    MergedBeforeJson = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    ClosedAccountsJson = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    MovedAccountIdsJson = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    VersionsAfterJson = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    MergedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    MergedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    UndoneAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    UndoneBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CustomerMerges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CustomerMerges_Customers_MergedId",
                        column: x => x.MergedId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CustomerMerges_Customers_SurvivorId",
                        column: x => x.SurvivorId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CustomerTags",
                columns: table => new
                {
                    CustomerId = table.Column<int>(type: "int", nullable: false),
                    Tag = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CustomerTags", x => new { x.CustomerId, x.Tag });
                    table.ForeignKey(
                        name: "FK_CustomerTags_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DivisionAccounts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    CustomerId = table.Column<int>(type: "int", nullable: false),
                    DivisionId = table.Column<int>(type: "int", nullable: false),
                    AccountNumber = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Status = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    CreditLimit = table.Column<long>(type: "bigint", nullable: false),
                    PaymentTermsDays = table.Column<int>(type: "int", nullable: false),
                    AllowLayby = table.Column<bool>(type: "bit", nullable: false),
                    AllowCredit = table.Column<bool>(type: "bit", nullable: false),
                    Balance = table.Column<long>(type: "bigint", nullable: false),
                    LoyaltyPoints = table.Column<int>(type: "int", nullable: false),
                    LoyaltyTier = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    MarketingConsent = table.Column<bool>(type: "bit", nullable: false),
                    MarketingConsentAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    MarketingConsentSource = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    SmsConsent = table.Column<bool>(type: "bit", nullable: false),
                    SmsConsentAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    SmsConsentSource = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    EmailConsent = table.Column<bool>(type: "bit", nullable: false),
                    EmailConsentAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    EmailConsentSource = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    PreferencesJson = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    CustomFieldsJson = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    OpenedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Version = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DivisionAccounts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DivisionAccounts_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_DivisionAccounts_Divisions_DivisionId",
                        column: x => x.DivisionId,
                        principalTable: "Divisions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "DuplicateDismissals",
                columns: table => new
                {
                    CustomerId = table.Column<int>(type: "int", nullable: false),
                    OtherCustomerId = table.Column<int>(type: "int", nullable: false),
                    DismissedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    DismissedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DuplicateDismissals", x => new { x.CustomerId, x.OtherCustomerId });
                    table.ForeignKey(
                        name: "FK_DuplicateDismissals_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_DuplicateDismissals_Customers_OtherCustomerId",
                        column: x => x.OtherCustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CustomerMerges_MergedId",
                table: "CustomerMerges",
                column: "MergedId");

            migrationBuilder.CreateIndex(
                name: "IX_CustomerMerges_SurvivorId",
                table: "CustomerMerges",
                column: "SurvivorId");

            migrationBuilder.CreateIndex(
                name: "IX_Customers_AlternatePhone",
                table: "Customers",
                column: "AlternatePhone");

            migrationBuilder.CreateIndex(
                name: "IX_Customers_CompanyNameKey",
                table: "Customers",
                column: "CompanyNameKey");

            migrationBuilder.CreateIndex(
                name: "IX_Customers_CreatedAtUtc",
                table: "Customers",
                column: "CreatedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_Customers_CustomerNumber",
                table: "Customers",
                column: "CustomerNumber",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Customers_FirstNameKey",
                table: "Customers",
                column: "FirstNameKey");

            migrationBuilder.CreateIndex(
                name: "IX_Customers_FullNameKey_Id",
                table: "Customers",
                columns: new[] { "FullNameKey", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Customers_LastNameKey",
                table: "Customers",
                column: "LastNameKey");

            migrationBuilder.CreateIndex(
                name: "IX_Customers_LinkedEmployeeId",
                table: "Customers",
                column: "LinkedEmployeeId",
                unique: true,
                filter: "[LinkedEmployeeId] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Customers_LinkedUserId",
                table: "Customers",
                column: "LinkedUserId",
                unique: true,
                filter: "[LinkedUserId] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Customers_MergedIntoId",
                table: "Customers",
                column: "MergedIntoId");

            migrationBuilder.CreateIndex(
                name: "IX_Customers_NationalId",
                table: "Customers",
                column: "NationalId",
                unique: true,
                filter: "[NationalId] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Customers_PrimaryEmail",
                table: "Customers",
                column: "PrimaryEmail",
                unique: true,
                filter: "[PrimaryEmail] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Customers_PrimaryPhone",
                table: "Customers",
                column: "PrimaryPhone");

            migrationBuilder.CreateIndex(
                name: "IX_CustomerTags_Tag",
                table: "CustomerTags",
                column: "Tag");

            migrationBuilder.CreateIndex(
                name: "IX_DivisionAccounts_AccountNumber",
                table: "DivisionAccounts",
                column: "AccountNumber",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DivisionAccounts_CustomerId_DivisionId",
                table: "DivisionAccounts",
                columns: new[] { "CustomerId", "DivisionId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DivisionAccounts_DivisionId_Status",
                table: "DivisionAccounts",
                columns: new[] { "DivisionId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_DuplicateDismissals_OtherCustomerId",
                table: "DuplicateDismissals",
                column: "OtherCustomerId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CustomerMerges");

            migrationBuilder.DropTable(
                name: "CustomerTags");

            migrationBuilder.DropTable(
                name: "DivisionAccounts");

            migrationBuilder.DropTable(
                name: "DuplicateDismissals");

            migrationBuilder.DropTable(
                name: "NumberSequences");

            migrationBuilder.DropTable(
                name: "Customers");
        }
    }
}
