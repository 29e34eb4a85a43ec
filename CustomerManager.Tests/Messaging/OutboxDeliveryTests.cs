using System.Net;
using System.Text.Json;
using CustomerManager.Domain.Accounts;
using CustomerManager.Domain.Laybys;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Communications;
using CustomerManager.Domain.Messaging;
using CustomerManager.Data.Seeding;
using CustomerManager.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using SmtpServer.Protocol;

namespace CustomerManager.Tests.Messaging;

/// <summary>
/// The outbox against a real SMTP server and a local SMS gateway: what arrives, retries with back-off, permanent
/// refusals, leases that keep a message to one node, and what happens with no provider.
/// </summary>
[Collection(nameof(MessagingCollection))]
public class OutboxDeliveryTests(MessagingAppFactory factory)
{
    private const int Clothing = 3;

    [Fact]
    public async Task An_email_with_a_receipt_arrives_with_its_headers_body_and_the_receipts_pdf()
    {
        var customerId = await factory.NewCustomerAsync();
        string receiptNumber;
        int accountId;
        using (Actors.As("messaging-clerk", Roles.Clerk))
        {
            accountId = (await factory.Service<DivisionAccountService>().OpenAsync(customerId, Clothing)).Id;
            receiptNumber = (await factory.Service<AccountLedgerService>().RecordPaymentAsync(accountId, 150m, PaymentMethod.Cash, null, Guid.NewGuid())).ReceiptNumber!;
        }

        var queued = await QueueAsync(customerId, new OutgoingMessage(customerId, CommunicationChannel.Email, CommunicationType.Receipt,
            $"Your receipt {receiptNumber}", "Thank you for your payment of R 150.00.", "<p>Thank you for your payment of <b>R 150.00</b>.</p>",
            AttachmentKind.Receipt, receiptNumber, DivisionAccountId: accountId));
        Assert.Equal(CommunicationStatus.Queued, (await factory.MessageAsync(queued.Id)).Communication!.Status);
        var before = factory.Smtp.Received.Count;

        var result = await factory.DispatchAsync();

        Assert.Equal(1, result.Sent);
        var received = (await factory.Smtp.WaitForAsync(before + 1)).Single(m => m.MessageId == $"outbox-{queued.Id}@shop.example");
        Assert.Equal("accounts@shop.example", received.From.Mailboxes.Single().Address);
        Assert.Equal("Our business", received.From.Mailboxes.Single().Name);
        Assert.Equal(queued.To, received.To.Mailboxes.Single().Address);
        Assert.Equal($"Your receipt {receiptNumber}", received.Subject);
        Assert.Equal($"outbox-{queued.Id}@shop.example", received.MessageId);
        Assert.Contains("Thank you for your payment of R 150.00.", received.TextBody);
        Assert.Contains("<b>R 150.00</b>", received.HtmlBody);
        var attachment = (MimePart)received.Attachments.Single();
        Assert.Equal($"{receiptNumber}.pdf", attachment.FileName);
        Assert.Equal("application/pdf", attachment.ContentType.MimeType);
        using var content = new MemoryStream();
        await attachment.Content!.DecodeToAsync(content);
        // The same document the receipt link serves (PDFs carry a creation time and id, so compare what they say).
        using var admin = SignInClient.For(factory);
        await admin.SignInSuccessfullyAsync("admin", DemoDataSeeder.DemoPassword);
        var served = await admin.Http.GetByteArrayAsync($"/receipts/{receiptNumber}.pdf");
        var attachedText = await Poppler.PdfToTextAsync(content.ToArray());
        Assert.Contains(receiptNumber, attachedText);
        Assert.Equal(await Poppler.PdfToTextAsync(served), attachedText);

        var sent = await factory.MessageAsync(queued.Id);
        Assert.Equal(OutboxStatus.Sent, sent.Status);
        Assert.Equal(1, sent.Attempts);
        Assert.Contains("250", sent.ProviderReply ?? "", StringComparison.Ordinal);
        Assert.Null(sent.LockedBy);
        Assert.Equal(CommunicationStatus.Sent, sent.Communication!.Status);
    }

    [Fact]
    public async Task A_refusal_for_now_is_retried_after_the_backoff_and_delivered_once()
    {
        var customerId = await factory.NewCustomerAsync();
        factory.Clock.Now = new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);
        var queued = await QueueAsync(customerId, Email(customerId, "Try again"));
        factory.Smtp.ReplyNext(new SmtpResponse(SmtpReplyCode.InsufficientStorage, "Mailbox full, try later"));

