using CustomerManager.Domain.Common;
using CustomerManager.Domain.Communications;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Domain.Messaging;

/// <summary>
/// A message typed for one customer. <see cref="RequestId"/> is made when the form opens, so a double click or a retried
/// request queues one message. A marketing message names the division whose consent it relies on.
/// </summary>
public sealed record CustomerMessageRequest(
    Guid RequestId, CommunicationChannel Channel, CommunicationType Type, string? Subject, string Body, int? DivisionId = null);

/// <summary>
/// Sending from the screens (issue 16): one customer at a time for clerks, credit managers and admins. Every message goes
/// through the outbox; the sender delivers it after the commit.
/// </summary>
public sealed class MessageService(
    ICustomerDbFactory dbFactory, ICurrentUser currentUser, BusinessTime clock, OutboxSignal signal, Templates.MessageTemplateService templates)
{
    private static readonly string[] Senders = [Roles.Clerk, Roles.CreditManager, Roles.Admin];

    public async Task<OutboxMessage> SendToCustomerAsync(int customerId, CustomerMessageRequest request, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Senders);
        if (request.Type == CommunicationType.Marketing && request.DivisionId is null)
        {
            throw new DomainException("Choose the division a marketing message is sent for: its consent is checked.", "Division");
        }

        if (request.DivisionId is { } divisionId)
        {
            currentUser.RequireDivision(divisionId);
        }

        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var key = $"customer:{customerId}:{request.RequestId:N}";
        if (await db.OutboxMessages.AsNoTracking().FirstOrDefaultAsync(m => m.IdempotencyKey == key, cancellationToken) is { } already)
        {
            return already;
        }

        var customer = await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == customerId, cancellationToken)
            ?? throw new NotFoundException("That customer does not exist.");
        var account = request.DivisionId is { } division
            ? await db.DivisionAccounts.AsNoTracking().FirstOrDefaultAsync(a => a.CustomerId == customerId && a.DivisionId == division, cancellationToken)
            : null;
        Outbox.RequireConsent(request.Type, request.Channel, account);
        var to = Outbox.AddressFor(customer, request.Channel);
        if (string.IsNullOrWhiteSpace(request.Body))
        {
            throw new DomainException("The message is empty; write what it should say.", "Body");
        }

        // The text may use the same placeholders as a free-text template ({{FirstName}}, {{Balance}}...), checked the same way.
        var subject = request.Channel == CommunicationChannel.Email ? request.Subject?.Trim() : null;
        if (request.Channel == CommunicationChannel.Email && string.IsNullOrWhiteSpace(subject))
        {
            throw new DomainException("An e-mail needs a subject.", "Subject");
        }

        var rendered = templates.RenderText(subject, request.Body.Trim(), request.Channel, await templates.ValuesForCustomerAsync(customerId, cancellationToken));
        var message = Outbox.Queue(db, new OutgoingMessage(
            customerId, request.Channel, request.Type, rendered.Subject, rendered.TextBody, rendered.HtmlBody,
            DivisionAccountId: account?.Id, IdempotencyKey: key), to, currentUser.UserName, clock.UtcNow);
        await db.SaveOrExplainAsync(cancellationToken);
        signal.Notify();
        return message;
    }
}
