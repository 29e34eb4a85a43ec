using CustomerManager.Domain.Common;

namespace CustomerManager.Domain.Communications;

/// <summary>How a message travelled (DOMAIN.md §8; seed CustomerCommunication).</summary>
public enum CommunicationChannel
{
    Email,
    Sms,
    WhatsApp,
    PhoneCall,
    Letter,
    Visit,
}

/// <summary>What the contact was about: marketing ones need the channel's consent before they are sent.</summary>
public enum CommunicationType
{
    General,
    Service,
    Reminder,
    Receipt,
    Statement,
    Collections,
    Complaint,
    Marketing,
}

public enum CommunicationDirection
{
    /// <summary>Customer to business.</summary>
    Inbound,

    /// <summary>Business to customer.</summary>
    Outbound,
}

public enum CommunicationStatus
{
    Queued,
    Sent,
    Delivered,
    Failed,
    Bounced,
}

/// <summary>A contact logged by hand: a call, a visit, a letter, or a message that came in.</summary>
public sealed record CommunicationInput(
    CommunicationChannel Channel, CommunicationDirection Direction, CommunicationType Type, string? Subject, string? Body,
    DateTime? OccurredAtUtc = null, int? LaybyId = null, int? DivisionAccountId = null);

/// <summary>
/// One contact with a customer, in either direction, on any channel, with its status and what it was about (a layby,
/// an account). Logged by hand for calls, visits and letters; the outbox adds the messages the system sends.
/// </summary>
public class Communication : IVersioned, IBelongsToCustomer, IHoldsPersonalData
{
    public const int SubjectMaxLength = 200;
    public const int BodyMaxLength = 10_000;

    public int Id { get; private set; }

    public int CustomerId { get; private set; }

    public CommunicationChannel Channel { get; private set; }

    public CommunicationDirection Direction { get; private set; }

    public CommunicationType Type { get; private set; }

    public CommunicationStatus Status { get; private set; }

    public string? Subject { get; private set; }

    public string Body { get; private set; } = "";

    public int? LaybyId { get; private set; }

    public int? DivisionAccountId { get; private set; }

    /// <summary>The statement a message carried (set on statement e-mails; statements themselves never change).</summary>
    public long? StatementId { get; private set; }

    /// <summary>When the contact happened (a call logged afterwards keeps the time it took place).</summary>
    public DateTime OccurredAtUtc { get; private set; }

    public string LoggedBy { get; private set; } = "";

    public DateTime CreatedAtUtc { get; private set; }

    public int Version { get; set; }

    private Communication()
    {
    }

    /// <summary>A contact that already happened, logged by a person: delivered (it reached the other side).</summary>
    public static Communication Logged(int customerId, CommunicationInput input, string loggedBy, DateTime nowUtc)
    {
        foreach (var (value, name) in new (Enum, string)[] { (input.Channel, "channel"), (input.Direction, "direction"), (input.Type, "kind of contact") })
        {
            if (!Enum.IsDefined(value.GetType(), value))
            {
                throw new DomainException($"Choose the {name}.", TextRules.Words(value.GetType().Name.Replace("Communication", "")));
            }
        }

        var occurred = input.OccurredAtUtc ?? nowUtc;
        if (occurred > nowUtc.AddMinutes(5))
        {
            throw new DomainException("A contact is logged once it has happened: the time is in the future.", "OccurredAt");
        }

        if (occurred < nowUtc.AddYears(-5))
        {
            throw new DomainException("That is more than five years ago; check the date.", "OccurredAt");
        }

        return new Communication
        {
            CustomerId = customerId,
            Channel = input.Channel,
            Direction = input.Direction,
            Type = input.Type,
            Status = CommunicationStatus.Delivered,
            Subject = TextRules.Optional(input.Subject, SubjectMaxLength, "subject", "Subject"),
            Body = TextRules.Required(input.Body, BodyMaxLength, "notes of what was said", "Body"),
            LaybyId = input.LaybyId,
            DivisionAccountId = input.DivisionAccountId,
            OccurredAtUtc = occurred,
            LoggedBy = loggedBy,
            CreatedAtUtc = nowUtc,
        };
    }

    /// <summary>
    /// A message the system is about to send: queued on the timeline now, it follows its outbox row to sent or failed.
    /// </summary>
    public static Communication Outgoing(
        int customerId, CommunicationChannel channel, CommunicationType type, string? subject, string body, string queuedBy, DateTime nowUtc,
        int? laybyId = null, int? divisionAccountId = null, long? statementId = null) =>
        new()
        {
            CustomerId = customerId,
            Channel = channel,
            Direction = CommunicationDirection.Outbound,
            Type = type,
            Status = CommunicationStatus.Queued,
            Subject = subject is { Length: > SubjectMaxLength } ? subject[..SubjectMaxLength] : subject,
            Body = body.Length > BodyMaxLength ? body[..BodyMaxLength] : body,
            LaybyId = laybyId,
            DivisionAccountId = divisionAccountId,
            StatementId = statementId,
            OccurredAtUtc = nowUtc,
            LoggedBy = queuedBy,
            CreatedAtUtc = nowUtc,
        };

    /// <summary>The outbox sent the message (it happened now) or gave up on it.</summary>
    public void FollowOutbox(Messaging.OutboxStatus status, DateTime nowUtc)
    {
        (Status, OccurredAtUtc) = status switch
        {
            Messaging.OutboxStatus.Sent => (CommunicationStatus.Sent, nowUtc),
            Messaging.OutboxStatus.Failed or Messaging.OutboxStatus.Cancelled => (CommunicationStatus.Failed, OccurredAtUtc),
            _ => (CommunicationStatus.Queued, OccurredAtUtc),
        };
    }

    public void MoveToCustomer(int customerId) => CustomerId = customerId;

    private static readonly string[] PersonalFields = [nameof(Subject), nameof(Body)];

    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyCollection<string> PersonalProperties => PersonalFields;

    /// <summary>What was said is free text about the customer: a pseudonymisation removes it whole.</summary>
    public void RemovePersonalData(IReadOnlyList<string> personalValues) =>
        (Subject, Body) = (Subject is null ? null : Pseudonym.Removed, Pseudonym.Removed);
}
