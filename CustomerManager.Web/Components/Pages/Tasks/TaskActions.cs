using CustomerManager.Domain.Tasks;
using CustomerManager.Web.Components.Shared;
using MudBlazor;

namespace CustomerManager.Web.Components.Pages.Tasks;

/// <summary>Ticking a task done or reopening it (after a confirmation), with the outcome in a snackbar: the same in every list.</summary>
public static class TaskActions
{
    /// <summary>Completes an open task or reopens a done one; true when it changed.</summary>
    public static async Task<bool> ToggleAsync(FollowUpTask task, FollowUpService tasks, UiFeedback feedback, IDialogService dialogs)
    {
        if (!task.IsDone)
        {
            return await feedback.RunAsync(() => tasks.CompleteAsync(task.Id, task.Version), $"Done: {task.Title}") is null;
        }

        return await dialogs.ShowMessageBoxAsync("Reopen the task", $"Reopen \"{task.Title}\"? It goes back on the assignee's list.",
                   yesText: "Reopen", cancelText: "Cancel") == true
               && await feedback.RunAsync(() => tasks.ReopenAsync(task.Id, task.Version), $"Reopened: {task.Title}") is null;
    }
}
