using System.Net;
using System.Text;
using System.Text.Json;
using CustomerManager.Domain.Communications;
using CustomerManager.Domain.Messaging;

namespace CustomerManager.Web.Messaging;

/// <summary>
/// SMS or WhatsApp through a gateway's JSON API (issue 16): a POST of <see cref="TextProviderOptions.BodyTemplate"/> with a
/// bearer token. 2xx is sent (the reply, usually the provider's message id, is kept); 429, 5xx and time-outs are tried
/// again; any other 4xx is the provider refusing this message for good. With no URL configured the message stays queued.
/// </summary>
public sealed class HttpTextMessageTransport(CommunicationChannel channel, TextProviderOptions options, IHttpClientFactory httpClients) : IMessageTransport
{
    public const string HttpClientName = "text-messages";

    public CommunicationChannel Channel => channel;

    public string? NotConfiguredReason => options.Url.Length == 0 ? $"No {Outbox.Name(channel)} provider is configured." : null;

    public int PerMinuteLimit => options.PerMinute;

    /// <summary>The request body: the template with each value JSON-escaped (a quote in a message cannot break the JSON).</summary>
    public string Body(OutboundEnvelope envelope) => options.BodyTemplate
        .Replace("{{to}}", Escaped(envelope.To), StringComparison.Ordinal)
        .Replace("{{from}}", Escaped(options.From), StringComparison.Ordinal)
        .Replace("{{text}}", Escaped(envelope.TextBody), StringComparison.Ordinal)
        .Replace("{{reference}}", Escaped(envelope.MessageKey), StringComparison.Ordinal)
        .Replace("{{channel}}", Escaped(Outbox.Name(channel)), StringComparison.Ordinal);

    public async Task<DeliveryResult> SendAsync(OutboundEnvelope envelope, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, options.Url)
        {
            Content = new StringContent(Body(envelope), Encoding.UTF8, "application/json"),
        };
        if (options.Token.Length > 0)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", options.Token);
        }

        // An idempotency key for gateways that honour one: the same on every attempt.
        request.Headers.TryAddWithoutValidation("Idempotency-Key", envelope.MessageKey);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(options.TimeoutSeconds));
        try
        {
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, timeout.Token);
            var reply = await response.Content.ReadAsStringAsync(timeout.Token);
            var text = $"{(int)response.StatusCode} {reply}".Trim();
            if (response.IsSuccessStatusCode)
            {
                return DeliveryResult.Sent(text);
            }

            var retry = response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout || (int)response.StatusCode >= 500;
            return retry ? DeliveryResult.TryLater(text) : DeliveryResult.Refused(text);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return DeliveryResult.TryLater($"The provider did not answer within {options.TimeoutSeconds} s.");
        }
        catch (HttpRequestException e)
        {
            return DeliveryResult.TryLater($"The provider could not be reached: {e.Message}");
        }
    }

    private static string Escaped(string value)
    {
        var json = JsonSerializer.Serialize(value);
        return json[1..^1];
    }
}
