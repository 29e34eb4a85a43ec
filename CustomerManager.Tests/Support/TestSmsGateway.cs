using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CustomerManager.Tests.Support;

/// <summary>
/// A local HTTP endpoint that behaves like a typical SMS gateway's JSON API (Kestrel on a free port): it records each
/// request (body and Authorization header) and answers with the status codes a test lines up, else 200 with an id.
/// </summary>
public sealed class TestSmsGateway : IAsyncDisposable
{
    private readonly WebApplication app;

    public sealed record Request(string Body, string? Authorization, string? IdempotencyKey);

    private TestSmsGateway(WebApplication app, string url)
    {
        this.app = app;
        Url = url;
    }

    public string Url { get; }

    public ConcurrentQueue<Request> Requests { get; } = new();

    public ConcurrentQueue<HttpStatusCode> Replies { get; } = new();

    public static async Task<TestSmsGateway> StartAsync()
    {
        var port = TestSmtpServer.FreePort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var gateway = new TestSmsGateway(app, $"http://127.0.0.1:{port}/api/messages");
        app.MapPost("/api/messages", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            gateway.Requests.Enqueue(new Request(body, context.Request.Headers.Authorization.ToString(), context.Request.Headers["Idempotency-Key"].ToString()));
            if (gateway.Replies.TryDequeue(out var status))
            {
                return Results.Text($"{{\"error\":\"{(int)status}\"}}", "application/json", statusCode: (int)status);
            }

            return Results.Text($"{{\"id\":\"sms-{gateway.Requests.Count}\"}}", "application/json");
        });
        await app.StartAsync();
        return gateway;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
