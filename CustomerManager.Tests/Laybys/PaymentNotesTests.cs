using CustomerManager.Data.Seeding;
using CustomerManager.Domain.Accounts;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Laybys;
using CustomerManager.Tests.Customers;
using CustomerManager.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerManager.Tests.Laybys;

/// <summary>Free-text notes on a layby and on a payment (seed fields): kept, printed on the receipt, and checked.</summary>
public class PaymentNotesTests(AppFactory factory) : IClassFixture<AppFactory>
{
    private const int Clothing = 3;

    [Fact]
    public async Task A_layby_payments_note_is_kept_with_the_entry_and_printed_on_its_receipt()
    {
        LaybyEntry payment;
        Layby layby;
        using (Actors.As("notes-clerk", Roles.Clerk))
        {
            layby = await OpenLaybyAsync();
            var laybys = factory.Services.CreateScope().ServiceProvider.GetRequiredService<LaybyService>();
            var tooLong = await Assert.ThrowsAsync<DomainException>(() =>
                laybys.PayAsync(layby.Id, 100m, PaymentMethod.Cash, null, Guid.NewGuid(), new string('n', LaybyEntry.NoteMaxLength + 1)));
            Assert.Equal("Note", tooLong.Field);
            Assert.Equal(0m, (await laybys.GetAsync(layby.Id)).Entries.Where(e => e.Kind == LaybyEntryKind.Payment).Sum(e => e.Amount));

            payment = await laybys.PayAsync(layby.Id, 300m, PaymentMethod.Cash, "till 2", Guid.NewGuid(), "  Paid by her sister Nomsa  ");
            Assert.Equal("Paid by her sister Nomsa", (await laybys.GetAsync(layby.Id)).Entries.Single(e => e.Id == payment.Id).Note);
        }

        var text = await ReceiptTextAsync(payment.ReceiptNumber!);
        Assert.Contains("Note", text);
        Assert.Contains("Paid by her sister Nomsa", text);
    }

    [Fact]
    public async Task An_account_payments_note_is_printed_on_its_receipt()
    {
        var accountId = await factory.CreditAccountAsync(Clothing, 5000m);
        AccountEntry payment;
        using (Actors.As("notes-clerk", Roles.Clerk))
        {
            var ledger = factory.Services.CreateScope().ServiceProvider.GetRequiredService<AccountLedgerService>();
            payment = await ledger.RecordPaymentAsync(accountId, 120m, PaymentMethod.Card, "slip 7", Guid.NewGuid(), "For the March invoice");
        }

        var text = await ReceiptTextAsync(payment.ReceiptNumber!);
        Assert.Contains("For the March invoice", text);
    }

    [Fact]
    public async Task Layby_notes_are_edited_by_the_counter_on_the_current_version_and_audited_accountants_only_read()
    {
        Layby layby;
        using (Actors.As("notes-clerk", Roles.Clerk))
        {
            layby = await OpenLaybyAsync();
            var laybys = factory.Services.CreateScope().ServiceProvider.GetRequiredService<LaybyService>();
            await laybys.SetNotesAsync(layby.Id, layby.Version, " Collects on Saturdays ");
            Assert.Equal("Collects on Saturdays", (await laybys.GetAsync(layby.Id)).Notes);
            // A stale version is a conflict, not a silent overwrite.
            await Assert.ThrowsAsync<ConcurrencyConflictException>(() => laybys.SetNotesAsync(layby.Id, layby.Version, "Other"));
            Assert.Equal("Notes", (await Assert.ThrowsAsync<DomainException>(() =>
                laybys.SetNotesAsync(layby.Id, layby.Version + 1, new string('x', Layby.NotesMaxLength + 1)))).Field);
        }

        using (Actors.As("notes-accountant", Roles.Accountant))
        {
            var laybys = factory.Services.CreateScope().ServiceProvider.GetRequiredService<LaybyService>();
            var current = await laybys.GetAsync(layby.Id);
            await Assert.ThrowsAsync<AccessDeniedException>(() => laybys.SetNotesAsync(layby.Id, current.Version, "Accountant"));
            Assert.Equal("Collects on Saturdays", (await laybys.GetAsync(layby.Id)).Notes);
        }

        await using var db = await factory.Services.GetRequiredService<ICustomerDbFactory>().OpenAsync();
        Assert.Contains(db.AuditEntries.Where(a => a.EntityType == nameof(Layby) && a.EntityKey == layby.Id.ToString()).AsEnumerable(),
            a => a.Changes.Any(c => c.Field == nameof(Layby.Notes) && c.NewValue == "Collects on Saturdays"));
    }

    private async Task<Layby> OpenLaybyAsync()
    {
        using var scope = factory.Scope();
        var customer = await scope.ServiceProvider.GetRequiredService<CustomerService>().CreateAsync(CustomerTestData.Person());
        await scope.ServiceProvider.GetRequiredService<DivisionAccountService>().OpenAsync(customer.Id, Clothing);
        return await scope.ServiceProvider.GetRequiredService<LaybyService>().OpenAsync(new OpenLaybyInput(customer.Id, Clothing,
            [new LaybyItemInput("Coat", null, 1, 1200m)], 240m, PaymentMethod.Cash, LaybyFrequency.Monthly,
            DateOnly.FromDateTime(DateTime.UtcNow).AddDays(85), Guid.NewGuid()));
    }

    private async Task<string> ReceiptTextAsync(string receiptNumber)
    {
        using var client = SignInClient.For(factory);
        await client.SignInSuccessfullyAsync("admin", DemoDataSeeder.DemoPassword);
        return await Poppler.PdfToTextAsync(await client.Http.GetByteArrayAsync($"/receipts/{receiptNumber}.pdf"));
    }
}
