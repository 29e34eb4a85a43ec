using CustomerManager.Domain.Accounts;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Communications;
using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Laybys;
using CustomerManager.Domain.Messaging;
using CustomerManager.Domain.Organisation;
using CustomerManager.Domain.Statements;
using CustomerManager.Domain.Tasks;
using CustomerManager.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace CustomerManager.Tests.Messaging;

/// <summary>
/// Receipts, statements and automatic reminders through the templates and the outbox, delivered to the test's SMTP
/// server and SMS gateway.
/// </summary>
[Collection(nameof(MessagingCollection))]
public class ServiceMessageTests(MessagingAppFactory factory)
{
    private const int Clothing = 3;

    [Fact]
    public async Task A_clerk_sends_a_payment_receipt_by_email_with_its_pdf_or_by_sms_when_the_customer_prefers_it()
    {
        factory.Clock.Now = DateTimeOffset.UtcNow;
        var accountId = await factory.CreditAccountAsync(Clothing, 2000m);
        string receipt;
        using (Actors.As("messaging-clerk", Roles.Clerk))
        {
            receipt = (await factory.Service<AccountLedgerService>().RecordPaymentAsync(accountId, 250m, PaymentMethod.Cash, null, Guid.NewGuid())).ReceiptNumber!;
            var request = Guid.NewGuid();
            var queued = await factory.Service<ServiceMessageService>().SendReceiptAsync(receipt, request);
            Assert.Equal(queued.Id, (await factory.Service<ServiceMessageService>().SendReceiptAsync(receipt, request)).Id);
            Assert.Equal((CommunicationChannel.Email, AttachmentKind.Receipt, receipt), (queued.Channel, queued.AttachmentKind, queued.AttachmentNumber));
        }

        Assert.True((await factory.DispatchAsync()).Sent >= 1);
        var mail = factory.Smtp.Received.Single(m => m.TextBody?.Contains(receipt, StringComparison.Ordinal) == true);
        Assert.Contains("ZAR 250.00", mail.TextBody);
        var pdf = (MimePart)mail.Attachments.Single();
        Assert.Equal($"{receipt}.pdf", pdf.FileName);
        using var content = new MemoryStream();
        await pdf.Content!.DecodeToAsync(content);
        Assert.Contains(receipt, await Poppler.PdfToTextAsync(content.ToArray()));

        // The same customer now prefers SMS: the receipt goes as a text, without a PDF.
        using (Actors.As("messaging-clerk", Roles.Clerk))
        {
            var customerId = (await factory.Service<DivisionAccountService>().GetAsync(accountId)).CustomerId;
            var service = factory.Service<CustomerService>();
            var customer = (await service.GetProfileAsync(customerId)).Customer;
            await service.UpdateAsync(customerId, customer.Version, customer.Details() with { PreferredChannel = CommunicationChannel.Sms });
            var sms = await factory.Service<ServiceMessageService>().SendReceiptAsync(receipt, Guid.NewGuid());
            Assert.Equal((CommunicationChannel.Sms, AttachmentKind.None), (sms.Channel, sms.AttachmentKind));
        }

        var before = factory.Sms.Requests.Count;
        await factory.DispatchAsync();
        Assert.Contains(receipt, factory.Sms.Requests.Skip(before).Single().Body);

        using (Actors.AsLimitedTo([4], "hardware-clerk", Roles.Clerk))
        {
            await Assert.ThrowsAsync<AccessDeniedException>(() => factory.Service<ServiceMessageService>().SendReceiptAsync(receipt, Guid.NewGuid()));
        }

        using (Actors.As("messaging-clerk", Roles.Clerk))
        {
            await Assert.ThrowsAsync<NotFoundException>(() => factory.Service<ServiceMessageService>().SendReceiptAsync("RCT-CLO-999999", Guid.NewGuid()));
        }
    }

