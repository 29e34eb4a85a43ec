using System.Globalization;
using System.Reflection;
using CustomerManager.Domain.Accounts;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Organisation;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Domain.Customers;

public sealed record MergePreview(CustomerProfile Survivor, CustomerProfile Merged, IReadOnlyList<MergeField> Fields);

public sealed record MergeSummary(int Id, string SurvivorNumber, string MergedNumber, DateTime MergedAtUtc, string MergedBy, bool IsUndone);

/// <summary>
/// Merges a duplicate into the surviving customer (DOMAIN.md §2): chosen values survive, related rows move, the merged
/// record stays inactive with MergedIntoId, and the merge can be undone while nothing changed since.
/// </summary>
public sealed class CustomerMergeService(
    ICustomerDbFactory dbFactory, ICurrentUser currentUser, BusinessTime clock, CustomerService customers,
    BusinessDefaults businessDefaults)
{
    /// <summary>The fields a merge compares and lets the user choose, in form order.</summary>
    public static readonly IReadOnlyList<(string Field, string Label)> ComparedFields =
    [
        (nameof(CustomerDetails.Type), "Type"), (nameof(CustomerDetails.FirstName), "First name"),
        (nameof(CustomerDetails.LastName), "Last name"), (nameof(CustomerDetails.CompanyName), "Company name"),
        (nameof(CustomerDetails.DateOfBirth), "Date of birth"), (nameof(CustomerDetails.Gender), "Gender"),
        (nameof(CustomerDetails.PrimaryEmail), "E-mail"), (nameof(CustomerDetails.PrimaryPhone), "Phone"),
        (nameof(CustomerDetails.AlternatePhone), "Alternate phone"), (nameof(CustomerDetails.Address), "Address"),
        (nameof(CustomerDetails.City), "City"), (nameof(CustomerDetails.State), "Province / state"),
        (nameof(CustomerDetails.Country), "Country"), (nameof(CustomerDetails.PostalCode), "Postal code"),
        (nameof(CustomerDetails.NationalId), "National ID"), (nameof(CustomerDetails.PassportNumber), "Passport"),
        (nameof(CustomerDetails.TaxNumber), "Tax number"), (nameof(CustomerDetails.LinkedUserId), "Linked sign-in"),
        (nameof(CustomerDetails.LinkedEmployeeId), "Linked employee"), (nameof(CustomerDetails.Source), "Source"),
        (nameof(CustomerDetails.ReferredBy), "Referred by"), (nameof(CustomerDetails.PreferredChannel), "Messages by"),
        (nameof(CustomerDetails.PreferredLanguage), "Language"),
    ];

    public async Task<MergePreview> PreviewAsync(int survivorId, int mergedId, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Roles.CreditManager, Roles.Admin);
        if (survivorId == mergedId)
        {
            throw new DomainException("Choose two different customers.");
        }

        var survivor = await customers.GetProfileAsync(survivorId, cancellationToken);
        var merged = await customers.GetProfileAsync(mergedId, cancellationToken);
        var a = survivor.Customer.Details();
        var b = merged.Customer.Details();
        var fields = ComparedFields
            .Select(f => new MergeField(f.Field, f.Label, Show(a, f.Field), Show(b, f.Field)))
            .Where(f => f.SurvivorValue != f.MergedValue)
            .ToList();
        return new MergePreview(survivor, merged, fields);
    }

    /// <summary>Merges <paramref name="mergedId"/> into <paramref name="survivorId"/>; <paramref name="takeFromMerged"/> names the fields whose merged value wins.</summary>
    public async Task<int> MergeAsync(
        int survivorId, int mergedId, IReadOnlyCollection<string> takeFromMerged, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Roles.CreditManager, Roles.Admin);
        if (survivorId == mergedId)
        {
            throw new DomainException("Choose two different customers.");
        }

        var unknown = takeFromMerged.Except(ComparedFields.Select(f => f.Field)).ToList();
        if (unknown.Count > 0)
        {
            throw new DomainException($"Unknown field(s): {string.Join(", ", unknown)}.");
        }

        await using var db = await dbFactory.OpenAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var survivor = await LoadAsync(db, survivorId, cancellationToken);
        var merged = await LoadAsync(db, mergedId, cancellationToken);
        foreach (var c in new[] { survivor, merged })
        {
            if (c.MergedIntoId is not null)
            {
                throw new DomainException($"{c.CustomerNumber} has already been merged into another customer.");
            }
        }

        var survivorBefore = survivor.Details();
        var mergedBefore = merged.Details();
        var combined = takeFromMerged.Aggregate(survivorBefore, (d, field) => With(d, field, Get(mergedBefore, field)));
        combined = combined with { Tags = survivorBefore.Tags.Union(mergedBefore.Tags).ToList() };
        var (countryCode, country, _) = await businessDefaults.GetAsync(db, cancellationToken);
        var now = clock.UtcNow;
        var today = clock.Today;

        // Free the merged record's unique values first, so the survivor may take them.
        merged.Apply(mergedBefore with { PrimaryEmail = null, NationalId = null, LinkedUserId = null, LinkedEmployeeId = null },
            countryCode, country, today, now, currentUser.UserName);
        merged.MarkMergedInto(survivor.Id);
        await db.SaveOrExplainAsync(cancellationToken);
        survivor.Apply(combined, countryCode, country, today, now, currentUser.UserName);

        var survivorAccounts = await db.DivisionAccounts.Where(a => a.CustomerId == survivor.Id).ToListAsync(cancellationToken);
        var mergedAccounts = await db.DivisionAccounts.Where(a => a.CustomerId == merged.Id).ToListAsync(cancellationToken);
        var moved = new List<int>();
        var closed = new Dictionary<int, DivisionAccountStatus>();
        var combinedAccounts = new List<CombinedAccount>();
        foreach (var account in mergedAccounts)
        {
            if (survivorAccounts.FirstOrDefault(a => a.DivisionId == account.DivisionId) is { } target)
            {
                // Both have an account in this division: the duplicate's entries move to the survivor's account (with
                // their allocations, dates and amounts unchanged) and the emptied account is closed.
                var entries = await db.AccountEntries.Where(e => e.DivisionAccountId == account.Id).OrderBy(e => e.Id).ToListAsync(cancellationToken);
                foreach (var entry in entries)
                {
                    entry.MoveToAccount(target.Id);
                }

                var balance = entries.Sum(e => e.Amount);
                target.CorrectBalance(target.Balance + balance);
                account.CorrectBalance(account.Balance - balance);
                combinedAccounts.Add(new CombinedAccount(account.Id, target.Id, entries.Select(e => e.Id).ToList(), balance));
                closed[account.Id] = account.Status;
                account.CloseForMerge();
            }
            else
            {
                account.MoveTo(survivor.Id);
                moved.Add(account.Id);
            }
        }

        var movedRows = await MoveRowsAsync(db, merged.Id, survivor.Id, cancellationToken);
        KeepMembership(survivor, merged, movedRows["InstitutionMemberships"].Cast<Institutions.InstitutionMembership>(), now);
        var merge = new CustomerMerge(survivor.Id, merged.Id, survivorBefore, mergedBefore, moved, closed, now, currentUser.UserName);
        merge.RecordMoves(combinedAccounts, movedRows.ToDictionary(r => r.Key, r => r.Value.Select(x => x.Id).ToList()));
        db.CustomerMerges.Add(merge);
        await db.SaveOrExplainAsync(cancellationToken);
        var targets = survivorAccounts.Where(a => combinedAccounts.Any(c => c.ToAccountId == a.Id));
        merge.RecordVersionsAfter(VersionsOf(survivor, merged, [.. mergedAccounts, .. targets], movedRows.Values.SelectMany(r => r)));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return merge.Id;
    }

    /// <summary>
    /// Every kind of row that belongs to a customer, moved by a merge and back by an undo. A new per-customer feature
    /// adds its set here (and implements <see cref="IBelongsToCustomer"/>); the merge tests count every table.
    /// </summary>
    private static IEnumerable<(string Kind, IQueryable<IBelongsToCustomer> Rows)> OwnedRows(ICustomerDb db) =>
    [
        ("Laybys", db.Laybys),
        ("CreditApplications", db.CreditApplications),
        ("CustomerNotes", db.CustomerNotes),
        ("Communications", db.Communications),
        ("OutboxMessages", db.OutboxMessages),
        ("InstitutionMemberships", db.InstitutionMemberships),
        ("CustomerAssignments", db.CustomerAssignments),
        ("FollowUpTasks", db.FollowUpTasks),
        ("Purchases", db.Purchases),
        ("PurchaseReturns", db.PurchaseReturns),
        ("PointEntries", db.PointEntries),
        ("Subscriptions", db.Subscriptions),
        ("Engagements", db.Engagements),
    ];

    private static async Task<Dictionary<string, List<IBelongsToCustomer>>> MoveRowsAsync(
        ICustomerDb db, int fromCustomerId, int toCustomerId, CancellationToken cancellationToken)
    {
        var moved = new Dictionary<string, List<IBelongsToCustomer>>();
        foreach (var (kind, rows) in OwnedRows(db))
        {
            var owned = await rows.Where(r => r.CustomerId == fromCustomerId).ToListAsync(cancellationToken);
            owned.ForEach(r => r.MoveToCustomer(toCustomerId));
            moved[kind] = owned;
        }

        return moved;
    }

    /// <summary>
    /// The survivor keeps its own institution; without one it takes the duplicate's. The duplicate's membership, moved
    /// with its history, ends "merged into ..." when the survivor keeps its own (an undo reopens it).
    /// </summary>
    private void KeepMembership(Customer survivor, Customer merged, IEnumerable<Institutions.InstitutionMembership> moved, DateTime now)
    {
        if (merged.InstitutionId is null)
        {
            return;
        }

        if (survivor.InstitutionId is null)
        {
            survivor.SetMembership(merged.InstitutionId, merged.Designation);
        }
        else
        {
            foreach (var row in moved.Where(m => m.IsCurrent))
            {
                row.End(now, currentUser.UserName, MergedReason + survivor.CustomerNumber);
            }
        }

        merged.SetMembership(null, null);
    }

    private const string MergedReason = "Merged into ";

    /// <summary>Each customer's membership again as its open history rows say, once the rows moved back.</summary>
    private static void RestoreMemberships(
        Customer survivor, Customer merged, IEnumerable<Institutions.InstitutionMembership> movedBack, DateTime mergedAtUtc,
        IReadOnlyList<Institutions.InstitutionMembership> survivorOpen)
    {
        var back = movedBack.ToList();
        foreach (var row in back.Where(m => m.EndedAtUtc == mergedAtUtc && m.EndReason?.StartsWith(MergedReason, StringComparison.Ordinal) == true))
        {
            row.Reopen();
        }

        var mergedOpen = back.FirstOrDefault(m => m.IsCurrent);
        merged.SetMembership(mergedOpen?.InstitutionId, mergedOpen?.Designation);
        var survivorRow = survivorOpen.FirstOrDefault(m => !back.Contains(m));
        survivor.SetMembership(survivorRow?.InstitutionId, survivorRow?.Designation);
    }

    public async Task UndoAsync(int mergeId, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Roles.CreditManager, Roles.Admin);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var merge = await db.CustomerMerges.FirstOrDefaultAsync(m => m.Id == mergeId, cancellationToken)
            ?? throw new DomainException("That merge does not exist.");
        if (merge.IsUndone)
        {
            throw new DomainException($"This merge was already undone by {merge.UndoneBy}.");
        }

        var survivor = await LoadAsync(db, merge.SurvivorId, cancellationToken);
        var merged = await LoadAsync(db, merge.MergedId, cancellationToken);
        var combined = merge.CombinedAccounts;
        var accountIds = merge.MovedAccountIds.Concat(merge.ClosedAccounts.Keys).Concat(combined.Select(c => c.ToAccountId)).ToList();
        var accounts = await db.DivisionAccounts.Where(a => accountIds.Contains(a.Id)).ToListAsync(cancellationToken);
        var movedRows = new List<IBelongsToCustomer>();
        foreach (var (kind, rows) in OwnedRows(db))
        {
            var ids = merge.MovedRows.GetValueOrDefault(kind) ?? [];
            movedRows.AddRange(await rows.Where(r => ids.Contains(r.Id)).ToListAsync(cancellationToken));
        }

        var changed = VersionsOf(survivor, merged, accounts, movedRows)
            .Where(v => !merge.VersionsAfter.TryGetValue(v.Key, out var after) || after != v.Value)
            .Select(v => v.Key)
            .ToList();
        if (changed.Count > 0)
        {
            throw new DomainException(
                $"The merge cannot be undone: {string.Join(", ", changed)} changed after it. Merge the other way or edit by hand.");
        }

        var (countryCode, country, _) = await businessDefaults.GetAsync(db, cancellationToken);
        var now = clock.UtcNow;
        var today = clock.Today;
        foreach (var account in accounts.Where(a => !combined.Any(c => c.ToAccountId == a.Id)))
        {
            if (merge.ClosedAccounts.TryGetValue(account.Id, out var status))
            {
                account.ReopenAfterUndo(status);
            }
            else
            {
                account.MoveTo(merged.Id);
            }
        }

        foreach (var c in combined)
        {
            var entries = await db.AccountEntries.Where(e => c.EntryIds.Contains(e.Id)).ToListAsync(cancellationToken);
            entries.ForEach(e => e.MoveToAccount(c.FromAccountId));
            var from = accounts.Single(a => a.Id == c.FromAccountId);
            var to = accounts.Single(a => a.Id == c.ToAccountId);
            from.CorrectBalance(from.Balance + c.Balance);
            to.CorrectBalance(to.Balance - c.Balance);
        }

        movedRows.ForEach(r => r.MoveToCustomer(merged.Id));
        RestoreMemberships(survivor, merged, movedRows.OfType<Institutions.InstitutionMembership>(), merge.MergedAtUtc,
            await db.InstitutionMemberships.Where(m => m.CustomerId == survivor.Id && m.EndedAtUtc == null).ToListAsync(cancellationToken));

        // The survivor gives back unique values it took, before the merged record gets them again.
        survivor.Apply(merge.SurvivorBefore, countryCode, country, today, now, currentUser.UserName);
        await db.SaveOrExplainAsync(cancellationToken);
        merged.UndoMerged();
        merged.Apply(merge.MergedBefore, countryCode, country, today, now, currentUser.UserName);
        merge.MarkUndone(now, currentUser.UserName);
        await db.SaveOrExplainAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<MergeSummary>> RecentAsync(int? customerId = null, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Roles.CreditManager, Roles.Admin);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        return await (from m in db.CustomerMerges
                      join s in db.Customers on m.SurvivorId equals s.Id
                      join d in db.Customers on m.MergedId equals d.Id
                      where customerId == null || m.SurvivorId == customerId || m.MergedId == customerId
                      orderby m.Id descending
                      select new MergeSummary(m.Id, s.CustomerNumber, d.CustomerNumber, m.MergedAtUtc, m.MergedBy, m.UndoneAtUtc != null))
            .Take(50).ToListAsync(cancellationToken);
    }

    private static async Task<Customer> LoadAsync(ICustomerDb db, int id, CancellationToken cancellationToken) =>
        await db.Customers.Include(c => c.Tags).FirstOrDefaultAsync(c => c.Id == id, cancellationToken)
        ?? throw new DomainException("That customer does not exist.");

    private static Dictionary<string, int> VersionsOf(
        Customer survivor, Customer merged, IEnumerable<DivisionAccount> accounts, IEnumerable<IBelongsToCustomer> rows)
    {
        var versions = new Dictionary<string, int> { [survivor.CustomerNumber] = survivor.Version, [merged.CustomerNumber] = merged.Version };
        foreach (var account in accounts)
        {
            versions[account.AccountNumber] = account.Version;
        }

        // Laybys and applications change with every payment or decision: one of them changed means the merge is history.
        foreach (var row in rows.OfType<IVersioned>())
        {
            versions[RowName(row)] = row.Version;
        }

        return versions;
    }

    private static string RowName(IVersioned row) => row switch
    {
        Laybys.Layby l => $"layby {l.LaybyNumber}",
        Credit.CreditApplication a => $"credit application {a.ApplicationNumber}",
        Notes.CustomerNote n => $"note \"{n.Subject}\"",
        Tasks.FollowUpTask t => $"task \"{t.Title}\"",
        IBelongsToCustomer other => $"{other.GetType().Name} {other.Id}",
        _ => row.GetType().Name,
    };

    private static readonly Dictionary<string, PropertyInfo> DetailProperties =
        typeof(CustomerDetails).GetProperties().ToDictionary(p => p.Name);

    private static object? Get(CustomerDetails details, string field) => DetailProperties[field].GetValue(details);

    private static CustomerDetails With(CustomerDetails details, string field, object? value)
    {
        var copy = details with { };
        DetailProperties[field].SetValue(copy, value);
        return copy;
    }

    private static string? Show(CustomerDetails details, string field) => Get(details, field) switch
    {
        null => null,
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        var v => v.ToString(),
    };
}