        var first = await factory.DispatchAsync();
        var waiting = await factory.MessageAsync(queued.Id);
        Assert.Equal(1, first.Retrying);
        Assert.Equal(OutboxStatus.Queued, waiting.Status);
        Assert.Equal(1, waiting.Attempts);
        Assert.Contains("452", waiting.LastError, StringComparison.Ordinal);
        Assert.Equal(factory.Clock.Now.UtcDateTime + OutboxMessage.Backoff[0], waiting.NextAttemptAtUtc);
        Assert.Equal(CommunicationStatus.Queued, waiting.Communication!.Status);

        // Not due yet: nothing is tried before the back-off has passed.
        factory.Clock.Now += TimeSpan.FromSeconds(10);
        Assert.Equal(0, (await factory.DispatchAsync()).Handled);

        factory.Clock.Now += TimeSpan.FromSeconds(25);
        Assert.Equal(1, (await factory.DispatchAsync()).Sent);
        var delivered = await factory.MessageAsync(queued.Id);
        Assert.Equal((OutboxStatus.Sent, 2), (delivered.Status, delivered.Attempts));
        Assert.Single(factory.Smtp.Received, m => m.Subject == $"Try again {customerId}");
    }

    [Fact]
    public async Task A_permanent_refusal_fails_the_message_with_the_servers_answer_and_an_admin_can_retry_it()
    {
        var customerId = await factory.NewCustomerAsync();
        var queued = await QueueAsync(customerId, Email(customerId, "Refused"));
        factory.Smtp.ReplyNext(new SmtpResponse(SmtpReplyCode.MailboxUnavailable, "No such user here"));

        Assert.Equal(1, (await factory.DispatchAsync()).Failed);
        var failed = await factory.MessageAsync(queued.Id);
        Assert.Equal(OutboxStatus.Failed, failed.Status);
        Assert.Contains("550", failed.LastError, StringComparison.Ordinal);
        Assert.Equal(CommunicationStatus.Failed, failed.Communication!.Status);

        using (Actors.As("outbox-admin", Roles.Admin))
        {
            var rows = await factory.Service<OutboxService>().ListAsync(new OutboxFilter(OutboxStatus.Failed), 0, 50);
            Assert.Contains(rows.Items, r => r.Id == queued.Id && r.LastError!.Contains("No such user here", StringComparison.Ordinal));
            await factory.Service<OutboxService>().RetryAsync(queued.Id, failed.Version);
        }

        Assert.Equal(1, (await factory.DispatchAsync()).Sent);
        Assert.Equal(OutboxStatus.Sent, (await factory.MessageAsync(queued.Id)).Status);
        Assert.Single(factory.Smtp.Received, m => m.Subject == $"Refused {customerId}");
    }

    [Fact]
    public async Task A_message_claimed_by_a_node_that_crashed_goes_once_after_its_lease_and_two_nodes_never_send_one_twice()
    {
        var customerId = await factory.NewCustomerAsync();
        factory.Clock.Now = new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
        // Committed with the business change; then the node that claimed it died before it sent anything.
        var orphan = await QueueAsync(customerId, Email(customerId, "Orphan"));
        await using (var db = await factory.Services.GetRequiredService<ICustomerDbFactory>().OpenAsync())
        {
            var until = factory.Clock.Now.UtcDateTime + OutboxDispatcher.Lease;
            await db.OutboxMessages.Where(m => m.Id == orphan.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.LockedBy, "crashed-node").SetProperty(m => m.LockedUntilUtc, until));
        }

        var batch = new List<OutboxMessage>();
        for (var i = 0; i < 12; i++)
        {
            batch.Add(await QueueAsync(customerId, Email(customerId, $"Batch {i}")));
        }

        // Two nodes at once: each message goes exactly once, and the orphan waits for its lease.
        var results = await Task.WhenAll(Task.Run(() => factory.DispatchAsync("node-a")), Task.Run(() => factory.DispatchAsync("node-b")));
        Assert.Equal(12, results.Sum(r => r.Sent));
        for (var i = 0; i < 12; i++)
        {
            Assert.Single(factory.Smtp.Received, m => m.Subject == $"Batch {i} {customerId}");
        }

        Assert.DoesNotContain(factory.Smtp.Received, m => m.Subject == $"Orphan {customerId}");
        Assert.Equal(OutboxStatus.Queued, (await factory.MessageAsync(orphan.Id)).Status);

        factory.Clock.Now += OutboxDispatcher.Lease + TimeSpan.FromSeconds(1);
        Assert.Equal(1, (await factory.DispatchAsync("node-b")).Sent);
        Assert.Equal(0, (await factory.DispatchAsync("node-a")).Handled);
        Assert.Single(factory.Smtp.Received, m => m.Subject == $"Orphan {customerId}");
    }

    [Fact]
    public async Task Sms_goes_to_the_providers_json_api_and_its_answers_decide_sent_retry_or_failed()
    {
        var customerId = await factory.NewCustomerAsync();
        var ok = await QueueAsync(customerId, new OutgoingMessage(customerId, CommunicationChannel.Sms, CommunicationType.Reminder, null,
            "Your \"layby\" payment is due"));
        Assert.Equal(1, (await factory.DispatchAsync()).Sent);
        var request = factory.Sms.Requests.Last();
        Assert.Equal("Bearer test-token", request.Authorization);
        Assert.Equal($"outbox-{ok.Id}", request.IdempotencyKey);
        using (var json = JsonDocument.Parse(request.Body))
        {
            Assert.Equal(ok.To, json.RootElement.GetProperty("to").GetString());
            Assert.Equal("OURSHOP", json.RootElement.GetProperty("from").GetString());
            Assert.Equal("Your \"layby\" payment is due", json.RootElement.GetProperty("text").GetString());
            Assert.Equal($"outbox-{ok.Id}", json.RootElement.GetProperty("reference").GetString());
        }

        var sent = await factory.MessageAsync(ok.Id);
        Assert.Equal(OutboxStatus.Sent, sent.Status);
        Assert.Contains("sms-", sent.ProviderReply, StringComparison.Ordinal);
        Assert.StartsWith("+27", sent.To, StringComparison.Ordinal);

        var busy = await QueueAsync(customerId, new OutgoingMessage(customerId, CommunicationChannel.Sms, CommunicationType.Reminder, null, "Busy"));
        factory.Sms.Replies.Enqueue(HttpStatusCode.ServiceUnavailable);
        await factory.DispatchAsync();
        Assert.Equal((OutboxStatus.Queued, 1), ((await factory.MessageAsync(busy.Id)).Status, (await factory.MessageAsync(busy.Id)).Attempts));

        var refused = await QueueAsync(customerId, new OutgoingMessage(customerId, CommunicationChannel.Sms, CommunicationType.Reminder, null, "Bad"));
        factory.Sms.Replies.Enqueue(HttpStatusCode.BadRequest);
        await factory.DispatchAsync();
        var failed = await factory.MessageAsync(refused.Id);
        Assert.Equal(OutboxStatus.Failed, failed.Status);
        Assert.StartsWith("400", failed.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_no_whatsapp_provider_a_message_stays_queued_and_says_why_never_reported_as_sent()
    {
        var customerId = await factory.NewCustomerAsync();
        var queued = await QueueAsync(customerId, new OutgoingMessage(customerId, CommunicationChannel.WhatsApp, CommunicationType.Service, null, "Hello"));

        var result = await factory.DispatchAsync();

        Assert.Equal(1, result.WaitingForProvider);
        var waiting = await factory.MessageAsync(queued.Id);
        Assert.Equal((OutboxStatus.Queued, 0), (waiting.Status, waiting.Attempts));
        Assert.Equal("No WhatsApp provider is configured.", waiting.LastError);
        Assert.Equal(CommunicationStatus.Queued, waiting.Communication!.Status);
        Assert.True(waiting.NextAttemptAtUtc > factory.Clock.Now.UtcDateTime);
    }

    private static OutgoingMessage Email(int customerId, string subject) =>
        new(customerId, CommunicationChannel.Email, CommunicationType.Service, $"{subject} {customerId}", $"Body of {subject}");

    private async Task<OutboxMessage> QueueAsync(int customerId, OutgoingMessage message)
    {
        await using var db = await factory.Services.GetRequiredService<ICustomerDbFactory>().OpenAsync();
        var customer = await db.Customers.SingleAsync(c => c.Id == customerId);
        var queued = Outbox.Queue(db, message, Outbox.AddressFor(customer, message.Channel), "messaging-clerk", factory.Clock.Now.UtcDateTime);
        await db.SaveChangesAsync();
        return queued;
    }
}

[CollectionDefinition(nameof(MessagingCollection))]
public class MessagingCollection : ICollectionFixture<MessagingAppFactory>;
