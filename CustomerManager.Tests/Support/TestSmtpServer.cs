using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace CustomerManager.Tests.Support;

/// <summary>
/// A real SMTP server in the test process (the SmtpServer package) on a free local port: it keeps every message it
/// accepted, parsed with MimeKit, and answers with the replies a test lines up (e.g. 451 once, then 250).
/// </summary>
public sealed class TestSmtpServer : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly Task running;
    private readonly Store store;

    public TestSmtpServer()
    {
        Port = FreePort();
        store = new Store();
        var options = new SmtpServerOptionsBuilder().ServerName("test-smtp").Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port))).Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(store);
        running = new SmtpServer.SmtpServer(options, services).StartAsync(stop.Token);
    }

    public int Port { get; }

    /// <summary>Messages accepted, in the order they arrived.</summary>
    public IReadOnlyList<MimeMessage> Received => [.. store.Accepted];

    /// <summary>The next messages are answered with these replies, one each, before the server accepts again.</summary>
    public void ReplyNext(params SmtpResponse[] replies)
    {
        foreach (var reply in replies)
        {
            store.Replies.Enqueue(reply);
        }
    }

    /// <summary>Waits until <paramref name="count"/> messages have arrived (or fails after the timeout).</summary>
    public async Task<IReadOnlyList<MimeMessage>> WaitForAsync(int count, TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (store.Accepted.Count < count)
        {
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"Expected {count} messages, the SMTP server received {store.Accepted.Count}.");
            }

            await Task.Delay(50);
        }

        return Received;
    }

    /// <summary>Waits until a message that matches has arrived (or fails after the timeout).</summary>
    public async Task<MimeMessage> WaitForMessageAsync(Func<MimeMessage, bool> match, TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            if (store.Accepted.FirstOrDefault(match) is { } found)
            {
                return found;
            }

            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"No matching message among the {store.Accepted.Count} the SMTP server received.");
            }

            await Task.Delay(100);
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        try
        {
            await running;
        }
        catch (OperationCanceledException)
        {
        }

        stop.Dispose();
    }

    private sealed class Store : MessageStore
    {
        public ConcurrentQueue<MimeMessage> Accepted { get; } = new();

        public ConcurrentQueue<SmtpResponse> Replies { get; } = new();

        public override async Task<SmtpResponse> SaveAsync(
            ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            if (Replies.TryDequeue(out var reply))
            {
                return reply;
            }

            await using var stream = new MemoryStream(buffer.ToArray());
            Accepted.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }
}
