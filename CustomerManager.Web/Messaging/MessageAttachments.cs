using CustomerManager.Domain.Accounts;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Laybys;
using CustomerManager.Domain.Messaging;
using CustomerManager.Domain.Statements;
using CustomerManager.Web.Documents;

namespace CustomerManager.Web.Messaging;

/// <summary>
/// Renders a message's PDF when it is sent, from the stored receipt or statement: the same document the
/// /receipts/… and /statements/… links serve. Runs as the system user (whoever queued it was allowed to).
/// </summary>
public sealed class MessageAttachments(IServiceScopeFactory scopes) : IMessageAttachments
{
    public async Task<MessageAttachment> RenderAsync(AttachmentKind kind, string number, CancellationToken cancellationToken)
    {
        using var system = AmbientUser.Use(AmbientUser.System);
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var content = kind switch
        {
            AttachmentKind.Receipt => await DocumentEndpoints.RenderReceiptAsync(
                number, services.GetRequiredService<LaybyService>(), services.GetRequiredService<AccountLedgerService>(),
                services.GetRequiredService<IReceiptRenderer>(), services.GetRequiredService<IAccountReceiptRenderer>(), cancellationToken),
            AttachmentKind.Statement => services.GetRequiredService<IStatementRenderer>()
                .Render(await services.GetRequiredService<StatementService>().GetAsync(number, cancellationToken)),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Nothing to attach."),
        };
        return new MessageAttachment($"{number}.pdf", "application/pdf", content);
    }
}

/// <summary>
/// Runs the outbox dispatcher on this node: at once when a unit of work queued messages, else every few seconds.
/// Off when <c>Messaging:SenderEnabled</c> is false (a node that only serves pages).
/// </summary>
public sealed class OutboxSender(
    OutboxDispatcher dispatcher, OutboxSignal signal, MessagingOptions options, ILogger<OutboxSender> logger) : BackgroundService
{
    /// <summary>This process among the nodes: what the outbox records as the holder of a lease.</summary>
    public static readonly string NodeId = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.SenderEnabled)
        {
            logger.LogInformation("Outbox sender disabled (Messaging:SenderEnabled is false)");
            return;
        }

        var poll = TimeSpan.FromSeconds(Math.Max(1, options.PollSeconds));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                using var system = AmbientUser.Use(AmbientUser.System);
                DispatchResult result;
                do
                {
                    result = await dispatcher.DispatchDueAsync(NodeId, cancellationToken: stoppingToken);
                    if (result.Handled > 0)
                    {
                        logger.LogInformation(
                            "Outbox: {Sent} sent, {Retrying} to retry, {Failed} failed, {Waiting} waiting for a provider",
                            result.Sent, result.Retrying, result.Failed, result.WaitingForProvider);
                    }
                }
                while (result.Sent + result.Retrying + result.Failed > 0 && result.RateLimited == 0 && !stoppingToken.IsCancellationRequested);

                await signal.WaitAsync(poll, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The database was away or similar: the messages wait in the outbox; try again after a pause.
                logger.LogError(e, "Outbox sender pass failed");
                try
                {
                    await Task.Delay(poll, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
