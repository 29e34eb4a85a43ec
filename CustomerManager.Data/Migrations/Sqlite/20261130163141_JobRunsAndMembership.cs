using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CustomerManager.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class JobRunsAndMembership : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "StaffDiscount",
                table: "Purchases",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "StaffDiscountPercent",
                table: "Purchases",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "AutoActivateMembership",
                table: "Divisions",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<long>(
                name: "MembershipThreshold",
                table: "Divisions",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "StaffDiscountPercent",
                table: "Divisions",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AccountType",
                table: "DivisionAccounts",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "Retail");

            migrationBuilder.AddColumn<bool>(
                name: "IsMember",
                table: "DivisionAccounts",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTime>(
                name: "MemberSinceUtc",
                table: "DivisionAccounts",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "MembershipChangedBy",
                table: "DivisionAccounts",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "MembershipChangedHow",
                table: "DivisionAccounts",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PreferredTender",
                table: "DivisionAccounts",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Segment",
                table: "DivisionAccounts",
                type: "TEXT",
                maxLength: 50,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AccountSegments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AccountSegments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "JobRuns",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Job = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    ScheduledFor = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Trigger = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    TriggeredBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Node = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    LeaseUntilUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    StartedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    FinishedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Error = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_JobRuns", x => x.Id);
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
                name: "IX_JobRuns_Job_ScheduledFor",
                table: "JobRuns",
                columns: new[] { "Job", "ScheduledFor" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AccountSegments");

            migrationBuilder.DropTable(
                name: "JobRuns");

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
