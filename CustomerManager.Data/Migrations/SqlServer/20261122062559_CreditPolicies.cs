using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CustomerManager.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class CreditPolicies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "AffordabilityFactor",
                table: "CreditApplications",
                // Applications submitted before credit policies were assessed with the old fixed factor of 3 (stored in hundredths).
                type: "bigint",
                nullable: false,
                defaultValue: 300L);

            migrationBuilder.CreateTable(
                name: "CreditPolicies",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    DivisionId = table.Column<int>(type: "int", nullable: false),
                    VersionNumber = table.Column<int>(type: "int", nullable: false),
                    AffordabilityFactor = table.Column<long>(type: "bigint", nullable: false),
                    OverdueThresholdDays = table.Column<int>(type: "int", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    CreatedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false)
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

            migrationBuilder.CreateIndex(
                name: "IX_CreditPolicies_DivisionId_VersionNumber",
                table: "CreditPolicies",
                columns: new[] { "DivisionId", "VersionNumber" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CreditPolicies");

            migrationBuilder.DropColumn(
                name: "AffordabilityFactor",
                table: "CreditApplications");
        }
    }
}
