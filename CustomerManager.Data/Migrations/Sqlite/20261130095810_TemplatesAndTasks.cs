using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CustomerManager.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TemplatesAndTasks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "FollowUpTasks",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CustomerId = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    DueDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    AssigneeUserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    LaybyId = table.Column<int>(type: "INTEGER", nullable: true),
                    DivisionAccountId = table.Column<int>(type: "INTEGER", nullable: true),
                    DivisionId = table.Column<int>(type: "INTEGER", nullable: true),
                    IsDone = table.Column<bool>(type: "INTEGER", nullable: false),
                    DoneBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    DoneAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    EditedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DedupeKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FollowUpTasks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FollowUpTasks_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_FollowUpTasks_DivisionAccounts_DivisionAccountId",
                        column: x => x.DivisionAccountId,
                        principalTable: "DivisionAccounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_FollowUpTasks_Divisions_DivisionId",
                        column: x => x.DivisionId,
                        principalTable: "Divisions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_FollowUpTasks_Laybys_LaybyId",
                        column: x => x.LaybyId,
                        principalTable: "Laybys",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "MessageTemplates",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Purpose = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Language = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    VersionNumber = table.Column<int>(type: "INTEGER", nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Body = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: false),
                    HtmlBody = table.Column<string>(type: "TEXT", maxLength: 50000, nullable: true),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false),
                    EditedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    EditedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MessageTemplates", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_FollowUpTasks_AssigneeUserName_IsDone_DueDate",
                table: "FollowUpTasks",
                columns: new[] { "AssigneeUserName", "IsDone", "DueDate" });

            migrationBuilder.CreateIndex(
                name: "IX_FollowUpTasks_CustomerId_IsDone_DueDate",
                table: "FollowUpTasks",
                columns: new[] { "CustomerId", "IsDone", "DueDate" });

            migrationBuilder.CreateIndex(
                name: "IX_FollowUpTasks_DedupeKey",
                table: "FollowUpTasks",
                column: "DedupeKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_FollowUpTasks_DivisionAccountId",
                table: "FollowUpTasks",
                column: "DivisionAccountId");

            migrationBuilder.CreateIndex(
                name: "IX_FollowUpTasks_DivisionId",
                table: "FollowUpTasks",
                column: "DivisionId");

            migrationBuilder.CreateIndex(
                name: "IX_FollowUpTasks_IsDone_DueDate",
                table: "FollowUpTasks",
                columns: new[] { "IsDone", "DueDate" });

            migrationBuilder.CreateIndex(
                name: "IX_FollowUpTasks_LaybyId",
                table: "FollowUpTasks",
                column: "LaybyId");

            migrationBuilder.CreateIndex(
                name: "IX_MessageTemplates_Purpose_Channel_Language_VersionNumber",
                table: "MessageTemplates",
                columns: new[] { "Purpose", "Channel", "Language", "VersionNumber" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FollowUpTasks");

            migrationBuilder.DropTable(
                name: "MessageTemplates");
        }
    }
}
