using CustomerManager.Domain.Communications;

namespace CustomerManager.Domain.Messaging;

/// <summary>A file sent with an e-mail.</summary>
public sealed record MessageAttachment(string FileName, string ContentType, byte[] Content);

/// <summary>What a transport sends: the outbox row's content, its attachment rendered, and a stable key for the message.</summary>
public sealed record OutboundEnvelope(
    int MessageId, CommunicationChannel Channel, string To, string? Subject, string TextBody, string? HtmlBody,
    IReadOnlyList<MessageAttachment> Attachments)
{
    /// <summary>The same on every attempt (the e-mail's Message-ID, the SMS reference), so a receiver can spot a repeat.</summary>
    public string MessageKey => $"outbox-{MessageId}";
}

/// <summary>The server's or provider's answer to one attempt.</summary>
public sealed record DeliveryResult(bool Accepted, bool Permanent, string Reply)
{
    public static DeliveryResult Sent(string reply) => new(true, false, reply);

    /// <summary>Worth trying again later: a time-out, a refused connection, a "try later" reply.</summary>
    public static DeliveryResult TryLater(string reply) => new(false, false, reply);

    /// <summary>Will never succeed as it is: the address is refused, the message too large.</summary>
    public static DeliveryResult Refused(string reply) => new(false, true, reply);
}

/// <summary>
/// Delivers messages of one channel: SMTP (or the development pickup folder) for e-mail, an HTTP provider for SMS and
/// WhatsApp. The seam between the outbox and the outside world; implementations live in the web project.
/// </summary>
public interface IMessageTransport
{
    CommunicationChannel Channel { get; }

    /// <summary>Null when the transport can send; else why not (e.g. "No SMS provider is configured").</summary>
    string? NotConfiguredReason { get; }

    /// <summary>How many messages a minute it may send (0: no limit).</summary>
    int PerMinuteLimit { get; }

    /// <summary>One attempt. Never throws for a delivery problem: it says what happened.</summary>
    Task<DeliveryResult> SendAsync(OutboundEnvelope envelope, CancellationToken cancellationToken);
}

/// <summary>Renders the documents messages carry (receipt and statement PDFs), as the sender needs them.</summary>
public interface IMessageAttachments
{
    Task<MessageAttachment> RenderAsync(AttachmentKind kind, string number, CancellationToken cancellationToken);
}

/// <summary>Wakes the sender as soon as a unit of work that queued messages has committed (else it polls).</summary>
public sealed class OutboxSignal
{
    private readonly SemaphoreSlim signal = new(0, 1);

    public void Notify()
    {
        try
        {
            signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled: the sender will look once for all of them.
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => signal.WaitAsync(timeout, cancellationToken);
}
