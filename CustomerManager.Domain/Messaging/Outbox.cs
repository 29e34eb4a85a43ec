using CustomerManager.Domain.Accounts;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Communications;
using CustomerManager.Domain.Customers;

namespace CustomerManager.Domain.Messaging;

/// <summary>A message ready to queue: rendered text, who it is for and what it is about.</summary>
public sealed record OutgoingMessage(
    int CustomerId,
    CommunicationChannel Channel,
    CommunicationType Type,
    string? Subject,
    string TextBody,
    string? HtmlBody = null,
    AttachmentKind AttachmentKind = AttachmentKind.None,
    string? AttachmentNumber = null,
    int? LaybyId = null,
    int? DivisionAccountId = null,
    long? StatementId = null,
    string? IdempotencyKey = null);

/// <summary>
/// Writes messages into the outbox of an open unit of work, so they commit or roll back with the business change that
/// caused them (the transactional outbox): a payment and its receipt e-mail, a statement run and its e-mails. Nothing is
/// sent here; the sender picks the rows up after the commit.
/// </summary>
public static class Outbox
{
    public const int SmsMaxLength = 918; // six concatenated SMS parts of 153 characters
    public const int EmailBodyMaxLength = 100_000;

    /// <summary>The address a message on <paramref name="channel"/> goes to, or a clear refusal naming what is missing.</summary>
    public static string AddressFor(Customer customer, CommunicationChannel channel)
    {
        switch (channel)
        {
            case CommunicationChannel.Email:
                if (string.IsNullOrWhiteSpace(customer.PrimaryEmail))
                {
                    throw new DomainException($"{customer.FullName} has no e-mail address; add one on the customer first.", "Channel");
                }

                // Stored addresses were checked when saved; an import or an old row may hold a bad one.
                return ContactNormalisation.NormaliseEmail(customer.PrimaryEmail, "Channel")!;
            case CommunicationChannel.Sms or CommunicationChannel.WhatsApp:
                if (string.IsNullOrWhiteSpace(customer.PrimaryPhone) || !customer.PrimaryPhone.StartsWith('+'))
                {
                    throw new DomainException($"{customer.FullName} has no mobile number in international form for {Name(channel)}.", "Channel");
                }

                return customer.PrimaryPhone;
            default:
                throw new DomainException("The system sends e-mail, SMS and WhatsApp; log calls, letters and visits by hand.", "Channel");
        }
    }

    /// <summary>
    /// DOMAIN.md §8: a marketing message needs the customer's marketing consent and the channel's consent on the
    /// division account it is sent for. Service messages (receipts, statements, reminders) need no consent.
    /// </summary>
    public static void RequireConsent(CommunicationType type, CommunicationChannel channel, DivisionAccount? account)
    {
        if (type != CommunicationType.Marketing)
        {
            return;
        }

        if (account is null)
        {
            throw new DomainException("A marketing message is sent for a division: the customer has no account there, so no consent.", "Consent");
        }

        if (!account.MarketingConsent)
        {
            throw new DomainException($"No marketing consent on account {account.AccountNumber}.", "Consent");
        }

        var channelConsent = channel == CommunicationChannel.Email ? account.EmailConsent : account.SmsConsent;
        if (!channelConsent)
        {
            throw new DomainException($"No {Name(channel)} consent on account {account.AccountNumber}.", "Consent");
        }
    }

    /// <summary>
    /// Adds the timeline entry and the outbox row for <paramref name="message"/> to <paramref name="db"/> without saving:
    /// the caller's SaveChanges commits them with its own change.
    /// </summary>
    public static OutboxMessage Queue(ICustomerDb db, OutgoingMessage message, string to, string queuedBy, DateTime nowUtc)
    {
        Validate(message);
        var communication = Communication.Outgoing(
            message.CustomerId, message.Channel, message.Type, message.Subject, message.TextBody, queuedBy, nowUtc,
            message.LaybyId, message.DivisionAccountId, message.StatementId);
        var outboxMessage = new OutboxMessage(
            message.CustomerId, communication, to, message.Subject, message.TextBody, message.HtmlBody,
            message.AttachmentKind, message.AttachmentNumber, message.IdempotencyKey, queuedBy, nowUtc);
        db.Communications.Add(communication);
        db.OutboxMessages.Add(outboxMessage);
        return outboxMessage;
    }

    private static void Validate(OutgoingMessage message)
    {
        if (string.IsNullOrWhiteSpace(message.TextBody))
        {
            throw new DomainException("The message is empty; write what it should say.", "Body");
        }

        if (message.Channel == CommunicationChannel.Email)
        {
            if (string.IsNullOrWhiteSpace(message.Subject))
            {
                throw new DomainException("An e-mail needs a subject.", "Subject");
            }

            if (message.Subject.Length > Communication.SubjectMaxLength)
            {
                throw new DomainException($"The subject can be at most {Communication.SubjectMaxLength} characters.", "Subject");
            }

            if (message.TextBody.Length > EmailBodyMaxLength || message.HtmlBody?.Length > EmailBodyMaxLength)
            {
                throw new DomainException($"An e-mail can be at most {EmailBodyMaxLength:N0} characters.", "Body");
            }
        }
        else if (message.TextBody.Length > SmsMaxLength)
        {
            throw new DomainException(
                $"A text message can be at most {SmsMaxLength} characters (six SMS parts); this one has {message.TextBody.Length}.", "Body");
        }
    }

    public static string Name(CommunicationChannel channel) => channel switch
    {
        CommunicationChannel.Email => "e-mail",
        CommunicationChannel.Sms => "SMS",
        CommunicationChannel.WhatsApp => "WhatsApp",
        _ => channel.ToString(),
    };
}
