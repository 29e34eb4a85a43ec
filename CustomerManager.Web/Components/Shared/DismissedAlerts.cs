namespace CustomerManager.Web.Components.Shared;

/// <summary>Alert notes the user folded away in this session (one per circuit): they come back in a new session.</summary>
public sealed class DismissedAlerts
{
    private readonly HashSet<int> noteIds = [];

    public bool Contains(int noteId) => noteIds.Contains(noteId);

    public void Add(int noteId) => noteIds.Add(noteId);

    public void Remove(int noteId) => noteIds.Remove(noteId);
}
