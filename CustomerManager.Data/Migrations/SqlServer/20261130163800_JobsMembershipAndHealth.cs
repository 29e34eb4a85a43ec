using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CustomerManager.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class JobsMembershipAndHealth : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "StaffDiscount",
                table: "Purchases",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "StaffDiscountPercent",
                table: "Purchases",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "AutoActivateMembership",
                table: "Divisions",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<long>(
                name: "MembershipThreshold",
                table: "Divisions",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "StaffDiscountPercent",
                table: "Divisions",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AccountType",
                table: "DivisionAccounts",
                type: "nvarchar(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "Retail");

            migrationBuilder.AddColumn<bool>(
                name: "IsMember",
                table: "DivisionAccounts",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTime>(
                name: "MemberSinceUtc",
                table: "DivisionAccounts",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "MembershipChangedBy",
                table: "DivisionAccounts",
                type: "nvarchar(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "MembershipChangedHow",
                table: "DivisionAccounts",
                type: "nvarchar(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PreferredTender",
                table: "DivisionAccounts",
                type: "nvarchar(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Segment",
                table: "DivisionAccounts",
                type: "nvarchar(50)",
                maxLength: 50,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AccountSegments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Name = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: false),
                    IsActive = table.Column<bool>(type: "bit", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AccountSegments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CustomerHealths",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    CustomerId = table.Column<int>(type: "int", nullable: false),
                    ScoredOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Score = table.Column<int>(type: "int", nullable: true),
                    Band = table.Column<string>(type: "nvarchar(10)", maxLength: 10, nullable: true),
                    ChurnRisk = table.Column<int>(type: "int", nullable: true),
                    ChurnBand = table.Column<string>(type: "nvarchar(10)", maxLength: 10, nullable: true),
                    ComputedLifecycle = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Lifecycle = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    OverrideLifecycle = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: true),
                    OverrideReason = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    OverrideBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    OverrideAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    ChangeOver7Days = table.Column<int>(type: "int", nullable: true),
                    ChangeOver30Days = table.Column<int>(type: "int", nullable: true),
                    PreviousScoredOn = table.Column<DateOnly>(type: "date", nullable: true),
                    PreviousScore = table.Column<int>(type: "int", nullable: true),
                    PreviousChurnBand = table.Column<string>(type: "nvarchar(10)", maxLength: 10, nullable: true),
                    Version = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CustomerHealths", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CustomerHealths_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Engagements",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    CustomerId = table.Column<int>(type: "int", nullable: false),
                    Type = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Title = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    Held = table.Column<bool>(type: "bit", nullable: false),
                    DurationMinutes = table.Column<int>(type: "int", nullable: true),
                    Attendees = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    Outcome = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: true),
                    Notes = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: true),
                    CreatedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Version = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Engagements", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Engagements_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "HealthScores",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    CustomerId = table.Column<int>(type: "int", nullable: false),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    Score = table.Column<int>(type: "int", nullable: true),
                    UsageScore = table.Column<int>(type: "int", nullable: true),
                    SupportScore = table.Column<int>(type: "int", nullable: true),
                    EngagementScore = table.Column<int>(type: "int", nullable: true),
                    BusinessScore = table.Column<int>(type: "int", nullable: true),
                    ChurnRisk = table.Column<int>(type: "int", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HealthScores", x => x.Id);
                    table.ForeignKey(
                        name: "FK_HealthScores_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "JobRuns",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Job = table.Column<string>(type: "nvarchar(60)", maxLength: 60, nullable: false),
                    ScheduledFor = table.Column<DateOnly>(type: "date", nullable: false),
                    Trigger = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    TriggeredBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    Status = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Node = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    LeaseUntilUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    StartedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    FinishedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    Attempts = table.Column<int>(type: "int", nullable: false),
                    Summary = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    Error = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_JobRuns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SuccessSettings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    BusinessId = table.Column<int>(type: "int", nullable: false),
                    UsageWeight = table.Column<int>(type: "int", nullable: false),
                    SupportWeight = table.Column<int>(type: "int", nullable: false),
                    EngagementWeight = table.Column<int>(type: "int", nullable: false),
                    BusinessWeight = table.Column<int>(type: "int", nullable: false),
                    AlertBelowScore = table.Column<int>(type: "int", nullable: false),
                    AlertDropPoints = table.Column<int>(type: "int", nullable: false),
                    NoEngagementDays = table.Column<int>(type: "int", nullable: false),
                    OnboardingDays = table.Column<int>(type: "int", nullable: false),
                    ChurnedAfterMonths = table.Column<int>(type: "int", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    UpdatedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    Version = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SuccessSettings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SuccessSettings_Businesses_BusinessId",
                        column: x => x.BusinessId,
                        principalTable: "Businesses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DivisionAccounts_DivisionId_IsMember",
                table: "DivisionAccounts",
                columns: new[] { "DivisionId", "IsMember" });

            migrationBuilder.CreateIndex(
                name: "IX_AccountSegments_Name",
                table: "AccountSegments",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CustomerHealths_Band_Score",
                table: "CustomerHealths",
                columns: new[] { "Band", "Score" });

            migrationBuilder.CreateIndex(
                name: "IX_CustomerHealths_ChangeOver7Days",
                table: "CustomerHealths",
                column: "ChangeOver7Days");

            migrationBuilder.CreateIndex(
                name: "IX_CustomerHealths_CustomerId",
                table: "CustomerHealths",
                column: "CustomerId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CustomerHealths_Lifecycle",
                table: "CustomerHealths",
                column: "Lifecycle");

            migrationBuilder.CreateIndex(
                name: "IX_Engagements_CustomerId_Held_Date",
                table: "Engagements",
                columns: new[] { "CustomerId", "Held", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_HealthScores_CustomerId_Day",
                table: "HealthScores",
                columns: new[] { "CustomerId", "Day" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_JobRuns_Job_ScheduledFor",
                table: "JobRuns",
                columns: new[] { "Job", "ScheduledFor" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SuccessSettings_BusinessId",
                table: "SuccessSettings",
                column: "BusinessId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AccountSegments");

            migrationBuilder.DropTable(
                name: "CustomerHealths");

            migrationBuilder.DropTable(
                name: "Engagements");

            migrationBuilder.DropTable(
                name: "HealthScores");

            migrationBuilder.DropTable(
                name: "JobRuns");

            migrationBuilder.DropTable(
                name: "SuccessSettings");

            migrationBuilder.DropIndex(
                name: "IX_DivisionAccounts_DivisionId_IsMember",
                table: "DivisionAccounts");

            migrationBuilder.DropColumn(
                name: "StaffDiscount",
                table: "Purchases");

            migrationBuilder.DropColumn(
                name: "StaffDiscountPercent",
                table: "Purchases");

            migrationBuilder.DropColumn(
                name: "AutoActivateMembership",
                table: "Divisions");

            migrationBuilder.DropColumn(
                name: "MembershipThreshold",
                table: "Divisions");

            migrationBuilder.DropColumn(
                name: "StaffDiscountPercent",
                table: "Divisions");

            migrationBuilder.DropColumn(
                name: "AccountType",
                table: "DivisionAccounts");

            migrationBuilder.DropColumn(
                name: "IsMember",
                table: "DivisionAccounts");

            migrationBuilder.DropColumn(
                name: "MemberSinceUtc",
                table: "DivisionAccounts");

            migrationBuilder.DropColumn(
                name: "MembershipChangedBy",
                table: "DivisionAccounts");

            migrationBuilder.DropColumn(
                name: "MembershipChangedHow",
                table: "DivisionAccounts");

            migrationBuilder.DropColumn(
                name: "PreferredTender",
                table: "DivisionAccounts");

            migrationBuilder.DropColumn(
                name: "Segment",
                table: "DivisionAccounts");
        }
    }
}
