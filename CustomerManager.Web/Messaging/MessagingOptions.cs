using MailKit.Security;

namespace CustomerManager.Web.Messaging;

/// <summary>The <c>Messaging</c> section: how the outbox sends. Secrets (passwords, tokens) belong in user secrets or the environment.</summary>
public sealed class MessagingOptions
{
    public const string Section = "Messaging";

    /// <summary>Whether this node runs the sender (every node may; the outbox's leases keep each message to one).</summary>
    public bool SenderEnabled { get; set; } = true;

    /// <summary>How often the sender looks for due messages when nothing woke it.</summary>
    public int PollSeconds { get; set; } = 5;

    /// <summary>Where e-mails are written when no SMTP host is set (default: mail-pickup in the data folder).</summary>
    public string PickupFolder { get; set; } = "";

    public SmtpOptions Smtp { get; set; } = new();

    public TextProviderOptions Sms { get; set; } = new();

    public TextProviderOptions WhatsApp { get; set; } = new();
}

public sealed class SmtpOptions
{
    /// <summary>Empty: no SMTP server; e-mails go to the pickup folder (development needs no set-up).</summary>
    public string Host { get; set; } = "";

    public int Port { get; set; } = 587;

    /// <summary>Auto, None, StartTls, StartTlsWhenAvailable or SslOnConnect (MailKit's <see cref="SecureSocketOptions"/>).</summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.Auto;

    public string UserName { get; set; } = "";

    public string Password { get; set; } = "";

    public string From { get; set; } = "accounts@example.com";

    public string FromName { get; set; } = "";

    /// <summary>Messages a minute at most (0: no limit), for servers that throttle senders.</summary>
    public int PerMinute { get; set; }

    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>The most an e-mail's attachments may weigh, in MB (0: no limit); a larger one fails at once with why.</summary>
    public int MaxAttachmentMegabytes { get; set; } = 10;
}

/// <summary>
/// An SMS or WhatsApp gateway with a JSON API: the body is <see cref="BodyTemplate"/> with <c>{{to}}</c>,
/// <c>{{from}}</c>, <c>{{text}}</c> and <c>{{reference}}</c> replaced by JSON-escaped values.
/// </summary>
public sealed class TextProviderOptions
{
    /// <summary>Empty: no provider; messages stay queued with "no provider configured".</summary>
    public string Url { get; set; } = "";

    /// <summary>Sent as a bearer token when set.</summary>
    public string Token { get; set; } = "";

    public string From { get; set; } = "";

    public string BodyTemplate { get; set; } = """{"to":"{{to}}","from":"{{from}}","text":"{{text}}","reference":"{{reference}}"}""";

    public int PerMinute { get; set; }

    public int TimeoutSeconds { get; set; } = 15;
}
