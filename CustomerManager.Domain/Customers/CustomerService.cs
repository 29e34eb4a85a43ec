using CustomerManager.Domain.Accounts;
using CustomerManager.Domain.Auditing;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Numbering;
using CustomerManager.Domain.Organisation;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Domain.Customers;

public sealed record AccountSummary(
    int Id, string AccountNumber, int DivisionId, string DivisionName, string DivisionCode, DivisionAccountStatus Status,
    decimal Balance, decimal CreditLimit, decimal AvailableCredit, int PaymentTermsDays, bool AllowLayby, bool AllowCredit,
    LoyaltyTier LoyaltyTier, int LoyaltyPoints);

public sealed record CustomerProfile(
    Customer Customer,
    IReadOnlyList<AccountSummary> Accounts,
    string? LinkedUserName,
    string? LinkedEmployeeName,
    string? MergedIntoNumber,
    decimal GroupExposure,
    decimal LaybyBalance);

public sealed record LinkChoice<T>(T Id, string Text);

/// <summary>Find, register and maintain universal customers (DOMAIN.md §2).</summary>
public sealed partial class CustomerService(
    ICustomerDbFactory dbFactory, ICurrentUser currentUser, TimeProvider clock, BusinessDefaults businessDefaults)
{
    private static readonly string[] Viewers = [Roles.Clerk, Roles.CreditManager, Roles.Accountant, Roles.Admin];
    private static readonly string[] Editors = [Roles.Clerk, Roles.CreditManager, Roles.Admin];
    private static readonly string[] Supervisors = [Roles.CreditManager, Roles.Admin];

    public async Task<Page<CustomerListItem>> SearchAsync(
        CustomerQuery query, int skip, int take, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Viewers);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        skip = Math.Max(0, skip);
        take = Math.Clamp(take, 1, 200);
        // What the text is, worked out once for both paths below.
        var accountNumber = CustomerSearchText.AccountNumber(query.Text);
        var plan = accountNumber is null
            ? CustomerSearchText.Plan(query.Text, (await businessDefaults.GetAsync(db, cancellationToken)).PhoneCountryCode)
            : null;
        if (plan is not null && await KeyLookupFastPathAsync(db, query, plan, cancellationToken) is { } found)
        {
            return new Page<CustomerListItem>(found.Skip(skip).Take(take).ToList(), found.Count);
        }

        var (customers, isExact) = await FilteredAsync(db, query, accountNumber, plan, cancellationToken);
        customers = Sorted(customers, query);
        var projected = customers.Select(c => new CustomerListItem(c.Id, c.CustomerNumber, c.FullName, c.Type, c.PrimaryPhone,
            c.PrimaryEmail, c.City, c.IsActive, c.IsBlacklisted));
        if (isExact)
        {
            // A key lookup matches a handful of rows: read them all, count and page in memory (one query).
            var all = await projected.ToListAsync(cancellationToken);
            return new Page<CustomerListItem>(all.Skip(skip).Take(take).ToList(), all.Count);
        }

        var total = await customers.CountAsync(cancellationToken);
        var items = await projected.Skip(skip).Take(take).ToListAsync(cancellationToken);
        return new Page<CustomerListItem>(items, total);
    }

    /// <summary>
    /// The clerk's everyday search (a number, e-mail or phone typed, no other filter, default sort) through precompiled
    /// queries: the same SQL as the general path, without rebuilding and looking up the LINQ expression each time.
    /// </summary>
    private static async Task<List<CustomerListItem>?> KeyLookupFastPathAsync(
        ICustomerDb db, CustomerQuery query, SearchPlan plan, CancellationToken cancellationToken)
    {
        if (db is not DbContext context || query is not
            {
                Type: null, Status: CustomerStatusFilter.Active, DivisionId: null, Tag: null, Blacklisted: null,
                Sort: CustomerSort.Name, Descending: false,
            })
        {
            return null;
        }

        var results = plan.Key switch
        {
            { Kind: KeyKind.CustomerNumber } key => ActiveByNumber(context, key.Value),
            { Kind: KeyKind.Email } key => ActiveByEmail(context, key.Value),
            { Kind: KeyKind.PhoneOrNationalId } key => ActiveByPhoneOrNationalId(context, key.Value, key.NationalId ?? ""),
            _ => null,
        };
        if (results is null)
        {
            return null;
        }

        var list = new List<CustomerListItem>();
        await foreach (var item in results.WithCancellation(cancellationToken))
        {
            list.Add(item);
        }

        return list;
    }

    private static readonly Func<DbContext, string, IAsyncEnumerable<CustomerListItem>> ActiveByNumber =
        EF.CompileAsyncQuery((DbContext db, string number) => db.Set<Customer>()
            .Where(c => c.IsActive && db.Set<Customer>().Where(x => x.CustomerNumber == number).Select(x => x.Id).Contains(c.Id))
            .OrderBy(c => c.FullNameKey).ThenBy(c => c.Id)
            .Select(c => new CustomerListItem(c.Id, c.CustomerNumber, c.FullName, c.Type, c.PrimaryPhone, c.PrimaryEmail, c.City, c.IsActive, c.IsBlacklisted)));

    private static readonly Func<DbContext, string, IAsyncEnumerable<CustomerListItem>> ActiveByEmail =
        EF.CompileAsyncQuery((DbContext db, string email) => db.Set<Customer>()
            .Where(c => c.IsActive && db.Set<Customer>().Where(x => x.PrimaryEmail == email).Select(x => x.Id).Contains(c.Id))
            .OrderBy(c => c.FullNameKey).ThenBy(c => c.Id)
            .Select(c => new CustomerListItem(c.Id, c.CustomerNumber, c.FullName, c.Type, c.PrimaryPhone, c.PrimaryEmail, c.City, c.IsActive, c.IsBlacklisted)));

    private static readonly Func<DbContext, string, string, IAsyncEnumerable<CustomerListItem>> ActiveByPhoneOrNationalId =
        EF.CompileAsyncQuery((DbContext db, string phone, string nationalId) => db.Set<Customer>()
            .Where(c => c.IsActive && db.Set<Customer>().Where(x => x.PrimaryPhone == phone).Select(x => x.Id)
                .Union(db.Set<Customer>().Where(x => x.AlternatePhone == phone).Select(x => x.Id))
                .Union(db.Set<Customer>().Where(x => x.NationalId == nationalId).Select(x => x.Id))
                .Contains(c.Id))
            .OrderBy(c => c.FullNameKey).ThenBy(c => c.Id)
            .Select(c => new CustomerListItem(c.Id, c.CustomerNumber, c.FullName, c.Type, c.PrimaryPhone, c.PrimaryEmail, c.City, c.IsActive, c.IsBlacklisted)));

    private static IQueryable<Customer> Sorted(IQueryable<Customer> customers, CustomerQuery query) =>
        (query.Sort, query.Descending) switch
        {
            (CustomerSort.Number, false) => customers.OrderBy(c => c.CustomerNumber),
            (CustomerSort.Number, true) => customers.OrderByDescending(c => c.CustomerNumber),
            (CustomerSort.Created, false) => customers.OrderBy(c => c.CreatedAtUtc).ThenBy(c => c.Id),
            (CustomerSort.Created, true) => customers.OrderByDescending(c => c.CreatedAtUtc).ThenByDescending(c => c.Id),
            (CustomerSort.City, false) => customers.OrderBy(c => c.City).ThenBy(c => c.FullNameKey),
            (CustomerSort.City, true) => customers.OrderByDescending(c => c.City).ThenByDescending(c => c.FullNameKey),
            (_, false) => customers.OrderBy(c => c.FullNameKey).ThenBy(c => c.Id),
            (_, true) => customers.OrderByDescending(c => c.FullNameKey).ThenByDescending(c => c.Id),
        };

    public async Task<CustomerProfile> GetProfileAsync(int id, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Viewers);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var customer = await db.Customers.AsNoTracking().Include(c => c.Tags).FirstOrDefaultAsync(c => c.Id == id, cancellationToken)
            ?? throw new DomainException("That customer does not exist.");
        var accounts = await (from a in db.DivisionAccounts
                              join d in db.Divisions on a.DivisionId equals d.Id
                              where a.CustomerId == id
                              orderby d.Name
                              select new { a, d.Name, d.Code }).AsNoTracking().ToListAsync(cancellationToken);
        var linkedUser = customer.LinkedUserId is null
            ? null
            : await db.Users.Where(u => u.Id == customer.LinkedUserId).Select(u => u.UserName).FirstOrDefaultAsync(cancellationToken);
        var employee = customer.LinkedEmployeeId is null
            ? null
            : await db.Employees.Where(e => e.Id == customer.LinkedEmployeeId).Select(e => e.FirstName + " " + e.LastName)
                .FirstOrDefaultAsync(cancellationToken);
        var mergedInto = customer.MergedIntoId is null
            ? null
            : await db.Customers.Where(c => c.Id == customer.MergedIntoId).Select(c => c.CustomerNumber).FirstOrDefaultAsync(cancellationToken);
        var summaries = accounts.Select(x => new AccountSummary(
            x.a.Id, x.a.AccountNumber, x.a.DivisionId, x.Name, x.Code, x.a.Status, x.a.Balance, x.a.CreditLimit,
            x.a.AvailableCredit, x.a.PaymentTermsDays, x.a.AllowLayby, x.a.AllowCredit, x.a.LoyaltyTier, x.a.LoyaltyPoints)).ToList();
        // Open laybys: what the customer still owes on them, shown beside the accounts in the group view.
        var laybyBalance = await db.Laybys
            .Where(l => l.CustomerId == id && (l.Status == Laybys.LaybyStatus.Active || l.Status == Laybys.LaybyStatus.OnHold))
            .SumAsync(l => l.Balance, cancellationToken);
        return new CustomerProfile(customer, summaries, linkedUser, employee, mergedInto, summaries.Sum(a => a.Balance), laybyBalance);
    }

    /// <summary>The audit trail of the customer, its tags and its division accounts, newest first.</summary>
    public async Task<IReadOnlyList<AuditEntry>> HistoryAsync(int id, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Viewers);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var key = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var accountKeys = (await db.DivisionAccounts.Where(a => a.CustomerId == id).Select(a => a.Id).ToListAsync(cancellationToken))
            .Select(a => a.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var tagPrefix = key + "|";
        return await db.AuditEntries.AsNoTracking()
            .Where(a => (a.EntityType == nameof(Customer) && a.EntityKey == key)
                || (a.EntityType == nameof(DivisionAccount) && accountKeys.Contains(a.EntityKey))
                || (a.EntityType == nameof(CustomerTag) && a.EntityKey.StartsWith(tagPrefix)))
            .OrderByDescending(a => a.Id)
            .Take(500)
            .ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<DuplicateCandidate>> FindDuplicatesAsync(
        CustomerDetails details, int? excludeId = null, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Editors);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var probe = await BuildAsync(db, details, cancellationToken);
        return await DuplicatesOfAsync(db, probe, excludeId, cancellationToken);
    }

    /// <summary>
    /// Registers a customer. Unless <paramref name="notDuplicateOf"/> lists every likely duplicate (the clerk said
    /// "not a duplicate"), likely duplicates refuse the save; the dismissals are remembered for those pairs.
    /// </summary>
    public async Task<Customer> CreateAsync(
        CustomerDetails details, IReadOnlyCollection<int>? notDuplicateOf = null, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Editors);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var customer = await BuildAsync(db, details, cancellationToken);
        await EnsureUniqueAsync(db, customer, cancellationToken);
        var duplicates = await DuplicatesOfAsync(db, customer, null, cancellationToken);
        EnsureDuplicatesDismissed(duplicates, notDuplicateOf);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        customer.AssignNumber(await db.TakeNextAsync(Customer.NumberPrefix, cancellationToken));
        db.Customers.Add(customer);
        await db.SaveOrExplainAsync(cancellationToken);
        RememberDismissals(db, customer.Id, duplicates);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return customer;
    }

    public async Task<Customer> UpdateAsync(
        int id, int version, CustomerDetails details, IReadOnlyCollection<int>? notDuplicateOf = null,
        CancellationToken cancellationToken = default)
    {
        currentUser.Require(Editors);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var customer = await LoadForChangeAsync(db, id, version, cancellationToken);
        var (countryCode, country) = await BusinessDefaultsAsync(db, cancellationToken);
        customer.Apply(details, countryCode, country, Today(), clock.GetUtcNow().UtcDateTime, currentUser.UserName);
        await EnsureUniqueAsync(db, customer, cancellationToken);
        var duplicates = await DuplicatesOfAsync(db, customer, id, cancellationToken);
        var dismissed = await DismissedPartnersAsync(db, id, cancellationToken);
        EnsureDuplicatesDismissed(duplicates.Where(d => !dismissed.Contains(d.CustomerId)).ToList(), notDuplicateOf);
        RememberDismissals(db, id, duplicates.Where(d => !dismissed.Contains(d.CustomerId)).ToList());
        await db.SaveOrExplainAsync(cancellationToken);
        return customer;
    }

    public async Task SetBlacklistAsync(int id, int version, bool blacklisted, string? reason, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Supervisors);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var customer = await LoadForChangeAsync(db, id, version, cancellationToken);
        if (blacklisted)
        {
            customer.Blacklist(reason ?? "");
        }
        else
        {
            customer.ClearBlacklist();
        }

        await db.SaveOrExplainAsync(cancellationToken);
    }

    public async Task DeactivateAsync(int id, int version, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Supervisors);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        (await LoadForChangeAsync(db, id, version, cancellationToken)).Deactivate();
        await db.SaveOrExplainAsync(cancellationToken);
    }

    public async Task RestoreAsync(int id, int version, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Supervisors);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        (await LoadForChangeAsync(db, id, version, cancellationToken)).Restore();
        await db.SaveOrExplainAsync(cancellationToken);
    }

    /// <summary>Sign-ins and employees a customer can be linked to (each at most one customer).</summary>
    public async Task<(IReadOnlyList<LinkChoice<string>> Users, IReadOnlyList<LinkChoice<int>> Employees)> LinkChoicesAsync(
        CancellationToken cancellationToken = default)
    {
        currentUser.Require(Editors);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var users = await db.Users.OrderBy(u => u.UserName)
            .Select(u => new LinkChoice<string>(u.Id, u.UserName + " (" + u.DisplayName + ")")).ToListAsync(cancellationToken);
        var employees = await db.Employees.OrderBy(e => e.LastName).ThenBy(e => e.FirstName)
            .Select(e => new LinkChoice<int>(e.Id, e.FirstName + " " + e.LastName + " (" + e.JobTitle + ")")).ToListAsync(cancellationToken);
        return (users, employees);
    }

    /// <summary>The tags in use, for the list's tag filter.</summary>
    public async Task<IReadOnlyList<string>> TagsAsync(CancellationToken cancellationToken = default)
    {
        currentUser.Require(Viewers);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        return await db.CustomerTags.Select(t => t.Tag).Distinct().OrderBy(t => t).Take(500).ToListAsync(cancellationToken);
    }

    /// <summary>The filtered customers, and whether the text was a key lookup (few rows, already narrowed by id).</summary>
    private static async Task<(IQueryable<Customer> Customers, bool IsExact)> FilteredAsync(
        ICustomerDb db, CustomerQuery query, string? accountNumber, SearchPlan? plan, CancellationToken cancellationToken)
    {
        var customers = db.Customers.AsNoTracking();
        var isExact = false;
        if (accountNumber is not null)
        {
            var ids = await db.DivisionAccounts.Where(a => a.AccountNumber == accountNumber).Select(a => a.CustomerId).ToListAsync(cancellationToken);
            customers = customers.Where(c => EF.Constant(ids).Contains(c.Id));
            isExact = true;
        }
        else if (plan is not null)
        {
            if (plan.IsExact)
            {
                // Id IN (one indexed lookup per path, UNIONed): the rows are then read by key, whatever the sort.
                var ids = plan.ExactLookups.Select(p => db.Customers.Where(p).Select(c => c.Id)).Aggregate(Queryable.Union);
                customers = customers.Where(c => ids.Contains(c.Id));
                isExact = true;
            }
            else if (plan.NamePrefix is { } prefix)
            {
                customers = customers.Where(prefix);
            }
        }

        customers = query.Status switch
        {
            CustomerStatusFilter.Active => customers.Where(c => c.IsActive),
            CustomerStatusFilter.Inactive => customers.Where(c => !c.IsActive),
            _ => customers,
        };
        if (query.Type is { } type)
        {
            customers = customers.Where(c => c.Type == type);
        }

        if (query.Blacklisted is { } blacklisted)
        {
            customers = customers.Where(c => c.IsBlacklisted == blacklisted);
        }

        if (query.DivisionId is { } divisionId)
        {
            customers = customers.Where(c => db.DivisionAccounts.Any(a => a.CustomerId == c.Id && a.DivisionId == divisionId));
        }

        if (!string.IsNullOrWhiteSpace(query.Tag))
        {
            var tag = query.Tag.Trim().ToLowerInvariant();
            customers = customers.Where(c => db.CustomerTags.Any(t => t.CustomerId == c.Id && t.Tag == tag));
        }

        return (customers, isExact);
    }

    private async Task<Customer> BuildAsync(ICustomerDb db, CustomerDetails details, CancellationToken cancellationToken)
    {
        var (countryCode, country) = await BusinessDefaultsAsync(db, cancellationToken);
        return new Customer(details, countryCode, country, Today(), clock.GetUtcNow().UtcDateTime, currentUser.UserName);
    }

    private async Task<Customer> LoadForChangeAsync(ICustomerDb db, int id, int version, CancellationToken cancellationToken)
    {
        var customer = await db.Customers.Include(c => c.Tags).FirstOrDefaultAsync(c => c.Id == id, cancellationToken)
            ?? throw new DomainException("That customer does not exist.");
        if (customer.Version != version)
        {
            throw new ConcurrencyConflictException(
                $"{customer.UpdatedBy} changed {customer.CustomerNumber} at {customer.UpdatedAtUtc:yyyy-MM-dd HH:mm} UTC, after you opened it. Reload to see their changes.");
        }

        return customer;
    }

    private async Task<(string CountryCode, string Country)> BusinessDefaultsAsync(ICustomerDb db, CancellationToken cancellationToken)
    {
        var defaults = await businessDefaults.GetAsync(db, cancellationToken);
        return (defaults.PhoneCountryCode, defaults.Country);
    }

    private DateOnly Today() => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    /// <summary>The database enforces these too; checking first names the field in the message.</summary>
    private static async Task EnsureUniqueAsync(ICustomerDb db, Customer customer, CancellationToken cancellationToken)
    {
        var others = db.Customers.Where(c => c.Id != customer.Id);
        if (customer.PrimaryEmail is { } email && await others.Where(c => c.PrimaryEmail == email)
                .Select(c => c.CustomerNumber).FirstOrDefaultAsync(cancellationToken) is { } emailOwner)
        {
            throw new DomainException($"{emailOwner} already uses this e-mail address.", nameof(Customer.PrimaryEmail));
        }

        if (customer.NationalId is { } nationalId && await others.Where(c => c.NationalId == nationalId)
                .Select(c => c.CustomerNumber).FirstOrDefaultAsync(cancellationToken) is { } idOwner)
        {
            throw new DomainException($"{idOwner} already has this national ID.", nameof(Customer.NationalId));
        }

        if (customer.LinkedUserId is { } userId)
        {
            if (!await db.Users.AnyAsync(u => u.Id == userId, cancellationToken))
            {
                throw new DomainException("That sign-in does not exist.", nameof(Customer.LinkedUserId));
            }

            if (await others.Where(c => c.LinkedUserId == userId).Select(c => c.CustomerNumber).FirstOrDefaultAsync(cancellationToken) is { } userOwner)
            {
                throw new DomainException($"That sign-in is already linked to {userOwner}.", nameof(Customer.LinkedUserId));
            }
        }

        if (customer.LinkedEmployeeId is { } employeeId)
        {
            if (!await db.Employees.AnyAsync(e => e.Id == employeeId, cancellationToken))
            {
                throw new DomainException("That employee does not exist.", nameof(Customer.LinkedEmployeeId));
            }

            if (await others.Where(c => c.LinkedEmployeeId == employeeId).Select(c => c.CustomerNumber).FirstOrDefaultAsync(cancellationToken) is { } employeeOwner)
            {
                throw new DomainException($"That employee is already linked to {employeeOwner}.", nameof(Customer.LinkedEmployeeId));
            }
        }
    }

    private static async Task<IReadOnlyList<DuplicateCandidate>> DuplicatesOfAsync(
        ICustomerDb db, Customer probe, int? excludeId, CancellationToken cancellationToken)
    {
        var phones = probe.AlternatePhone is null ? new[] { probe.PrimaryPhone } : [probe.PrimaryPhone, probe.AlternatePhone];
        var email = probe.PrimaryEmail;
        var nationalId = probe.NationalId;
        var lastName = probe.LastNameKey.Length > 0 ? probe.LastNameKey : null;
        var company = probe.CompanyNameKey.Length > 0 ? probe.CompanyNameKey : null;
        var candidates = await db.Customers.AsNoTracking()
            .Where(c => c.Id != (excludeId ?? 0) && c.MergedIntoId == null)
            .Where(c => phones.Contains(c.PrimaryPhone)
                || (c.AlternatePhone != null && phones.Contains(c.AlternatePhone))
                || (email != null && c.PrimaryEmail == email)
                || (nationalId != null && c.NationalId == nationalId)
                || (lastName != null && c.LastNameKey == lastName)
                || (company != null && c.CompanyNameKey == company))
            .Take(200)
            .ToListAsync(cancellationToken);
        return candidates
            .Select(c => (Customer: c, Result: DuplicateScoring.Score(probe, c)))
            .Where(x => x.Result.Score >= DuplicateScoring.Threshold)
            .OrderByDescending(x => x.Result.Score).ThenBy(x => x.Customer.CustomerNumber)
            .Take(10)
            .Select(x => new DuplicateCandidate(x.Customer.Id, x.Customer.CustomerNumber, x.Customer.FullName, x.Result.Score, x.Result.Reasons))
            .ToList();
    }

    private static async Task<HashSet<int>> DismissedPartnersAsync(ICustomerDb db, int id, CancellationToken cancellationToken)
    {
        var pairs = await db.DuplicateDismissals.Where(d => d.CustomerId == id || d.OtherCustomerId == id)
            .Select(d => d.CustomerId == id ? d.OtherCustomerId : d.CustomerId).ToListAsync(cancellationToken);
        return [.. pairs];
    }

    private static void EnsureDuplicatesDismissed(IReadOnlyList<DuplicateCandidate> duplicates, IReadOnlyCollection<int>? notDuplicateOf)
    {
        var open = duplicates.Where(d => notDuplicateOf?.Contains(d.CustomerId) != true).ToList();
        if (open.Count > 0)
        {
            throw new LikelyDuplicatesException(open);
        }
    }

    private void RememberDismissals(ICustomerDb db, int id, IReadOnlyList<DuplicateCandidate> duplicates)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var duplicate in duplicates)
        {
            db.DuplicateDismissals.Add(new DuplicateDismissal(id, duplicate.CustomerId, currentUser.UserName, now));
        }
    }
}

/// <summary>The save needs the clerk's decision: open one of these, or continue with "not a duplicate".</summary>
public sealed class LikelyDuplicatesException(IReadOnlyList<DuplicateCandidate> candidates)
    : DomainException($"This looks like {candidates.Count} existing customer(s): {string.Join(", ", candidates.Select(c => c.CustomerNumber))}.")
{
    public IReadOnlyList<DuplicateCandidate> Candidates { get; } = candidates;
}
