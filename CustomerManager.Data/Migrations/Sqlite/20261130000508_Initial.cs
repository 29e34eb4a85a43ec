using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CustomerManager.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AspNetRoles",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    NormalizedName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetRoles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUsers",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", nullable: false),
                    DisplayName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    IsDisabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    NormalizedUserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    NormalizedEmail = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    EmailConfirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    PasswordHash = table.Column<string>(type: "TEXT", nullable: true),
                    SecurityStamp = table.Column<string>(type: "TEXT", nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "TEXT", nullable: true),
                    PhoneNumber = table.Column<string>(type: "TEXT", nullable: true),
                    PhoneNumberConfirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    TwoFactorEnabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    LockoutEnd = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    LockoutEnabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    AccessFailedCount = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUsers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AuditEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OccurredAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    EntityType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    EntityKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    ChangesJson = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditEntries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Businesses",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    Country = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    DefaultPhoneCountryCode = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Businesses", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "NumberSequences",
                columns: table => new
                {
                    Name = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    LastValue = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NumberSequences", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "AspNetRoleClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RoleId = table.Column<string>(type: "TEXT", nullable: false),
                    ClaimType = table.Column<string>(type: "TEXT", nullable: true),
                    ClaimValue = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetRoleClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetRoleClaims_AspNetRoles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "AspNetRoles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    ClaimType = table.Column<string>(type: "TEXT", nullable: true),
                    ClaimValue = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetUserClaims_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserLogins",
                columns: table => new
                {
                    LoginProvider = table.Column<string>(type: "TEXT", nullable: false),
                    ProviderKey = table.Column<string>(type: "TEXT", nullable: false),
                    ProviderDisplayName = table.Column<string>(type: "TEXT", nullable: true),
                    UserId = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserLogins", x => new { x.LoginProvider, x.ProviderKey });
                    table.ForeignKey(
                        name: "FK_AspNetUserLogins_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserRoles",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    RoleId = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserRoles", x => new { x.UserId, x.RoleId });
                    table.ForeignKey(
                        name: "FK_AspNetUserRoles_AspNetRoles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "AspNetRoles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AspNetUserRoles_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserTokens",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    LoginProvider = table.Column<string>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    Value = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserTokens", x => new { x.UserId, x.LoginProvider, x.Name });
                    table.ForeignKey(
                        name: "FK_AspNetUserTokens_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Divisions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    BusinessId = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Divisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Divisions_Businesses_BusinessId",
                        column: x => x.BusinessId,
                        principalTable: "Businesses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CreditPolicies",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DivisionId = table.Column<int>(type: "INTEGER", nullable: false),
                    VersionNumber = table.Column<int>(type: "INTEGER", nullable: false),
                    AffordabilityFactor = table.Column<long>(type: "INTEGER", nullable: false),
                    OverdueThresholdDays = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CreditPolicies", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CreditPolicies_Divisions_DivisionId",
                        column: x => x.DivisionId,
                        principalTable: "Divisions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Employees",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FirstName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    LastName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    DivisionId = table.Column<int>(type: "INTEGER", nullable: false),
                    JobTitle = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    UserId = table.Column<string>(type: "TEXT", nullable: true),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Employees", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Employees_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Employees_Divisions_DivisionId",
                        column: x => x.DivisionId,
                        principalTable: "Divisions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

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
                name: "UserDivisions",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    DivisionId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UserDivisions", x => new { x.UserId, x.DivisionId });
                    table.ForeignKey(
                        name: "FK_UserDivisions_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_UserDivisions_Divisions_DivisionId",
                        column: x => x.DivisionId,
                        principalTable: "Divisions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Customers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CustomerNumber = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    FirstName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    LastName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    FullName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CompanyName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    DateOfBirth = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Gender = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    PrimaryEmail = table.Column<string>(type: "TEXT", maxLength: 254, nullable: true),
                    PrimaryPhone = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    AlternatePhone = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    Address = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    City = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    State = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Country = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    PostalCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    NationalId = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    PassportNumber = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    TaxNumber = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    LinkedUserId = table.Column<string>(type: "TEXT", nullable: true),
                    LinkedEmployeeId = table.Column<int>(type: "INTEGER", nullable: true),
                    Source = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ReferredBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false),
                    IsBlacklisted = table.Column<bool>(type: "INTEGER", nullable: false),
                    BlacklistReason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    MergedIntoId = table.Column<int>(type: "INTEGER", nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    FirstNameKey = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    LastNameKey = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    FullNameKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CompanyNameKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
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
                name: "CreditApplications",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ApplicationNumber = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    CustomerId = table.Column<int>(type: "INTEGER", nullable: false),
                    DivisionId = table.Column<int>(type: "INTEGER", nullable: false),
                    RequestedAmount = table.Column<long>(type: "INTEGER", nullable: false),
                    PaymentTermsDays = table.Column<int>(type: "INTEGER", nullable: false),
                    MonthlyIncome = table.Column<long>(type: "INTEGER", nullable: false),
                    OtherIncome = table.Column<long>(type: "INTEGER", nullable: false),
                    MonthlyObligations = table.Column<long>(type: "INTEGER", nullable: false),
                    MonthlyExpenses = table.Column<long>(type: "INTEGER", nullable: false),
                    EmployerName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    EmployerContact = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Reference1Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Reference1Contact = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Reference2Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Reference2Contact = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ApprovedLimit = table.Column<long>(type: "INTEGER", nullable: true),
                    ApprovedTermsDays = table.Column<int>(type: "INTEGER", nullable: true),
                    InterestRatePercent = table.Column<long>(type: "INTEGER", nullable: true),
                    ReviewedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ReviewedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ReviewNotes = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    RejectionReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    AppliedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    AppliedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    AffordabilityFactor = table.Column<long>(type: "INTEGER", nullable: false)
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

            migrationBuilder.CreateTable(
                name: "CustomerMerges",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SurvivorId = table.Column<int>(type: "INTEGER", nullable: false),
                    MergedId = table.Column<int>(type: "INTEGER", nullable: false),
                    SurvivorBeforeJson = table.Column<string>(type: "TEXT", nullable: false),
                    MergedBeforeJson = table.Column<string>(type: "TEXT", nullable: false),
                    ClosedAccountsJson = table.Column<string>(type: "TEXT", nullable: false),
                    MovedAccountIdsJson = table.Column<string>(type: "TEXT", nullable: false),
                    VersionsAfterJson = table.Column<string>(type: "TEXT", nullable: false),
                    MergedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    MergedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    UndoneAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    UndoneBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true)
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
                    CustomerId = table.Column<int>(type: "INTEGER", nullable: false),
                    Tag = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false)
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CustomerId = table.Column<int>(type: "INTEGER", nullable: false),
                    DivisionId = table.Column<int>(type: "INTEGER", nullable: false),
                    AccountNumber = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    CreditLimit = table.Column<long>(type: "INTEGER", nullable: false),
                    PaymentTermsDays = table.Column<int>(type: "INTEGER", nullable: false),
                    InterestRatePercent = table.Column<long>(type: "INTEGER", nullable: true),
                    AllowLayby = table.Column<bool>(type: "INTEGER", nullable: false),
                    AllowCredit = table.Column<bool>(type: "INTEGER", nullable: false),
                    Balance = table.Column<long>(type: "INTEGER", nullable: false),
                    LoyaltyPoints = table.Column<int>(type: "INTEGER", nullable: false),
                    LoyaltyTier = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    MarketingConsent = table.Column<bool>(type: "INTEGER", nullable: false),
                    MarketingConsentAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    MarketingConsentSource = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    SmsConsent = table.Column<bool>(type: "INTEGER", nullable: false),
                    SmsConsentAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    SmsConsentSource = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    EmailConsent = table.Column<bool>(type: "INTEGER", nullable: false),
                    EmailConsentAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    EmailConsentSource = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    PreferencesJson = table.Column<string>(type: "TEXT", nullable: false),
                    CustomFieldsJson = table.Column<string>(type: "TEXT", nullable: false),
                    OpenedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
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
                    CustomerId = table.Column<int>(type: "INTEGER", nullable: false),
                    OtherCustomerId = table.Column<int>(type: "INTEGER", nullable: false),
                    DismissedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    DismissedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
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
                name: "IX_AspNetRoleClaims_RoleId",
                table: "AspNetRoleClaims",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "RoleNameIndex",
                table: "AspNetRoles",
                column: "NormalizedName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserClaims_UserId",
                table: "AspNetUserClaims",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserLogins_UserId",
                table: "AspNetUserLogins",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserRoles_RoleId",
                table: "AspNetUserRoles",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "EmailIndex",
                table: "AspNetUsers",
                column: "NormalizedEmail");

            migrationBuilder.CreateIndex(
                name: "UserNameIndex",
                table: "AspNetUsers",
                column: "NormalizedUserName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_EntityType_EntityKey",
                table: "AuditEntries",
                columns: new[] { "EntityType", "EntityKey" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_OccurredAtUtc",
                table: "AuditEntries",
                column: "OccurredAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_UserName",
                table: "AuditEntries",
                column: "UserName");

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

            migrationBuilder.CreateIndex(
                name: "IX_CreditPolicies_DivisionId_VersionNumber",
                table: "CreditPolicies",
                columns: new[] { "DivisionId", "VersionNumber" },
                unique: true);

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
                name: "IX_Customers_CompanyNameKey_IsActive_FullNameKey",
                table: "Customers",
                columns: new[] { "CompanyNameKey", "IsActive", "FullNameKey" });

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
                name: "IX_Customers_FirstNameKey_IsActive_FullNameKey",
                table: "Customers",
                columns: new[] { "FirstNameKey", "IsActive", "FullNameKey" });

            migrationBuilder.CreateIndex(
                name: "IX_Customers_FullNameKey_Id",
                table: "Customers",
                columns: new[] { "FullNameKey", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Customers_IsActive_CustomerNumber",
                table: "Customers",
                columns: new[] { "IsActive", "CustomerNumber" });

            migrationBuilder.CreateIndex(
                name: "IX_Customers_IsActive_FullNameKey_Id",
                table: "Customers",
                columns: new[] { "IsActive", "FullNameKey", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Customers_LastNameKey_IsActive_FullNameKey",
                table: "Customers",
                columns: new[] { "LastNameKey", "IsActive", "FullNameKey" });

            migrationBuilder.CreateIndex(
                name: "IX_Customers_LinkedEmployeeId",
                table: "Customers",
                column: "LinkedEmployeeId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Customers_LinkedUserId",
                table: "Customers",
                column: "LinkedUserId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Customers_MergedIntoId",
                table: "Customers",
                column: "MergedIntoId");

            migrationBuilder.CreateIndex(
                name: "IX_Customers_NationalId",
                table: "Customers",
                column: "NationalId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Customers_PrimaryEmail",
                table: "Customers",
                column: "PrimaryEmail",
                unique: true);

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
                name: "IX_Divisions_BusinessId",
                table: "Divisions",
                column: "BusinessId");

            migrationBuilder.CreateIndex(
                name: "IX_Divisions_Code",
                table: "Divisions",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Divisions_Name",
                table: "Divisions",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DuplicateDismissals_OtherCustomerId",
                table: "DuplicateDismissals",
                column: "OtherCustomerId");

            migrationBuilder.CreateIndex(
                name: "IX_Employees_DivisionId",
                table: "Employees",
                column: "DivisionId");

            migrationBuilder.CreateIndex(
                name: "IX_Employees_LastName_FirstName",
                table: "Employees",
                columns: new[] { "LastName", "FirstName" });

            migrationBuilder.CreateIndex(
                name: "IX_Employees_UserId",
                table: "Employees",
                column: "UserId",
                unique: true);

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

            migrationBuilder.CreateIndex(
                name: "IX_Laybys_Status_Id",
                table: "Laybys",
                columns: new[] { "Status", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_PaymentAllocations_ChargeEntryId",
                table: "PaymentAllocations",
                column: "ChargeEntryId");

            migrationBuilder.CreateIndex(
                name: "IX_PaymentAllocations_PaymentEntryId",
                table: "PaymentAllocations",
                column: "PaymentEntryId");

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

            migrationBuilder.CreateIndex(
                name: "IX_UserDivisions_DivisionId",
                table: "UserDivisions",
                column: "DivisionId");

            // Posted money and the audit trail are append-only in the database too (see AppendOnlyTriggers).
            migrationBuilder.CreateAppendOnlyTriggers();
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropAppendOnlyTriggers();

            migrationBuilder.DropTable(
                name: "AspNetRoleClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserLogins");

            migrationBuilder.DropTable(
                name: "AspNetUserRoles");

            migrationBuilder.DropTable(
                name: "AspNetUserTokens");

            migrationBuilder.DropTable(
                name: "AuditEntries");

            migrationBuilder.DropTable(
                name: "CreditApplications");

            migrationBuilder.DropTable(
                name: "CreditPolicies");

            migrationBuilder.DropTable(
                name: "CustomerMerges");

            migrationBuilder.DropTable(
                name: "CustomerTags");

            migrationBuilder.DropTable(
                name: "DuplicateDismissals");

            migrationBuilder.DropTable(
                name: "LaybyEntries");

            migrationBuilder.DropTable(
                name: "LaybyInstalment");

            migrationBuilder.DropTable(
                name: "LaybyItem");

            migrationBuilder.DropTable(
                name: "NumberSequences");

            migrationBuilder.DropTable(
                name: "PaymentAllocations");

            migrationBuilder.DropTable(
                name: "Statements");

            migrationBuilder.DropTable(
                name: "UserDivisions");

            migrationBuilder.DropTable(
                name: "AspNetRoles");

            migrationBuilder.DropTable(
                name: "Laybys");

            migrationBuilder.DropTable(
                name: "AccountEntries");

            migrationBuilder.DropTable(
                name: "LaybyPolicies");

            migrationBuilder.DropTable(
                name: "DivisionAccounts");

            migrationBuilder.DropTable(
                name: "Customers");

            migrationBuilder.DropTable(
                name: "Employees");

            migrationBuilder.DropTable(
                name: "AspNetUsers");

            migrationBuilder.DropTable(
                name: "Divisions");

            migrationBuilder.DropTable(
                name: "Businesses");
        }
    }
}