    [Fact]
    public async Task Sending_a_divisions_statements_emails_each_one_with_its_pdf_once_however_often_it_is_run()
    {
        int divisionId;
        using (Actors.As("messaging-admin", Roles.Admin))
        {
            divisionId = (await factory.Service<OrganisationService>().CreateDivisionAsync(new DivisionInput("Statement sends", "SSX", DivisionType.Other))).Id;
        }

        factory.Clock.Set("2026-09-10");
        var accounts = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            var accountId = await factory.CreditAccountAsync(divisionId, 5000m);
            using var clerk = Actors.As("messaging-clerk", Roles.Clerk);
            await factory.Service<AccountLedgerService>().RecordSaleAsync(accountId, 100m * (i + 1), $"INV-S{i}", "Goods");
            accounts.Add(accountId);
        }

        factory.Clock.Set("2026-10-02");
        StatementSendResult first, second;
        var progress = new List<StatementSendProgress>();
        using (Actors.As("messaging-accountant", Roles.Accountant))
        {
            var batch = await factory.Service<StatementService>().RunBatchAsync(divisionId, 2026, 9, includeQuiet: false, progress: null);
            Assert.Equal(3, batch.Generated);
            first = await factory.Service<ServiceMessageService>().SendStatementsAsync(divisionId, 2026, 9, new SyncProgress<StatementSendProgress>(progress.Add));
            second = await factory.Service<ServiceMessageService>().SendStatementsAsync(divisionId, 2026, 9);
        }

        Assert.Equal((3, 3, 0, 0, false), (first.Statements, first.Queued, first.AlreadySent, first.NoAddress, first.Cancelled));
        Assert.Equal((3, 0, 3), (second.Statements, second.Queued, second.AlreadySent));
        Assert.Equal(new StatementSendProgress(3, 3), progress.Last());

        await factory.DispatchAsync();
        await using var db = await factory.Services.GetRequiredService<ICustomerDbFactory>().OpenAsync();
        var numbers = await db.Statements.Where(s => s.DivisionId == divisionId).Select(s => s.Number).ToListAsync();
        foreach (var number in numbers)
        {
            var mail = Assert.Single(factory.Smtp.Received, m => m.Attachments.OfType<MimePart>().Any(a => a.FileName == $"{number}.pdf"));
            Assert.Contains(number, mail.Subject);
        }

