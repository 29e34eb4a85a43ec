using CustomerManager.Domain.Accounts;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Communications;
using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Templates;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Domain.Messaging;

/// <summary>What a statement send did: queued now, already sent or queued before, and customers with no address.</summary>
public sealed record StatementSendResult(int Statements, int Queued, int AlreadySent, int NoAddress, bool Cancelled);

public sealed record StatementSendProgress(int Done, int Total);

/// <summary>
/// Service messages built from the admin's templates (issue 16): a receipt right after a payment, a division's
/// statements after a batch. They follow the customer's preferred channel and language when known, need no marketing
/// consent, and go through the outbox; an e-mail carries its PDF.
/// </summary>
public sealed class ServiceMessageService(
    ICustomerDbFactory dbFactory, ICurrentUser currentUser, BusinessTime clock, OutboxSignal signal, MessageTemplateService templates)
{
    private static readonly string[] Counter = [Roles.Clerk, Roles.CreditManager, Roles.Admin];
    private static readonly string[] StatementSenders = [Roles.Accountant, Roles.CreditManager, Roles.Admin];

    /// <summary>The channel a service message goes by: the one asked for, else the customer's preferred, else e-mail when there is an address, else SMS.</summary>
    public static CommunicationChannel ChannelFor(Customer customer, CommunicationChannel? asked) =>
        asked ?? customer.PreferredChannel ?? (customer.PrimaryEmail is not null ? CommunicationChannel.Email : CommunicationChannel.Sms);

    /// <summary>
    /// Sends the receipt (or refund advice) <paramref name="receiptNumber"/> to its customer, the PDF attached to an
    /// e-mail. One message per <paramref name="requestId"/>.
    /// </summary>
    public async Task<OutboxMessage> SendReceiptAsync(
        string receiptNumber, Guid requestId, CommunicationChannel? channel = null, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Counter);
        var number = (receiptNumber ?? "").Trim().ToUpperInvariant();
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var key = $"receipt:{number}:{requestId:N}";
        if (await db.OutboxMessages.AsNoTracking().FirstOrDefaultAsync(m => m.IdempotencyKey == key, cancellationToken) is { } already)
        {
            return already;
        }

        var receipt = await FindReceiptAsync(db, number, cancellationToken) ?? throw new NotFoundException($"There is no receipt {number}.");
        currentUser.RequireDivision(receipt.DivisionId);
        var customer = await db.Customers.AsNoTracking().FirstAsync(c => c.Id == receipt.CustomerId, cancellationToken);
        var business = await db.Businesses.AsNoTracking().OrderBy(b => b.Id).FirstAsync(cancellationToken);
        var chosen = ChannelFor(customer, channel);
        var to = Outbox.AddressFor(customer, chosen);
        var values = MessageValues.ForCustomer(customer, business.Name, MessageValues.FormatMoney(business.Currency, receipt.BalanceAfter))
            .With(new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["ReceiptNumber"] = number,
            ["Amount"] = MessageValues.FormatMoney(business.Currency, receipt.Amount),
            ["DivisionName"] = receipt.DivisionName,
            ["LaybyNumber"] = receipt.LaybyNumber,
            ["AccountNumber"] = receipt.AccountNumber,
        });
        var rendered = await templates.RenderAsync(TemplatePurpose.Receipt, chosen, customer.PreferredLanguage, values, cancellationToken);
        var message = Outbox.Queue(db, new OutgoingMessage(
            customer.Id, chosen, CommunicationType.Receipt, rendered.Subject, rendered.TextBody, rendered.HtmlBody,
            chosen == CommunicationChannel.Email ? AttachmentKind.Receipt : AttachmentKind.None, chosen == CommunicationChannel.Email ? number : null,
            receipt.LaybyId, receipt.DivisionAccountId, IdempotencyKey: key), to, currentUser.UserName, clock.UtcNow);
        await db.SaveOrExplainAsync(cancellationToken);
        signal.Notify();
        return message;
    }

    /// <summary>
    /// Queues one message per statement of the division's month that has not been sent yet (each with its PDF by
    /// e-mail), in chunks that each commit on their own: progress between chunks, and a cancelled run can be started
    /// again without sending anything twice.
    /// </summary>
    public async Task<StatementSendResult> SendStatementsAsync(
        int divisionId, int year, int month, IProgress<StatementSendProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        currentUser.Require(StatementSenders);
        currentUser.RequireDivision(divisionId);
        var periodStart = new DateOnly(year, month, 1);
        List<long> statementIds;
        await using (var db = await dbFactory.OpenAsync(cancellationToken))
        {
            statementIds = await db.Statements.AsNoTracking().Where(s => s.DivisionId == divisionId && s.PeriodStart == periodStart)
                .OrderBy(s => s.Id).Select(s => s.Id).ToListAsync(cancellationToken);
        }

        int queued = 0, already = 0, noAddress = 0, done = 0;
        progress?.Report(new StatementSendProgress(0, statementIds.Count));
        foreach (var chunk in statementIds.Chunk(200))
        {
            if (cancellationToken.IsCancellationRequested)
            {
                return new StatementSendResult(statementIds.Count, queued, already, noAddress, Cancelled: true);
            }

            await using var db = await dbFactory.OpenAsync(CancellationToken.None);
            var keys = chunk.Select(StatementKey).ToList();
            var sent = (await db.OutboxMessages.AsNoTracking().Where(m => m.IdempotencyKey != null && keys.Contains(m.IdempotencyKey))
                .Select(m => m.IdempotencyKey!).ToListAsync(CancellationToken.None)).ToHashSet();
            var statements = await db.Statements.AsNoTracking().Where(s => chunk.Contains(s.Id)).ToListAsync(CancellationToken.None);
            var customerIds = statements.Select(s => s.CustomerId).Distinct().ToList();
            var customers = await db.Customers.AsNoTracking().Where(c => customerIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, CancellationToken.None);
            foreach (var statement in statements.OrderBy(s => s.Id))
            {
                if (sent.Contains(StatementKey(statement.Id)))
                {
                    already++;
                    continue;
                }

                var customer = customers[statement.CustomerId];
                var channel = ChannelFor(customer, null);
                string to;
                try
                {
                    to = Outbox.AddressFor(customer, channel);
                }
                catch (DomainException)
                {
                    noAddress++;
                    continue;
                }

                var rendered = await templates.RenderAsync(TemplatePurpose.StatementReady, channel, customer.PreferredLanguage,
                    StatementValues(customer, statement), CancellationToken.None);
                Outbox.Queue(db, new OutgoingMessage(
                    customer.Id, channel, CommunicationType.Statement, rendered.Subject, rendered.TextBody, rendered.HtmlBody,
                    channel == CommunicationChannel.Email ? AttachmentKind.Statement : AttachmentKind.None,
                    channel == CommunicationChannel.Email ? statement.Number : null,
                    DivisionAccountId: statement.DivisionAccountId, StatementId: statement.Id, IdempotencyKey: StatementKey(statement.Id)),
                    to, currentUser.UserName, clock.UtcNow);
                queued++;
            }

            await db.SaveOrExplainAsync(CancellationToken.None);
            signal.Notify();
            done += chunk.Length;
            progress?.Report(new StatementSendProgress(done, statementIds.Count));
        }

        return new StatementSendResult(statementIds.Count, queued, already, noAddress, Cancelled: false);
    }

    /// <summary>One send per statement, ever: a second run finds it and skips it.</summary>
    public static string StatementKey(long statementId) => $"statement:{statementId}";

    private static MessageValues StatementValues(Customer customer, Statements.Statement statement)
    {
        var amountDue = Math.Max(0, statement.ClosingBalance);
        return MessageValues.ForCustomer(customer, statement.BusinessName, MessageValues.FormatMoney(statement.Currency, statement.ClosingBalance))
            .With(new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["DivisionName"] = statement.DivisionName,
            ["AccountNumber"] = statement.AccountNumber,
            ["StatementNumber"] = statement.Number,
            ["AmountDue"] = MessageValues.FormatMoney(statement.Currency, amountDue),
            ["DueDate"] = MessageValues.FormatDate(statement.DueDate),
        });
    }

    private sealed record ReceiptFacts(
        int CustomerId, int DivisionId, string DivisionName, decimal Amount, decimal BalanceAfter, int? LaybyId, string? LaybyNumber,
        int? DivisionAccountId, string? AccountNumber);

    private static async Task<ReceiptFacts?> FindReceiptAsync(ICustomerDb db, string number, CancellationToken cancellationToken)
    {
        var laybyEntry = await (from e in db.LaybyEntries.AsNoTracking()
                                join l in db.Laybys.AsNoTracking() on e.LaybyId equals l.Id
                                join d in db.Divisions.AsNoTracking() on l.DivisionId equals d.Id
                                where e.ReceiptNumber == number
                                select new { e.Id, e.Amount, LaybyId = l.Id, l.LaybyNumber, l.CustomerId, l.DivisionId, Division = d.Name })
            .FirstOrDefaultAsync(cancellationToken);
        if (laybyEntry is not null)
        {
            var balance = await db.LaybyEntries.Where(e => e.LaybyId == laybyEntry.LaybyId && e.Id <= laybyEntry.Id).SumAsync(e => e.Amount, cancellationToken);
            return new ReceiptFacts(laybyEntry.CustomerId, laybyEntry.DivisionId, laybyEntry.Division, -laybyEntry.Amount, balance,
                laybyEntry.LaybyId, laybyEntry.LaybyNumber, null, null);
        }

        var accountEntry = await (from e in db.AccountEntries.AsNoTracking()
                                  join a in db.DivisionAccounts.AsNoTracking() on e.DivisionAccountId equals a.Id
                                  join d in db.Divisions.AsNoTracking() on a.DivisionId equals d.Id
                                  where e.ReceiptNumber == number
                                  select new { e.Id, e.Amount, AccountId = a.Id, a.AccountNumber, a.CustomerId, a.DivisionId, Division = d.Name })
            .FirstOrDefaultAsync(cancellationToken);
        if (accountEntry is null)
        {
            return null;
        }

        var after = await db.AccountEntries.Where(e => e.DivisionAccountId == accountEntry.AccountId && e.Id <= accountEntry.Id).SumAsync(e => e.Amount, cancellationToken);
        return new ReceiptFacts(accountEntry.CustomerId, accountEntry.DivisionId, accountEntry.Division, Math.Abs(accountEntry.Amount), after,
            null, null, accountEntry.AccountId, accountEntry.AccountNumber);
    }
}
