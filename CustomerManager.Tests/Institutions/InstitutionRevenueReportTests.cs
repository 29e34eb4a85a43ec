using CustomerManager.Domain.Accounts;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Institutions;
using CustomerManager.Domain.Laybys;
using CustomerManager.Domain.Reports;
using CustomerManager.Tests.Statements;
using CustomerManager.Tests.Support;
using static CustomerManager.Tests.Customers.CustomerTestData;
using static CustomerManager.Tests.Privacy.PrivacyTestData;

namespace CustomerManager.Tests.Institutions;

public class InstitutionRevenueReportTests(StatementAppFactory factory) : IClassFixture<StatementAppFactory>
{
    [Fact]
    public async Task Revenue_by_institution_adds_up_members_and_billing_accounts_in_the_period_as_computed_by_hand()
    {
        var clothing = await DivisionIdAsync(factory.Services, "CLO");
        var hardware = await DivisionIdAsync(factory.Services, "HRD");
        Institution university, hospital;
        factory.Clock.Set("2026-05-28");
        using (Actors.As("revenue-manager", Roles.CreditManager))
        {
            var customers = In<CustomerService>(factory);
            var (a, b, outsider, billing) = ((await customers.CreateAsync(Person())).Id, (await customers.CreateAsync(Person())).Id,
                (await customers.CreateAsync(Person())).Id, (await customers.CreateAsync(Company())).Id);
            university = await In<InstitutionService>(factory).CreateAsync(InstitutionServiceTests.University());
            hospital = await In<InstitutionService>(factory).CreateAsync(InstitutionServiceTests.University() with { Type = InstitutionType.Hospital, BillingCustomerId = billing });
            await In<InstitutionService>(factory).AddMembersAsync(university.Id, [a, b], Designation.Student);

            var ledger = In<AccountLedgerService>(factory);
            var accountA = await factory.OpenCreditAccountAsync(a, clothing, 9000m);
            var accountHardwareA = await factory.OpenCreditAccountAsync(a, hardware, 9000m);
            var accountOutsider = await factory.OpenCreditAccountAsync(outsider, clothing, 9000m);
            var accountBilling = await factory.OpenCreditAccountAsync(billing, clothing, 9000m);
            await factory.OpenCreditAccountAsync(b, clothing, 9000m);
            // May: before the period.
            await ledger.RecordSaleAsync(accountA, 90m, "S-MAY", "Belt");
            await ledger.RecordPaymentAsync(accountA, 10m, PaymentMethod.Cash, null, Guid.NewGuid());

            factory.Clock.Set("2026-06-10");
            // June, A: a sale of 1,000, payments of 300 and 50, the 50 reversed; 70 on the hardware account.
            await ledger.RecordSaleAsync(accountA, 1000m, "S-1", "Suit");
            await ledger.RecordPaymentAsync(accountA, 300m, PaymentMethod.Cash, null, Guid.NewGuid());
            var mistaken = await ledger.RecordPaymentAsync(accountA, 50m, PaymentMethod.Card, null, Guid.NewGuid());
            await ledger.ReverseAsync(accountA, mistaken.Id, "Card declined");
            await ledger.RecordPaymentAsync(accountHardwareA, 70m, PaymentMethod.Cash, null, Guid.NewGuid());
            // June, B: a layby with a 200 deposit. The outsider counts nowhere; the hospital is billed as a customer.
            await In<LaybyService>(factory).OpenAsync(new OpenLaybyInput(b, clothing, [new LaybyItemInput("Coat", null, 1, 1000m)],
                200m, PaymentMethod.Cash, LaybyFrequency.Monthly, new DateOnly(2026, 8, 31), Guid.NewGuid()));
            await ledger.RecordSaleAsync(accountOutsider, 4000m, "S-O", "Sofa");
            await ledger.RecordPaymentAsync(accountOutsider, 400m, PaymentMethod.Cash, null, Guid.NewGuid());
            await ledger.RecordSaleAsync(accountBilling, 800m, "S-H", "Linen");
            await ledger.RecordPaymentAsync(accountBilling, 125m, PaymentMethod.BankTransfer, null, Guid.NewGuid());

            factory.Clock.Set("2026-07-02");
            await ledger.RecordPaymentAsync(accountA, 25m, PaymentMethod.Cash, null, Guid.NewGuid());
        }

        var june = new DateOnly(2026, 6, 1);
        using (Actors.As("revenue-accountant", Roles.Accountant))
        {
            var rows = (await In<ReportService>(factory).InstitutionRevenueAsync(june, june, null)).ToDictionary(r => r.InstitutionId);
            Assert.Equal(new InstitutionRevenueRow(university.Id, university.Code, university.Name, InstitutionType.University, 2, 1000m, 370m, 200m),
                rows[university.Id]);
            Assert.Equal(570m, rows[university.Id].Collected);
            Assert.Equal(new InstitutionRevenueRow(hospital.Id, hospital.Code, hospital.Name, InstitutionType.Hospital, 0, 800m, 125m, 0m), rows[hospital.Id]);

            var clothingOnly = (await In<ReportService>(factory).InstitutionRevenueAsync(june, june, clothing)).Single(r => r.InstitutionId == university.Id);
            Assert.Equal((1000m, 300m, 200m), (clothingOnly.SalesOnAccount, clothingOnly.AccountPayments, clothingOnly.LaybyPayments));
            var mayToJuly = (await In<ReportService>(factory).InstitutionRevenueAsync(june.AddMonths(-1), june.AddMonths(1), null)).Single(r => r.InstitutionId == university.Id);
            Assert.Equal((1090m, 405m), (mayToJuly.SalesOnAccount, mayToJuly.AccountPayments));

            // The export carries the same figures, one row per institution.
            var sheet = XlsxSheet.Read(await Exports.ExportWriterTests.WriteAsync(new Web.Exports.XlsxTableWriter(),
                Web.Components.Pages.Reports.ReportExports.InstitutionRevenue(In<ReportService>(factory), june, june, null, null)));
            var row = sheet.DataRows("Code").Single(r => r[0].Value == university.Code);
            Assert.Equal([2m, 1000m, 370m, 200m, 570m], row.Skip(3).Take(5).Select(c => c.Number));
        }

        using (Actors.AsLimitedTo([hardware], "revenue-hardware", Roles.Accountant))
        {
            var limited = (await In<ReportService>(factory).InstitutionRevenueAsync(june, june, null)).Single(r => r.InstitutionId == university.Id);
            Assert.Equal((0m, 70m, 0m), (limited.SalesOnAccount, limited.AccountPayments, limited.LaybyPayments));
            await Assert.ThrowsAsync<AccessDeniedException>(() => In<ReportService>(factory).InstitutionRevenueAsync(june, june, clothing));
        }

        using (Actors.As("revenue-clerk", Roles.Clerk))
        {
            await Assert.ThrowsAsync<AccessDeniedException>(() => In<ReportService>(factory).InstitutionRevenueAsync(june, june, null));
        }
    }
}
