using CustomerManager.Domain.Common;
using CustomerManager.Domain.Communications;

namespace CustomerManager.Domain.Messaging;

/// <summary>Where a message is on its way out (DOMAIN.md §8).</summary>
public enum OutboxStatus
{
    /// <summary>Waiting for the sender: new, waiting for a retry, or waiting for a provider to be configured.</summary>
    Queued,

    /// <summary>The server or provider accepted it.</summary>
    Sent,

    /// <summary>Refused for good, or out of attempts. An admin may retry it.</summary>
    Failed,

    /// <summary>Withdrawn by an admin before it went.</summary>
    Cancelled,
}

/// <summary>A document the sender renders and attaches when it sends (a receipt or statement PDF by its number).</summary>
public enum AttachmentKind
{
    None,
    Receipt,
    Statement,
}

/// <summary>
/// One message to one customer on e-mail, SMS or WhatsApp, written in the same transaction as the business change that
/// caused it (the transactional outbox). The sender claims it with a lease (<see cref="LockedUntilUtc"/>) so that one
/// node sends it, records the server's answer, and retries with back-off; its <see cref="Communication"/> row on the
/// customer's timeline follows its status.
/// </summary>
public class OutboxMessage : IVersioned, IBelongsToCustomer, IHoldsPersonalData
{
    public const int MaxAttempts = 6;
    public const int ErrorMaxLength = 1000;
    public const int IdempotencyKeyMaxLength = 200;

