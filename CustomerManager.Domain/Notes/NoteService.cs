using CustomerManager.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Domain.Notes;

/// <summary>A note as shown: with the author's display name and whether the reader may change it.</summary>
public sealed record NoteView(CustomerNote Note, string AuthorName, bool MayChange);

/// <summary>
/// Notes on customers (DOMAIN.md §8): everyone reads the notes they may see (private ones: author and admins);
/// clerks, credit managers and admins write them; the author or an admin edits and deletes. Alert notes are read on
/// their own for the banner that every page about the customer shows.
/// </summary>
public sealed class NoteService(ICustomerDbFactory dbFactory, ICurrentUser currentUser, BusinessTime clock)
{
    private static readonly string[] Writers = [Roles.Clerk, Roles.CreditManager, Roles.Admin];

    /// <summary>The customer's notes the user may read, newest first (alerts first when <paramref name="alertsOnly"/>).</summary>
    public async Task<IReadOnlyList<NoteView>> ListAsync(int customerId, bool alertsOnly = false, CancellationToken cancellationToken = default)
    {
        currentUser.Require([.. Roles.All]);
        var (userName, isAdmin) = (currentUser.UserName, currentUser.IsInRole(Roles.Admin));
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var notes = await db.CustomerNotes.AsNoTracking()
            .Where(n => n.CustomerId == customerId && (!alertsOnly || n.IsAlert) && (!n.IsPrivate || isAdmin || n.Author == userName))
            .OrderByDescending(n => n.CreatedAtUtc).ThenByDescending(n => n.Id)
            .Take(500).ToListAsync(cancellationToken);
        var names = await Users.UserNames.DisplayNamesAsync(db, notes.Select(n => n.Author), cancellationToken);
        return notes.Select(n => new NoteView(n, names.GetValueOrDefault(n.Author, n.Author), n.MayChange(userName, isAdmin))).ToList();
    }

    /// <summary>The alert notes of a customer, newest first: the banner.</summary>
    public Task<IReadOnlyList<NoteView>> AlertsAsync(int customerId, CancellationToken cancellationToken = default) =>
        ListAsync(customerId, alertsOnly: true, cancellationToken);

    public async Task<CustomerNote> AddAsync(int customerId, NoteInput input, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Writers);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        if (!await db.Customers.AnyAsync(c => c.Id == customerId, cancellationToken))
        {
            throw new NotFoundException("That customer does not exist.");
        }

        var note = new CustomerNote(customerId, input, currentUser.UserName, clock.UtcNow);
        db.CustomerNotes.Add(note);
        await db.SaveOrExplainAsync(cancellationToken);
        return note;
    }

    public async Task<CustomerNote> EditAsync(int noteId, int version, NoteInput input, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Writers);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var note = await ChangeableAsync(db, noteId, cancellationToken);
        Concurrency.EnsureVersion(note, version, "note");
        note.Edit(input, clock.UtcNow);
        await db.SaveOrExplainAsync(cancellationToken);
        return note;
    }

    public async Task DeleteAsync(int noteId, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Writers);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        db.CustomerNotes.Remove(await ChangeableAsync(db, noteId, cancellationToken));
        await db.SaveOrExplainAsync(cancellationToken);
    }

    private async Task<CustomerNote> ChangeableAsync(ICustomerDb db, int noteId, CancellationToken cancellationToken)
    {
        var note = await db.CustomerNotes.FirstOrDefaultAsync(n => n.Id == noteId, cancellationToken)
            ?? throw new NotFoundException("That note does not exist (it may have been deleted).");
        if (!note.MayChange(currentUser.UserName, currentUser.IsInRole(Roles.Admin)))
        {
            throw new AccessDeniedException("Only the note's author or an admin may change or delete it.");
        }

        return note;
    }
}
