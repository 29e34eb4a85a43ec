using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CustomerManager.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class ScaleIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Customers_CompanyNameKey",
                table: "Customers");

            migrationBuilder.DropIndex(
                name: "IX_Customers_FirstNameKey",
                table: "Customers");

            migrationBuilder.DropIndex(
                name: "IX_Customers_LastNameKey",
                table: "Customers");

            migrationBuilder.CreateIndex(
                name: "IX_Laybys_Status_Id",
                table: "Laybys",
                columns: new[] { "Status", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Customers_CompanyNameKey_IsActive_FullNameKey",
                table: "Customers",
                columns: new[] { "CompanyNameKey", "IsActive", "FullNameKey" });

            migrationBuilder.CreateIndex(
                name: "IX_Customers_FirstNameKey_IsActive_FullNameKey",
                table: "Customers",
                columns: new[] { "FirstNameKey", "IsActive", "FullNameKey" });

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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Laybys_Status_Id",
                table: "Laybys");

            migrationBuilder.DropIndex(
                name: "IX_Customers_CompanyNameKey_IsActive_FullNameKey",
                table: "Customers");

            migrationBuilder.DropIndex(
                name: "IX_Customers_FirstNameKey_IsActive_FullNameKey",
                table: "Customers");

            migrationBuilder.DropIndex(
                name: "IX_Customers_IsActive_CustomerNumber",
                table: "Customers");

            migrationBuilder.DropIndex(
                name: "IX_Customers_IsActive_FullNameKey_Id",
                table: "Customers");

            migrationBuilder.DropIndex(
                name: "IX_Customers_LastNameKey_IsActive_FullNameKey",
                table: "Customers");

            migrationBuilder.CreateIndex(
                name: "IX_Customers_CompanyNameKey",
                table: "Customers",
                column: "CompanyNameKey");

            migrationBuilder.CreateIndex(
                name: "IX_Customers_FirstNameKey",
                table: "Customers",
                column: "FirstNameKey");

            migrationBuilder.CreateIndex(
                name: "IX_Customers_LastNameKey",
                table: "Customers",
                column: "LastNameKey");
        }
    }
}
