using CustomerManager.Domain.Communications;
using CustomerManager.Domain.Messaging;
using CustomerManager.Web.Messaging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CustomerManager.Tests.Messaging;

/// <summary>An e-mail whose attachment is above the configured size fails for good with why, before anything is sent.</summary>
public class EmailAttachmentLimitTests
{
    private static OutboundEnvelope Envelope(int bytes) => new(7, CommunicationChannel.Email, "thandi@example.com", "Statement", "Attached.", null,
        [new MessageAttachment("STM-CLO-202611-000001.pdf", "application/pdf", new byte[bytes])]);

    [Fact]
    public async Task The_pickup_folder_refuses_an_attachment_above_the_limit_and_writes_nothing()
    {
        var folder = Path.Combine(Path.GetTempPath(), "cm-pickup-" + Guid.NewGuid().ToString("N"));
        var transport = new PickupFolderEmailTransport(folder, new SmtpOptions { MaxAttachmentMegabytes = 1 });
        try
        {
            var refused = await transport.SendAsync(Envelope(1024 * 1024 + 1), CancellationToken.None);
            Assert.Equal((false, true), (refused.Accepted, refused.Permanent));
            Assert.Contains("1.0 MB, more than the 1 MB an e-mail may carry", refused.Reply);
            Assert.False(Directory.Exists(folder) && Directory.EnumerateFiles(folder).Any());

            var sent = await transport.SendAsync(Envelope(1024 * 1024), CancellationToken.None);
            Assert.True(sent.Accepted);
            Assert.Single(Directory.EnumerateFiles(folder, "*.eml"));
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    [Fact]
    public async Task Smtp_refuses_it_before_connecting()
    {
        // No server listens on this port: a transport that tried to send would answer "try later", not a refusal.
        await using var transport = new SmtpEmailTransport(
            new SmtpOptions { Host = "127.0.0.1", Port = 9, MaxAttachmentMegabytes = 2, TimeoutSeconds = 2 }, NullLogger<SmtpEmailTransport>.Instance);
        var refused = await transport.SendAsync(Envelope(3 * 1024 * 1024), CancellationToken.None);
        Assert.Equal((false, true), (refused.Accepted, refused.Permanent));
        Assert.Contains("3.0 MB, more than the 2 MB", refused.Reply);

        var tried = await transport.SendAsync(Envelope(1024), CancellationToken.None);
        Assert.Equal((false, false), (tried.Accepted, tried.Permanent));
    }
}
