using CustomerManager.Domain.Common;
using Radzen;

namespace CustomerManager.Web.Components.Shared;

/// <summary>
/// Runs a page action and reports its outcome as a toast: success, a refused business rule (with its message), or a
/// role refusal. Returns the refusal so forms can show it beside the field it names.
/// </summary>
public sealed class UiFeedback(NotificationService notifications, ILogger<UiFeedback> logger)
{
    public async Task<DomainException?> RunAsync(Func<Task> action, string successMessage)
    {
        try
        {
            await action();
            notifications.Notify(NotificationSeverity.Success, successMessage, duration: 4000);
            return null;
        }
        catch (DomainException e)
        {
            notifications.Notify(NotificationSeverity.Warning, "Not saved", e.Message, duration: 8000);
            return e;
        }
        catch (AccessDeniedException e)
        {
            logger.LogWarning("Refused action: {Message}", e.Message);
            notifications.Notify(NotificationSeverity.Error, "Not allowed", e.Message, duration: 8000);
            return new DomainException(e.Message);
        }
    }

    public void Error(string summary, string detail) =>
        notifications.Notify(NotificationSeverity.Error, summary, detail, duration: 8000);
}
