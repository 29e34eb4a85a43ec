using CustomerManager.Domain.Common;
using MudBlazor;

namespace CustomerManager.Web.Components.Shared;

/// <summary>
/// Runs a page action and reports its outcome as a snackbar: success, a refused business rule (with its message), or a
/// role refusal. Returns the refusal so forms can show it beside the field it names.
/// </summary>
public sealed class UiFeedback(ISnackbar snackbar, ILogger<UiFeedback> logger)
{
    public Task<DomainException?> RunAsync(Func<Task> action, string successMessage) => RunAsync(action, () => successMessage);

    /// <summary>As above, with a success message that depends on what the action did (e.g. the number it was given).</summary>
    public async Task<DomainException?> RunAsync(Func<Task> action, Func<string> successMessage)
    {
        try
        {
            await action();
            Success(successMessage());
            return null;
        }
        catch (DomainException e)
        {
            snackbar.Add($"Not saved: {e.Message}", Severity.Warning, o => o.VisibleStateDuration = 8000);
            return e;
        }
        catch (AccessDeniedException e)
        {
            logger.LogWarning("Refused action: {Message}", e.Message);
            snackbar.Add($"Not allowed: {e.Message}", Severity.Error, o => o.VisibleStateDuration = 8000);
            return new DomainException(e.Message);
        }
    }

    public void Success(string message) => snackbar.Add(message, Severity.Success, o => o.VisibleStateDuration = 4000);

    public void Warning(string message) => snackbar.Add(message, Severity.Warning, o => o.VisibleStateDuration = 6000);

    public void Info(string message) => snackbar.Add(message, Severity.Info, o => o.VisibleStateDuration = 4000);

    public void Error(string summary, string detail) =>
        snackbar.Add($"{summary}: {detail}", Severity.Error, o => o.VisibleStateDuration = 8000);
}
