using CustomerManager.Domain.Accounts;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Communications;
using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Templates;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Domain.Messaging;

/// <summary>Who a bulk message goes to: the active customers with an active account in the division, optionally with a tag or a balance owed.</summary>
public sealed record BulkAudience(int DivisionId, string? Tag = null, bool OnlyWithBalance = false);

/// <summary>
/// A message for many customers. <see cref="RequestId"/> is made when the page opens: sending the same request again
/// (after a cancel, a lost connection) queues only what is missing.
/// </summary>
public sealed record BulkMessageRequest(
    Guid RequestId, BulkAudience Audience, CommunicationChannel Channel, CommunicationType Type, string? Subject, string Body);

/// <summary>The count and a sample before sending: who matches, who will receive it, and why the others will not.</summary>
public sealed record BulkPreview(int Matching, int WillReceive, int NoConsent, int NoAddress, RenderedMessage? Sample, string? SampleCustomer);

public sealed record BulkProgress(int Done, int Total, int Queued);

public sealed record BulkResult(int Matching, int Queued, int AlreadyQueued, int NoConsent, int NoAddress, bool Cancelled);

/// <summary>
/// Bulk sends to a filtered customer list (issue 16): credit managers, accountants and admins, in the divisions they
/// work in. Marketing goes only to accounts with the marketing and the channel's consent; every message is rendered per
/// customer with the free-text placeholders and queued in the outbox in chunks that commit on their own, with progress
/// and cancellation between chunks.
/// </summary>
public sealed class BulkMessageService(
    ICustomerDbFactory dbFactory, ICurrentUser currentUser, BusinessTime clock, OutboxSignal signal, MessageTemplateService templates)
{
    public const int ChunkSize = 500;
    private static readonly string[] Senders = [Roles.Accountant, Roles.CreditManager, Roles.Admin];

    private sealed record Recipient(Customer Customer, DivisionAccount Account);

    public async Task<BulkPreview> PreviewAsync(BulkMessageRequest request, CancellationToken cancellationToken = default)
    {
        var (ids, business) = await StartAsync(request, cancellationToken);
        int willReceive = 0, noConsent = 0, noAddress = 0;
        RenderedMessage? sample = null;
        string? sampleCustomer = null;
        foreach (var chunk in ids.Chunk(ChunkSize))
        {
            foreach (var recipient in await LoadAsync(chunk, request.Audience.DivisionId, cancellationToken))
            {
                switch (Check(request, recipient, out _))
                {
                    case Outcome.NoConsent:
                        noConsent++;
                        break;
                    case Outcome.NoAddress:
                        noAddress++;
                        break;
                    default:
                        willReceive++;
                        if (sample is null)
                        {
                            sample = Render(request, recipient, business);
                            sampleCustomer = $"{recipient.Customer.CustomerNumber} {recipient.Customer.FullName}";
                        }

                        break;
                }
            }
        }

        return new BulkPreview(ids.Count, willReceive, noConsent, noAddress, sample, sampleCustomer);
    }

    public async Task<BulkResult> SendAsync(BulkMessageRequest request, IProgress<BulkProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var (ids, business) = await StartAsync(request, cancellationToken);
        int queued = 0, already = 0, noConsent = 0, noAddress = 0, done = 0;
        progress?.Report(new BulkProgress(0, ids.Count, 0));
        foreach (var chunk in ids.Chunk(ChunkSize))
        {
            if (cancellationToken.IsCancellationRequested)
            {
                return new BulkResult(ids.Count, queued, already, noConsent, noAddress, Cancelled: true);
            }

            await using var db = await dbFactory.OpenAsync(CancellationToken.None);
            var keys = chunk.Select(id => Key(request, id)).ToList();
            var queuedBefore = (await db.OutboxMessages.AsNoTracking().Where(m => m.IdempotencyKey != null && keys.Contains(m.IdempotencyKey))
                .Select(m => m.IdempotencyKey!).ToListAsync(CancellationToken.None)).ToHashSet();
            foreach (var recipient in await LoadAsync(chunk, request.Audience.DivisionId, CancellationToken.None))
            {
                var key = Key(request, recipient.Customer.Id);
                if (queuedBefore.Contains(key))
                {
                    already++;
                    continue;
                }

                switch (Check(request, recipient, out var to))
                {
                    case Outcome.NoConsent:
                        noConsent++;
                        continue;
                    case Outcome.NoAddress:
                        noAddress++;
                        continue;
                }

                var rendered = Render(request, recipient, business);
                Outbox.Queue(db, new OutgoingMessage(recipient.Customer.Id, request.Channel, request.Type, rendered.Subject, rendered.TextBody,
                    rendered.HtmlBody, DivisionAccountId: recipient.Account.Id, IdempotencyKey: key), to!, currentUser.UserName, clock.UtcNow);
                queued++;
            }

            await db.SaveOrExplainAsync(CancellationToken.None);
            signal.Notify();
            done += chunk.Length;
            progress?.Report(new BulkProgress(done, ids.Count, queued));
        }

        return new BulkResult(ids.Count, queued, already, noConsent, noAddress, Cancelled: false);
    }

    private static string Key(BulkMessageRequest request, int customerId) => $"bulk:{request.RequestId:N}:{customerId}";

    /// <summary>Checks the request and finds the matching customers, by id.</summary>
    private async Task<(List<int> Ids, (string Name, string Currency) Business)> StartAsync(BulkMessageRequest request, CancellationToken cancellationToken)
    {
        currentUser.Require(Senders);
        currentUser.RequireDivision(request.Audience.DivisionId);
        if (request.Channel is not (CommunicationChannel.Email or CommunicationChannel.Sms or CommunicationChannel.WhatsApp))
        {
            throw new DomainException("A bulk message goes by e-mail, SMS or WhatsApp.", "Channel");
        }

        if (request.Channel == CommunicationChannel.Email && string.IsNullOrWhiteSpace(request.Subject))
        {
            throw new DomainException("An e-mail needs a subject.", "Subject");
        }

        if (string.IsNullOrWhiteSpace(request.Body))
        {
            throw new DomainException("The message is empty; write what it should say.", "Body");
        }

        // The text is checked once, up front: a bad placeholder refuses the whole send before anything is queued.
        templates.RenderText(request.Channel == CommunicationChannel.Email ? request.Subject : null, request.Body, request.Channel, MessageValues.Empty);
        var tag = string.IsNullOrWhiteSpace(request.Audience.Tag) ? null : request.Audience.Tag.Trim().ToLowerInvariant();
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var business = await db.Businesses.AsNoTracking().OrderBy(b => b.Id).Select(b => new { b.Name, b.Currency }).FirstAsync(cancellationToken);
        var ids = await (from a in db.DivisionAccounts.AsNoTracking()
                         join c in db.Customers.AsNoTracking() on a.CustomerId equals c.Id
                         where a.DivisionId == request.Audience.DivisionId && a.Status == DivisionAccountStatus.Active && c.IsActive
                               && c.PseudonymisedAtUtc == null
                               && (!request.Audience.OnlyWithBalance || a.Balance > 0)
                               && (tag == null || db.CustomerTags.Any(t => t.CustomerId == c.Id && t.Tag == tag))
                         orderby c.Id
                         select c.Id).ToListAsync(cancellationToken);
        return (ids, (business.Name, business.Currency));
    }

    private async Task<List<Recipient>> LoadAsync(int[] customerIds, int divisionId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        return (await (from a in db.DivisionAccounts.AsNoTracking()
                       join c in db.Customers.AsNoTracking() on a.CustomerId equals c.Id
                       where a.DivisionId == divisionId && customerIds.Contains(c.Id)
                       orderby c.Id
                       select new { c, a }).ToListAsync(cancellationToken)).Select(x => new Recipient(x.c, x.a)).ToList();
    }

    private enum Outcome
    {
        Send,
        NoConsent,
        NoAddress,
    }

    private static Outcome Check(BulkMessageRequest request, Recipient recipient, out string? to)
    {
        to = null;
        try
        {
            Outbox.RequireConsent(request.Type, request.Channel, recipient.Account);
        }
        catch (DomainException)
        {
            return Outcome.NoConsent;
        }

        try
        {
            to = Outbox.AddressFor(recipient.Customer, request.Channel);
            return Outcome.Send;
        }
        catch (DomainException)
        {
            return Outcome.NoAddress;
        }
    }

    private RenderedMessage Render(BulkMessageRequest request, Recipient recipient, (string Name, string Currency) business)
    {
        var values = MessageValues.ForCustomer(recipient.Customer, business.Name, MessageValues.FormatMoney(business.Currency, recipient.Account.Balance));
        return templates.RenderText(request.Channel == CommunicationChannel.Email ? request.Subject : null, request.Body, request.Channel, values);
    }
}
