using System.Text.Json;

namespace CustomerManager.Web.Components.Shared;

/// <summary>
/// A form's state as loaded or last saved, for <see cref="UnsavedChangesGuard"/>: the form has unsaved changes while
/// its values differ from the snapshot. Compares the form's public properties (lists included) as JSON.
/// </summary>
public sealed class FormSnapshot
{
    private string? taken;

    /// <summary>Set once the form was saved and the page is navigating away: nothing is left to lose.</summary>
    public bool Released { get; private set; }

    public void Take(object form)
    {
        taken = JsonSerializer.Serialize(form, form.GetType());
        Released = false;
    }

    public void Release() => Released = true;

    /// <summary>False until a snapshot is taken (the form is not loaded yet) and after <see cref="Release"/>.</summary>
    public bool Differs(object form) => taken is not null && !Released && JsonSerializer.Serialize(form, form.GetType()) != taken;
}
