using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CustomerManager.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class CustomerSuccess : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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
                name: "IX_SuccessSettings_BusinessId",
                table: "SuccessSettings",
                column: "BusinessId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CustomerHealths");

            migrationBuilder.DropTable(
                name: "Engagements");

            migrationBuilder.DropTable(
                name: "HealthScores");

            migrationBuilder.DropTable(
                name: "SuccessSettings");
        }
    }
}
