using CustomerManager.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Domain.Search;

/// <summary>
/// Where a typed number leads: <see cref="Target"/> is the page (relative URL) to open, or null when nothing the user
/// may read has that number (then <see cref="Message"/> says so). <see cref="IsDocument"/>: a file (the statement PDF),
/// not a page of the app.
/// </summary>
public sealed record RecordLookup(RecordNumber Number, string? Target, string Message, bool IsDocument = false)
{
    public bool Found => Target is not null;
}

/// <summary>
/// Finds a customer, division account, layby, receipt or statement by its number (exact or typed loosely), one indexed
/// lookup each, for the search boxes. A record in a division the user does not work in, or one their role does not
/// read (statements), is not found: the answer is the same whether or not it exists.
/// </summary>
public sealed class RecordLookupService(ICustomerDbFactory dbFactory, ICurrentUser currentUser)
{
    private static readonly string[] StatementReaders = [Roles.Accountant, Roles.CreditManager, Roles.Admin];

    /// <summary>The record the text is the number of; null when the text is not a record number at all.</summary>
    public async Task<RecordLookup?> FindAsync(string? text, CancellationToken cancellationToken = default)
    {
        currentUser.Require([.. Roles.All]);
        if (RecordNumber.Parse(text) is not { } number)
        {
            return null;
        }

        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var n = number.Number;
        var (target, isDocument) = number.Kind switch
        {
            RecordKind.Customer => (await db.Customers.Where(c => c.CustomerNumber == n).Select(c => (int?)c.Id).FirstOrDefaultAsync(cancellationToken)
                is { } id ? $"customers/{id}" : null, false),
            RecordKind.Account => (Readable(await db.DivisionAccounts.Where(a => a.AccountNumber == n)
                .Select(a => new Located(a.CustomerId, a.DivisionId)).FirstOrDefaultAsync(cancellationToken)) is { } account
                ? $"customers/{account.Id}" : null, false),
            RecordKind.Layby => (Readable(await db.Laybys.Where(l => l.LaybyNumber == n)
                .Select(l => new Located(l.Id, l.DivisionId)).FirstOrDefaultAsync(cancellationToken)) is { } layby
                ? $"laybys/{layby.Id}" : null, false),
            RecordKind.Receipt => (await ReceiptAsync(db, n, cancellationToken), false),
            _ => (await StatementAsync(db, n, cancellationToken), true),
        };
        return target is null
            ? new RecordLookup(number, null, $"No {number.KindName} {n}{(currentUser.DivisionIds is null ? "" : " in your divisions")}.")
            : new RecordLookup(number, target, $"{char.ToUpperInvariant(number.KindName[0])}{number.KindName[1..]} {n}", isDocument);
    }

    /// <summary>A layby receipt opens its layby; an account payment receipt the customer's ledger of that account.</summary>
    private async Task<string?> ReceiptAsync(ICustomerDb db, string n, CancellationToken cancellationToken)
    {
        var layby = await (from e in db.LaybyEntries
                           join l in db.Laybys on e.LaybyId equals l.Id
                           where e.ReceiptNumber == n
                           select new Located(l.Id, l.DivisionId)).FirstOrDefaultAsync(cancellationToken);
        if (layby is not null)
        {
            return Readable(layby) is { } mine ? $"laybys/{mine.Id}" : null;
        }

        var account = await (from e in db.AccountEntries
                             join a in db.DivisionAccounts on e.DivisionAccountId equals a.Id
                             where e.ReceiptNumber == n
                             select new { a.Id, a.CustomerId, a.DivisionId }).FirstOrDefaultAsync(cancellationToken);
        return account is not null && currentUser.WorksIn(account.DivisionId)
            ? $"customers/{account.CustomerId}?account={account.Id}&tab=ledger"
            : null;
    }

    private async Task<string?> StatementAsync(ICustomerDb db, string n, CancellationToken cancellationToken)
    {
        if (!StatementReaders.Any(currentUser.IsInRole))
        {
            return null;
        }

        var division = await db.Statements.Where(s => s.Number == n).Select(s => (int?)s.DivisionId).FirstOrDefaultAsync(cancellationToken);
        return division is { } d && currentUser.WorksIn(d) ? $"statements/{Uri.EscapeDataString(n)}.pdf" : null;
    }

    private Located? Readable(Located? found) => found is not null && currentUser.WorksIn(found.DivisionId) ? found : null;

    /// <summary>A record's id (or its customer's) and the division it belongs to.</summary>
    private sealed record Located(int Id, int DivisionId);
}
