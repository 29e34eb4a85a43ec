using System.Runtime.CompilerServices;
using CustomerManager.Domain.Accounts;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Numbering;
using CustomerManager.Domain.Organisation;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Domain.Laybys;

public sealed record OpenLaybyInput(
    int CustomerId, int DivisionId, IReadOnlyList<LaybyItemInput> Items, decimal Deposit, PaymentMethod DepositMethod,
    LaybyFrequency Frequency, DateOnly CompletionDate, Guid RequestId);

public sealed record LaybyPreview(decimal Total, decimal Fees, decimal Deposit, decimal MinimumDeposit, IReadOnlyList<PlannedInstalment> Schedule, LaybyPolicy Policy);

public enum LaybyListFilter
{
    All,
    Overdue,
    DueThisWeek,
}

public sealed record LaybyListItem(
    int Id, string LaybyNumber, int CustomerId, string CustomerNumber, string CustomerName, string DivisionName,
    LaybyStatus Status, decimal Total, decimal Balance, DateOnly CompletionDate, DateOnly? NextDueDate, decimal Overdue);

/// <summary>A layby with its <see cref="InstalmentStanding"/> worked out by the database (see <see cref="LaybyService.Standings"/>).</summary>
public sealed class LaybyWithStanding
{
    public required Layby Layby { get; init; }

    public DateOnly? NextDue { get; init; }

    public decimal Overdue { get; init; }
}

/// <summary>Opening, paying, releasing, holding and cancelling laybys (DOMAIN.md §5). Every money change is an entry.</summary>
public sealed class LaybyService(ICustomerDbFactory dbFactory, ICurrentUser currentUser, BusinessTime clock)
{
    private static readonly string[] Counter = [Roles.Clerk, Roles.CreditManager, Roles.Admin];
    private static readonly string[] Supervisors = [Roles.CreditManager, Roles.Admin];