        // Each statement's timeline entry is sent, and points at its statement.
        var sent = await db.Communications.Where(c => c.StatementId != null && numbers.Contains(db.Statements.First(s => s.Id == c.StatementId).Number)).ToListAsync();
        Assert.Equal(3, sent.Count);
        Assert.All(sent, c => Assert.Equal(CommunicationStatus.Sent, c.Status));
    }

    [Fact]
    public async Task Reminders_go_before_and_after_a_due_date_once_each_and_a_missed_one_makes_one_collections_task()
    {
        using (Actors.As("messaging-admin", Roles.Admin))
        {
            var organisation = factory.Service<OrganisationService>();
            var clothing = (await organisation.ListDivisionsAsync()).Single(d => d.Id == Clothing);
            await organisation.UpdateDivisionAsync(Clothing, clothing.Version,
                new DivisionInput(clothing.Name, clothing.Code, clothing.Type, clothing.IsActive, clothing.WriteOffApprovalAbove, 3, 7));
        }

        factory.Clock.Set("2026-11-02");
        var customerId = await factory.NewCustomerAsync();
        Layby layby;
        using (Actors.As("messaging-clerk", Roles.Clerk))
        {
            await factory.Service<DivisionAccountService>().OpenAsync(customerId, Clothing);
            layby = await factory.Service<LaybyService>().OpenAsync(new OpenLaybyInput(customerId, Clothing, [new LaybyItemInput("Coat", null, 1, 1200m)],
                240m, PaymentMethod.Cash, LaybyFrequency.Monthly, new DateOnly(2027, 1, 20), Guid.NewGuid()));
        }

        var firstDue = layby.Instalments.Min(i => i.DueDate);
        var keyBefore = $"reminder:layby:{layby.Id}:1:before";
        var keyAfter = $"reminder:layby:{layby.Id}:1:after";

        factory.Clock.Set(firstDue.AddDays(-3).ToString("yyyy-MM-dd"));
        await RunRemindersAsync();
        await RunRemindersAsync();
        Assert.Equal([keyBefore], await KeysAsync(customerId));

        factory.Clock.Set(firstDue.AddDays(7).ToString("yyyy-MM-dd"));
        await RunRemindersAsync();
        await RunRemindersAsync();
        Assert.Equal([keyAfter, keyBefore], (await KeysAsync(customerId)).Order().ToList());
        await using (var db = await factory.Services.GetRequiredService<ICustomerDbFactory>().OpenAsync())
        {
            var task = Assert.Single(await db.FollowUpTasks.Where(t => t.CustomerId == customerId).ToListAsync());
            Assert.Equal((layby.Id, "credit"), (task.LaybyId, task.AssigneeUserName));
            Assert.Contains(layby.LaybyNumber, task.Title);
            var reminder = await db.OutboxMessages.SingleAsync(m => m.IdempotencyKey == keyAfter);
            Assert.Contains(layby.LaybyNumber, reminder.TextBody);
            Assert.Contains("ZAR", reminder.TextBody);
        }

        // Paid up: the next instalment's reminders are for what is still owed, and nothing repeats.
        factory.Clock.Set(firstDue.AddDays(8).ToString("yyyy-MM-dd"));
        Assert.Equal(0, (await RunRemindersAsync()).BeforeDue + (await RunRemindersAsync()).AfterDue);
    }

    [Fact]
    public async Task The_monthly_run_on_its_day_generates_and_sends_last_months_statements_once()
    {
        int divisionId;
        using (Actors.As("messaging-admin", Roles.Admin))
        {
            divisionId = (await factory.Service<OrganisationService>().CreateDivisionAsync(new DivisionInput("Monthly run", "MRX", DivisionType.Other))).Id;
        }

        factory.Clock.Set("2026-07-15");
        var accountId = await factory.CreditAccountAsync(divisionId, 5000m);
        using (Actors.As("messaging-clerk", Roles.Clerk))
        {
            await factory.Service<AccountLedgerService>().RecordSaleAsync(accountId, 480m, "INV-M1", "Goods");
        }

        using var system = AmbientUser.Use(AmbientUser.System);
        factory.Clock.Set("2026-08-02");
        Assert.Empty(await factory.Service<MonthlyStatementRun>().RunIfDueAsync(new DateOnly(2026, 8, 2)));

        factory.Clock.Set("2026-08-01");
        var first = (await factory.Service<MonthlyStatementRun>().RunIfDueAsync(new DateOnly(2026, 8, 1))).Single(r => r.Division == "Monthly run");
        var again = (await factory.Service<MonthlyStatementRun>().RunIfDueAsync(new DateOnly(2026, 8, 1))).Single(r => r.Division == "Monthly run");

        Assert.Equal((1, 1), (first.Generated.Generated, first.Sent.Queued));
        Assert.Equal((0, 0, 1), (again.Generated.Generated, again.Sent.Queued, again.Sent.AlreadySent));
        await using var db = await factory.Services.GetRequiredService<ICustomerDbFactory>().OpenAsync();
        var statement = await db.Statements.SingleAsync(s => s.DivisionAccountId == accountId);
        Assert.Equal(new DateOnly(2026, 7, 1), statement.PeriodStart);
        Assert.Equal(1, await db.OutboxMessages.CountAsync(m => m.IdempotencyKey == ServiceMessageService.StatementKey(statement.Id)));
    }

    private async Task<ReminderRunResult> RunRemindersAsync()
    {
        using var system = AmbientUser.Use(AmbientUser.System);
        var clock = factory.Services.GetRequiredService<BusinessTime>();
        return await factory.Service<AutomaticReminders>().RunAsync(clock.Today);
    }

    private async Task<List<string>> KeysAsync(int customerId)
    {
        await using var db = await factory.Services.GetRequiredService<ICustomerDbFactory>().OpenAsync();
        return await db.OutboxMessages.Where(m => m.CustomerId == customerId).Select(m => m.IdempotencyKey!).ToListAsync();
    }

    /// <summary>Reports on the caller's thread, in order (Progress&lt;T&gt; posts to the thread pool).</summary>
    private sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
