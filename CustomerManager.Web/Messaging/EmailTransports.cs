using System.Net.Sockets;
using CustomerManager.Domain.Communications;
using CustomerManager.Domain.Messaging;
using MailKit;
using MailKit.Net.Smtp;
using MimeKit;

namespace CustomerManager.Web.Messaging;

/// <summary>The MIME message for an outbox e-mail: text and HTML alternatives, the attachment, a stable Message-ID.</summary>
public static class EmailMessages
{
    public static MimeMessage Build(OutboundEnvelope envelope, SmtpOptions options)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(options.FromName, options.From));
        message.To.Add(MailboxAddress.Parse(envelope.To));
        message.Subject = envelope.Subject ?? "";
        // The same on every attempt: a receiver that got it before the crash can tell the repeat.
        var domain = options.From.Contains('@') ? options.From[(options.From.IndexOf('@') + 1)..] : "customermanager.local";
        message.MessageId = $"{envelope.MessageKey}@{domain}";
        var body = new BodyBuilder { TextBody = envelope.TextBody, HtmlBody = envelope.HtmlBody };
        foreach (var attachment in envelope.Attachments)
        {
            body.Attachments.Add(attachment.FileName, attachment.Content, ContentType.Parse(attachment.ContentType));
        }

        message.Body = body.ToMessageBody();
        return message;
    }

    /// <summary>
    /// Why the attachments cannot go by e-mail (above <see cref="SmtpOptions.MaxAttachmentMegabytes"/>: most mail servers
    /// refuse larger messages, and retrying would not change that); null when they can.
    /// </summary>
    public static string? TooLarge(OutboundEnvelope envelope, SmtpOptions options)
    {
        var bytes = envelope.Attachments.Sum(a => (long)a.Content.Length);
        var limit = options.MaxAttachmentMegabytes * 1024L * 1024L;
        return options.MaxAttachmentMegabytes > 0 && bytes > limit
            ? $"The attachment is {bytes / 1024.0 / 1024.0:N1} MB, more than the {options.MaxAttachmentMegabytes} MB an e-mail may carry here (Messaging:Smtp:MaxAttachmentMegabytes); send a link or print it instead."
            : null;
    }
}

/// <summary>
/// Development and any install without an SMTP server: each e-mail is written as an .eml file (opens in any mail
/// client) to the pickup folder, and the outbox page shows it as sent to the folder.
/// </summary>
public sealed class PickupFolderEmailTransport(string folder, SmtpOptions options) : IMessageTransport
{
    public CommunicationChannel Channel => CommunicationChannel.Email;

    public string? NotConfiguredReason => null;

    public int PerMinuteLimit => 0;

    public string Folder => folder;

    public async Task<DeliveryResult> SendAsync(OutboundEnvelope envelope, CancellationToken cancellationToken)
    {
        if (EmailMessages.TooLarge(envelope, options) is { } tooLarge)
        {
            return DeliveryResult.Refused(tooLarge);
        }

        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"{envelope.MessageKey}.eml");
        // Written under a temporary name and renamed, so a reader never sees half a message.
        var temporary = path + ".tmp";
        await EmailMessages.Build(envelope, options).WriteToAsync(temporary, cancellationToken);
        File.Move(temporary, path, overwrite: true);
        return DeliveryResult.Sent($"Written to the pickup folder as {Path.GetFileName(path)}");
    }
}

/// <summary>
/// E-mail over SMTP with MailKit. One connection is kept open between messages (a bulk send does not reconnect for each)
/// and reopened when the server has dropped it. 5xx replies about the recipient or the message are permanent; anything
/// else (4xx, time-outs, refused connections) is tried again later by the outbox.
/// </summary>
public sealed class SmtpEmailTransport(SmtpOptions options, ILogger<SmtpEmailTransport> logger) : IMessageTransport, IAsyncDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private SmtpClient? client;
    private long lastUsed;

    public CommunicationChannel Channel => CommunicationChannel.Email;

    public string? NotConfiguredReason => null;

    public int PerMinuteLimit => options.PerMinute;

    public async Task<DeliveryResult> SendAsync(OutboundEnvelope envelope, CancellationToken cancellationToken)
    {
        if (EmailMessages.TooLarge(envelope, options) is { } tooLarge)
        {
            return DeliveryResult.Refused(tooLarge);
        }

        MimeMessage message;
        try
        {
            message = EmailMessages.Build(envelope, options);
        }
        catch (ParseException e)
        {
            return DeliveryResult.Refused($"The address '{envelope.To}' is not valid: {e.Message}");
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            var smtp = await ConnectedAsync(cancellationToken);
            var reply = await smtp.SendAsync(message, cancellationToken);
            // MailKit returns the text of the final 250 reply (often the server's queue id).
            return DeliveryResult.Sent($"250 {reply}");
        }
        catch (SmtpCommandException e)
        {
            await DropAsync();
            var text = $"{(int)e.StatusCode} {e.Message}";
            // 5xx is the server's final word on this message or recipient; 4xx means "not now".
            return (int)e.StatusCode >= 500 ? DeliveryResult.Refused(text) : DeliveryResult.TryLater(text);
        }
        catch (Exception e) when (e is SmtpProtocolException or ServiceNotConnectedException or ServiceNotAuthenticatedException
                                      or SocketException or IOException or TimeoutException or MailKit.Security.AuthenticationException
                                      or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            await DropAsync();
            logger.LogWarning(e, "SMTP send to {Host}:{Port} failed", options.Host, options.Port);
            return DeliveryResult.TryLater($"{e.GetType().Name}: {e.Message}");
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<SmtpClient> ConnectedAsync(CancellationToken cancellationToken)
    {
        if (client is { IsConnected: true } && System.Diagnostics.Stopwatch.GetElapsedTime(lastUsed) < TimeSpan.FromSeconds(10))
        {
            lastUsed = System.Diagnostics.Stopwatch.GetTimestamp();
            return client;
        }

        if (client is { IsConnected: true })
        {
            try
            {
                // A connection the server closed while idle answers nothing: find out now, not halfway through a message.
                await client.NoOpAsync(cancellationToken);
                lastUsed = System.Diagnostics.Stopwatch.GetTimestamp();
                return client;
            }
            catch (Exception e) when (e is SmtpProtocolException or IOException or SmtpCommandException or ServiceNotConnectedException)
            {
                await DropAsync();
            }
        }

        client = new SmtpClient { Timeout = options.TimeoutSeconds * 1000 };
        await client.ConnectAsync(options.Host, options.Port, options.Security, cancellationToken);
        if (options.UserName.Length > 0)
        {
            await client.AuthenticateAsync(options.UserName, options.Password, cancellationToken);
        }

        lastUsed = System.Diagnostics.Stopwatch.GetTimestamp();
        return client;
    }

    private async Task DropAsync()
    {
        if (client is null)
        {
            return;
        }

        try
        {
            if (client.IsConnected)
            {
                await client.DisconnectAsync(quit: false);
            }
        }
        catch (Exception e) when (e is IOException or SmtpProtocolException or SocketException)
        {
            // Already gone.
        }

        client.Dispose();
        client = null;
    }

    public async ValueTask DisposeAsync()
    {
        await DropAsync();
        gate.Dispose();
    }
}