    /// <summary>The schedule the clerk sees before confirming; validates everything Open would.</summary>
    public async Task<LaybyPreview> PreviewAsync(OpenLaybyInput input, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Counter);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var (policy, _) = await PolicyAndAccountAsync(db, input.CustomerId, input.DivisionId, cancellationToken);
        var layby = Build(input, policy);
        return new LaybyPreview(layby.Total, layby.Fees, layby.Deposit, policy.MinimumDeposit(layby.Total),
            layby.Instalments.Select(i => new PlannedInstalment(i.Number, i.DueDate, i.Amount)).ToList(), policy);
    }

    public async Task<Layby> OpenAsync(OpenLaybyInput input, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Counter);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        if (await ByRequestAsync(db, input.RequestId, cancellationToken) is { } already)
        {
            return already;
        }

        var (policy, division) = await PolicyAndAccountAsync(db, input.CustomerId, input.DivisionId, cancellationToken);
        var layby = Build(input, policy);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        layby.AssignNumber(division.Code, await db.TakeNextAsync($"LAY-{division.Code}", cancellationToken));
        foreach (var entry in layby.Entries.Where(e => e.IsPayment))
        {
            entry.ReceiptNumber = NumberSequence.Format($"RCT-{division.Code}", await db.TakeNextAsync($"RCT-{division.Code}", cancellationToken));
        }

        db.Laybys.Add(layby);
        await db.SaveOrExplainAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return layby;
    }

    /// <summary>
    /// Takes a payment. Idempotent by request id (a double click, a retry or a second tab records it once) and safe
    /// under concurrency: the layby's version is checked on save, and a lost race re-reads the balance and retries.
    /// </summary>
    public async Task<LaybyEntry> PayAsync(
        int laybyId, decimal amount, PaymentMethod method, string? reference, Guid requestId, string? note = null, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Counter);
        return await OptimisticRetry.RunAsync(async () =>
        {
            await using var db = await dbFactory.OpenAsync(cancellationToken);
            if (await db.LaybyEntries.AsNoTracking().FirstOrDefaultAsync(e => e.RequestId == requestId, cancellationToken) is { } recorded)
            {
                return recorded;
            }

            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var layby = await LoadAsync(db, laybyId, cancellationToken);
            var entry = layby.Pay(amount, method, reference, requestId, Now(), currentUser.UserName, note);
            var code = await db.Divisions.Where(d => d.Id == layby.DivisionId).Select(d => d.Code).FirstAsync(cancellationToken);
            entry.ReceiptNumber = NumberSequence.Format($"RCT-{code}", await db.TakeNextAsync($"RCT-{code}", cancellationToken));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return entry;
        });
    }

    /// <summary>Releases a paid-off layby's items; the release counts as a purchase (issue 18) and earns points, in one transaction.</summary>
    public async Task ReleaseAsync(int laybyId, int version, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Counter);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var layby = await LoadAsync(db, laybyId, cancellationToken);
        Concurrency.EnsureVersion(layby, version, $"layby {layby.LaybyNumber}");
        layby.Release(Now(), currentUser.UserName);
        await db.SaveOrExplainAsync(cancellationToken);
        await Purchases.PurchaseService.RecordLaybyReleaseAsync(db, layby, clock, currentUser.UserName, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Replaces the layby's notes (clerks, credit managers, admins; audited).</summary>
    public async Task SetNotesAsync(int laybyId, int version, string? notes, CancellationToken cancellationToken = default) =>
        await ChangeAsync(laybyId, version, Counter, l => l.SetNotes(notes), cancellationToken);

    public async Task HoldAsync(int laybyId, int version, CancellationToken cancellationToken = default) =>
        await ChangeAsync(laybyId, version, Counter, l => l.Hold(), cancellationToken);

    public async Task ResumeAsync(int laybyId, int version, CancellationToken cancellationToken = default) =>
        await ChangeAsync(laybyId, version, Counter, l => l.Resume(), cancellationToken);

    public async Task<CancellationQuote> QuoteAsync(int laybyId, CancellationReason reason, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Supervisors);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var layby = await LoadAsync(db, laybyId, cancellationToken);
        var policy = await db.LaybyPolicies.FirstAsync(p => p.Id == layby.PolicyId, cancellationToken);
        return layby.Quote(policy, reason);
    }

    public async Task CancelAsync(
        int laybyId, int version, CancellationReason reason, string? note, PaymentMethod refundMethod, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Supervisors);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var layby = await LoadAsync(db, laybyId, cancellationToken);
        Concurrency.EnsureVersion(layby, version, $"layby {layby.LaybyNumber}");
        var policy = await db.LaybyPolicies.FirstAsync(p => p.Id == layby.PolicyId, cancellationToken);
        layby.Cancel(policy, reason, note, refundMethod, Now(), currentUser.UserName);
        await db.SaveOrExplainAsync(cancellationToken);
    }

    /// <summary>Waives a fee or reverses a payment (CreditManager/Admin), once, with a reason.</summary>
    public async Task ReverseAsync(int laybyId, long entryId, string reason, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Supervisors);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var layby = await LoadAsync(db, laybyId, cancellationToken);
        var entry = layby.Entries.FirstOrDefault(e => e.Id == entryId) ?? throw new DomainException("That entry does not exist.");
        layby.Reverse(entry, reason, Now(), currentUser.UserName);
        await db.SaveOrExplainAsync(cancellationToken);
    }

    /// <summary>A layby with its items, schedule and entries, for a user who works in its division.</summary>
    public async Task<Layby> GetAsync(int laybyId, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Roles.All.ToArray());
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var layby = await db.Laybys.AsNoTracking().AsSplitQuery()
                .Include(l => l.Items).Include(l => l.Instalments).Include(l => l.Entries)
                .FirstOrDefaultAsync(l => l.Id == laybyId, cancellationToken)
            ?? throw new NotFoundException("That layby does not exist.");
        currentUser.RequireDivision(layby.DivisionId);
        return layby;
    }

    /// <summary>An overdue or due-this-week list counts at most this many laybys (50 pages of 20).</summary>
    public const int FilteredCountCap = 1000;

    public async Task<Page<LaybyListItem>> ListAsync(
        LaybyStatus? status, int? divisionId, LaybyListFilter filter, int? customerId, string? text, int skip, int take,
        CancellationToken cancellationToken = default)
    {
        currentUser.Require(Roles.All.ToArray());
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var today = clock.Today;
        var laybys = Filtered(db, status, divisionId, filter, customerId, text, today);
        // The overdue test sums each layby's schedule and payments: with many laybys, count only up to a cap, and find
        // the page's ids first (newest first along the key) so only those rows are joined and projected.
        var total = filter == LaybyListFilter.All
            ? await laybys.CountAsync(cancellationToken)
            : await laybys.OrderBy(l => l.Id).Take(FilteredCountCap).CountAsync(cancellationToken);
        var pageIds = laybys.OrderByDescending(l => l.Id).Select(l => l.Id).Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, 200));
        var items = await ListItems(db, db.Laybys.AsNoTracking().Where(l => pageIds.Contains(l.Id)), today).ToListAsync(cancellationToken);
        return new Page<LaybyListItem>(items, total);
    }

    /// <summary>Every layby the list's filters match, in the list's order, streamed from the database (for exports).</summary>
    public async IAsyncEnumerable<LaybyListItem> StreamAsync(
        LaybyStatus? status, int? divisionId, LaybyListFilter filter, int? customerId, string? text,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        currentUser.Require(Roles.All.ToArray());
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var today = clock.Today;
        var items = ListItems(db, Filtered(db, status, divisionId, filter, customerId, text, today), today).AsAsyncEnumerable();
        await foreach (var item in items.WithCancellation(cancellationToken))
        {
            yield return item;
        }
    }

    /// <summary>
    /// Overdue: active, with an instalment past its due date while what was paid towards the schedule is short of
    /// what was due by then. Shared with the layby status report.
    /// </summary>
    internal static IQueryable<Layby> Overdue(IQueryable<Layby> laybys, DateOnly today) =>
        Standings(laybys.Where(l => l.Status == LaybyStatus.Active), today).Where(s => s.Overdue > 0).Select(s => s.Layby);

    /// <summary>
    /// <see cref="Layby.Standing"/> in SQL, for lists: the first instalment whose running total exceeds what was paid
    /// towards the schedule is next due; what was due before today beyond that payment is overdue.
    /// </summary>
    internal static IQueryable<LaybyWithStanding> Standings(IQueryable<Layby> laybys, DateOnly today) =>
        from l in laybys
        let owing = l.Status == LaybyStatus.Active || l.Status == LaybyStatus.OnHold
        // Money received beyond the deposit, net of reversed payments (payments are stored negative).
        let paid = -l.Entries.Where(e => e.Kind == LaybyEntryKind.Payment || e.Kind == LaybyEntryKind.Deposit
            || (e.Kind == LaybyEntryKind.Reversal && e.ReversesPayment)).Sum(e => e.Amount) - l.Deposit
        let overdue = l.Instalments.Where(i => i.DueDate < today).Sum(i => i.Amount) - paid
        select new LaybyWithStanding
        {
            Layby = l,
            NextDue = owing
                ? l.Instalments.Where(i => l.Instalments.Where(j => j.Number <= i.Number).Sum(j => j.Amount) > paid)
                    .OrderBy(i => i.Number).Select(i => (DateOnly?)i.DueDate).FirstOrDefault()
                : null,
            Overdue = owing && overdue > 0 ? overdue : 0,
        };

    /// <summary>Due this week: active, with an instalment due from today to six days ahead.</summary>
    internal static IQueryable<Layby> DueWithinAWeek(IQueryable<Layby> laybys, DateOnly today)
    {
        var weekEnd = today.AddDays(7);
        return laybys.Where(l => l.Status == LaybyStatus.Active && l.Instalments.Any(i => i.DueDate >= today && i.DueDate < weekEnd));
    }

    private IQueryable<Layby> Filtered(
        ICustomerDb db, LaybyStatus? status, int? divisionId, LaybyListFilter filter, int? customerId, string? text, DateOnly today)
    {
        var laybys = Searched(db, db.Laybys.AsNoTracking(), text);
        if (status is { } s)
        {
            laybys = laybys.Where(l => l.Status == s);
        }

        if (divisionId is { } d)
        {
            laybys = laybys.Where(l => l.DivisionId == d);
        }

        if (currentUser.DivisionIds is { } mine)
        {
            laybys = laybys.Where(l => mine.Contains(l.DivisionId));
        }

        if (customerId is { } c)
        {
            laybys = laybys.Where(l => l.CustomerId == c);
        }

        return filter switch
        {
            LaybyListFilter.Overdue => Overdue(laybys, today),
            LaybyListFilter.DueThisWeek => DueWithinAWeek(laybys, today),
            _ => laybys,
        };
    }

    /// <summary>
    /// The list's search box: a layby number (typed loosely, "lay clo 18"), a receipt, customer or division account
    /// number, or the start of the customer's name (either order, "Khumalo, David"), each through an index.
    /// </summary>
    private static IQueryable<Layby> Searched(ICustomerDb db, IQueryable<Layby> laybys, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return laybys;
        }

        if (Search.RecordNumber.Parse(text) is { } record)
        {
            var n = record.Number;
            return record.Kind switch
            {
                Search.RecordKind.Layby => laybys.Where(l => l.LaybyNumber == n),
                Search.RecordKind.Receipt => laybys.Where(l => db.LaybyEntries.Where(e => e.ReceiptNumber == n).Select(e => e.LaybyId).Contains(l.Id)),
                Search.RecordKind.Customer => laybys.Where(l => db.Customers.Where(c => c.CustomerNumber == n).Select(c => c.Id).Contains(l.CustomerId)),
                Search.RecordKind.Account => laybys.Where(l => db.DivisionAccounts
                    .Any(a => a.AccountNumber == n && a.CustomerId == l.CustomerId && a.DivisionId == l.DivisionId)),
                _ => laybys.Where(l => false),
            };
        }

        return Customers.CustomerSearchText.Name(text) is { } name && Customers.SearchPlan.NameMatch(name) is { } match
            ? laybys.Where(l => db.Customers.Where(match).Select(c => c.Id).Contains(l.CustomerId))
            : laybys.Where(l => false);
    }

    private static IQueryable<LaybyListItem> ListItems(ICustomerDb db, IQueryable<Layby> laybys, DateOnly today) =>
        from s in Standings(laybys, today)
        join cu in db.Customers on s.Layby.CustomerId equals cu.Id
        join dv in db.Divisions on s.Layby.DivisionId equals dv.Id
        orderby s.Layby.Id descending
        select new LaybyListItem(s.Layby.Id, s.Layby.LaybyNumber, cu.Id, cu.CustomerNumber, cu.FullName, dv.Name, s.Layby.Status,
            s.Layby.Total, s.Layby.Balance, s.Layby.CompletionDate, s.NextDue, s.Overdue);

    /// <summary>Everything the receipt of a deposit or payment shows, from the stored rows.</summary>
    /// <remarks>Receipts are printed at the counter (DOMAIN.md §1): accountants read the ledger and statements instead.</remarks>
    public async Task<LaybyReceipt> ReceiptAsync(string receiptNumber, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Counter);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var entry = await db.LaybyEntries.AsNoTracking().FirstOrDefaultAsync(e => e.ReceiptNumber == receiptNumber, cancellationToken)
            ?? throw new NotFoundException($"There is no receipt {receiptNumber}.");
        var layby = await db.Laybys.AsNoTracking().AsSplitQuery().Include(l => l.Instalments).Include(l => l.Entries)
            .FirstAsync(l => l.Id == entry.LaybyId, cancellationToken);
        currentUser.RequireDivision(layby.DivisionId);
        var customer = await db.Customers.AsNoTracking().FirstAsync(c => c.Id == layby.CustomerId, cancellationToken);
        var division = await db.Divisions.AsNoTracking().FirstAsync(d => d.Id == layby.DivisionId, cancellationToken);
        var business = await db.Businesses.AsNoTracking().OrderBy(b => b.Id).FirstAsync(cancellationToken);

        // Figures as they stood right after this payment: entries up to and including it.
        var upTo = layby.Entries.Where(e => e.Id <= entry.Id).ToList();
        var paid = Layby.PaidIn(upTo);
        var fees = Layby.FeesIn(upTo);
        var schedule = ScheduleStatus(layby.Instalments, paid - layby.Deposit, clock.LocalDate(entry.PostedAtUtc));
        return new LaybyReceipt(entry.ReceiptNumber!, entry.PostedAtUtc, business.Name, business.Currency, division.Name,
            customer.CustomerNumber, customer.FullName, Customers.PhoneFormat.Display(customer.PrimaryPhone, business.DefaultPhoneCountryCode), layby.LaybyNumber, layby.Total, fees, -entry.Amount,
            entry.Method.Words(), entry.Reference, paid, upTo.Sum(e => e.Amount),
            upTo.Sum(e => e.Amount) == 0 ? "Fully paid" : layby.Status.Words(), schedule,
            await Users.UserNames.DisplayNameAsync(db, entry.PostedBy, cancellationToken))
        {
            Note = entry.Note,
        };
    }

    /// <summary>Each instalment's share of what was paid towards the schedule, oldest first, and its status.</summary>
    public static IReadOnlyList<ReceiptScheduleLine> ScheduleStatus(IEnumerable<LaybyInstalment> instalments, decimal paidTowardsSchedule, DateOnly today)
    {
        var left = Math.Max(0, paidTowardsSchedule);
        var lines = new List<ReceiptScheduleLine>();
        foreach (var i in instalments.OrderBy(i => i.Number))
        {
            var covered = Math.Min(i.Amount, left);
            left -= covered;
            var status = covered == i.Amount ? "Paid" : covered > 0 ? "Part paid" : i.DueDate < today ? "Overdue" : "Due";
            lines.Add(new ReceiptScheduleLine(i.Number, i.DueDate, i.Amount, covered, status));
        }

        return lines;
    }

    private Layby Build(OpenLaybyInput input, LaybyPolicy policy) =>
        Layby.Open(input.CustomerId, input.DivisionId, policy, input.Items, input.Deposit, input.DepositMethod, input.Frequency,
            input.CompletionDate, clock.Today, Now(), currentUser.UserName, input.RequestId);

    private async Task<(LaybyPolicy Policy, Division Division)> PolicyAndAccountAsync(
        ICustomerDb db, int customerId, int divisionId, CancellationToken cancellationToken)
    {
        currentUser.RequireDivision(divisionId);
        var customer = await CustomerStanding.OfAsync(db, customerId, cancellationToken);
        var account = await db.DivisionAccounts.FirstOrDefaultAsync(a => a.CustomerId == customerId && a.DivisionId == divisionId, cancellationToken);
        CreditCheck.EnsureMayBuyOnCredit(CreditUse.Layby, customer, account);
        var division = await db.Divisions.FirstOrDefaultAsync(d => d.Id == divisionId, cancellationToken)
            ?? throw new DomainException("Choose a division.", "DivisionId");
        if (account is null)
        {
            throw new DomainException($"{customer.CustomerNumber} has no account in {division.Name}; open one first.", "DivisionId");
        }

        if (account.Status != DivisionAccountStatus.Active || !account.AllowLayby)
        {
            throw new DomainException($"Account {account.AccountNumber} does not allow laybys (status {account.Status}).", "DivisionId");
        }

        var policy = await LaybyPolicyService.CurrentAsync(db, divisionId, cancellationToken)
            ?? throw new DomainException($"{division.Name} has no layby policy yet; an admin sets one up.", "DivisionId");
        return (policy, division);
    }

    private async Task ChangeAsync(int laybyId, int version, string[] roles, Action<Layby> change, CancellationToken cancellationToken)
    {
        currentUser.Require(roles);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var layby = await LoadAsync(db, laybyId, cancellationToken);
        Concurrency.EnsureVersion(layby, version, $"layby {layby.LaybyNumber}");
        change(layby);
        await db.SaveOrExplainAsync(cancellationToken);
    }

    /// <summary>The layby to change, once the user is known to work in its division.</summary>
    private async Task<Layby> LoadAsync(ICustomerDb db, int laybyId, CancellationToken cancellationToken)
    {
        var layby = await db.Laybys.AsSplitQuery().Include(l => l.Instalments).Include(l => l.Entries)
                .FirstOrDefaultAsync(l => l.Id == laybyId, cancellationToken)
            ?? throw new NotFoundException("That layby does not exist.");
        currentUser.RequireDivision(layby.DivisionId);
        return layby;
    }

    private static async Task<Layby?> ByRequestAsync(ICustomerDb db, Guid requestId, CancellationToken cancellationToken)
    {
        var laybyId = await db.LaybyEntries.Where(e => e.RequestId == requestId).Select(e => (int?)e.LaybyId).FirstOrDefaultAsync(cancellationToken);
        return laybyId is null ? null : await db.Laybys.AsNoTracking().FirstAsync(l => l.Id == laybyId, cancellationToken);
    }

    private DateTime Now() => clock.UtcNow;
}