    /// <summary>Waits after the 1st, 2nd, ... failed attempt (a server that is down for an hour loses nothing).</summary>
    public static readonly TimeSpan[] Backoff =
        [TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2)];

    public int Id { get; private set; }

    public int CustomerId { get; private set; }

    /// <summary>The timeline entry that shows this message on the customer's profile.</summary>
    public int CommunicationId { get; private set; }

    public CommunicationChannel Channel { get; private set; }

    public CommunicationType Type { get; private set; }

    /// <summary>An e-mail address or an E.164 phone number, checked for the channel when queued.</summary>
    public string To { get; private set; } = "";

    public string? Subject { get; private set; }

    public string TextBody { get; private set; } = "";

    public string? HtmlBody { get; private set; }

    public AttachmentKind AttachmentKind { get; private set; }

    /// <summary>The receipt or statement number to render and attach.</summary>
    public string? AttachmentNumber { get; private set; }

    /// <summary>Makes a send request idempotent: a second request with the same key queues nothing.</summary>
    public string? IdempotencyKey { get; private set; }

    public OutboxStatus Status { get; private set; }

    public int Attempts { get; private set; }

    public DateTime NextAttemptAtUtc { get; private set; }

    /// <summary>While set and in the future, one sender holds the message; a crashed sender's lease runs out.</summary>
    public DateTime? LockedUntilUtc { get; private set; }

    public string? LockedBy { get; private set; }

    /// <summary>The last answer that was not a success (the server's reply, a time-out, "no provider configured").</summary>
    public string? LastError { get; private set; }

    /// <summary>The server's or provider's answer on success (e.g. the SMTP reply or the provider's message id).</summary>
    public string? ProviderReply { get; private set; }

    public DateTime? SentAtUtc { get; private set; }

    public string QueuedBy { get; private set; } = "";

    public DateTime CreatedAtUtc { get; private set; }

    public int Version { get; set; }

    private OutboxMessage()
    {
    }

    internal OutboxMessage(int customerId, Communication communication, string to, string? subject, string textBody, string? htmlBody,
        AttachmentKind attachmentKind, string? attachmentNumber, string? idempotencyKey, string queuedBy, DateTime nowUtc)
    {
        if (communication.Channel is not (CommunicationChannel.Email or CommunicationChannel.Sms or CommunicationChannel.WhatsApp))
        {
            throw new DomainException("Only e-mail, SMS and WhatsApp messages are sent by the system.", "Channel");
        }

        if ((attachmentKind == AttachmentKind.None) != string.IsNullOrEmpty(attachmentNumber))
        {
            throw new ArgumentException("An attachment needs both its kind and its number.", nameof(attachmentNumber));
        }

        if (attachmentKind != AttachmentKind.None && communication.Channel != CommunicationChannel.Email)
        {
            throw new DomainException("Only an e-mail can carry a PDF; send a text message without it.", "Channel");
        }

        CustomerId = customerId;
        Communication = communication;
        Channel = communication.Channel;
        Type = communication.Type;
        To = to;
        Subject = subject;
        TextBody = textBody;
        HtmlBody = htmlBody;
        AttachmentKind = attachmentKind;
        AttachmentNumber = attachmentNumber;
        IdempotencyKey = idempotencyKey is { Length: > IdempotencyKeyMaxLength } ? idempotencyKey[..IdempotencyKeyMaxLength] : idempotencyKey;
        Status = OutboxStatus.Queued;
        NextAttemptAtUtc = nowUtc;
        QueuedBy = queuedBy;
        CreatedAtUtc = nowUtc;
    }

    /// <summary>Navigation for writing both rows in one save; not loaded on reads.</summary>
    public Communication? Communication { get; private set; }

    /// <summary>The server or provider accepted the message.</summary>
    public void RecordSent(string? reply, DateTime nowUtc)
    {
        Status = OutboxStatus.Sent;
        Attempts++;
        SentAtUtc = nowUtc;
        ProviderReply = Truncate(reply);
        LastError = null;
        (LockedUntilUtc, LockedBy) = (null, null);
    }

    /// <summary>
    /// An attempt that did not succeed. A permanent refusal (an address the server rejects) or the last attempt fails the
    /// message; otherwise it waits for the next attempt by the back-off table.
    /// </summary>
    public void RecordFailure(string error, bool permanent, DateTime nowUtc)
    {
        Attempts++;
        LastError = Truncate(error);
        (LockedUntilUtc, LockedBy) = (null, null);
        if (permanent || Attempts >= MaxAttempts)
        {
            Status = OutboxStatus.Failed;
            return;
        }

        NextAttemptAtUtc = nowUtc + Backoff[Math.Min(Attempts, Backoff.Length) - 1];
    }

    /// <summary>Nobody can send it yet (no provider for the channel): it stays queued, says why, and is looked at again later.</summary>
    public void WaitForProvider(string reason, DateTime nowUtc, TimeSpan recheckAfter)
    {
        LastError = Truncate(reason);
        NextAttemptAtUtc = nowUtc + recheckAfter;
        (LockedUntilUtc, LockedBy) = (null, null);
    }

    /// <summary>An admin sends a failed message again: a fresh set of attempts, now.</summary>
    public void Retry(DateTime nowUtc)
    {
        if (Status != OutboxStatus.Failed)
        {
            throw new DomainException("Only a failed message can be retried; a queued one is still being tried.", "Status");
        }

        Status = OutboxStatus.Queued;
        Attempts = 0;
        NextAttemptAtUtc = nowUtc;
        (LockedUntilUtc, LockedBy) = (null, null);
    }

    /// <summary>An admin withdraws a message that has not gone yet.</summary>
    public void Cancel()
    {
        if (Status != OutboxStatus.Queued)
        {
            throw new DomainException("Only a queued message can be cancelled; this one has already been sent or has failed.", "Status");
        }

        Status = OutboxStatus.Cancelled;
        (LockedUntilUtc, LockedBy) = (null, null);
    }

    public void MoveToCustomer(int customerId) => CustomerId = customerId;

    private static readonly string[] PersonalFields = [nameof(To), nameof(Subject), nameof(TextBody), nameof(HtmlBody)];

    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyCollection<string> PersonalProperties => PersonalFields;

    /// <summary>The address and the words sent are about the customer: a pseudonymisation removes them whole.</summary>
    public void RemovePersonalData(IReadOnlyList<string> personalValues)
    {
        To = Pseudonym.Removed;
        Subject = Subject is null ? null : Pseudonym.Removed;
        TextBody = Pseudonym.Removed;
        HtmlBody = HtmlBody is null ? null : Pseudonym.Removed;
        if (Status == OutboxStatus.Queued)
        {
            Status = OutboxStatus.Cancelled;
        }
    }

    private static string? Truncate(string? text) => text is { Length: > ErrorMaxLength } ? text[..ErrorMaxLength] : text;
}
