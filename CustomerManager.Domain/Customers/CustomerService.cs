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
    LoyaltyTier LoyaltyTier, int LoyaltyPoints)
{
    public AccountType AccountType { get; init; }

    public string? Segment { get; init; }

    public bool IsMember { get; init; }

    /// <summary>"VIP · Students · member": how the business treats the account, in words (empty for a plain retail account).</summary>
    public string Treatment => string.Join(" · ", new[]
    {
        AccountType == AccountType.Retail ? null : AccountType.Words(), Segment, IsMember ? "member" : null,
    }.OfType<string>());
}

public sealed record CustomerProfile(
    Customer Customer,
    IReadOnlyList<AccountSummary> Accounts,
    string? LinkedUserName,
    string? LinkedEmployeeName,
    string? MergedIntoNumber,
    decimal GroupExposure,
    decimal LaybyBalance,
    IReadOnlyList<string> OtherDivisionNames)
{
    /// <summary>
    /// Whether the figures leave out accounts in divisions the user does not work in (DOMAIN.md §1 division limits):
    /// then <see cref="GroupExposure"/> and <see cref="LaybyBalance"/> cover the user's divisions only.
    /// </summary>
    public bool IsPartial => OtherDivisionNames.Count > 0;
}

public sealed record LinkChoice<T>(T Id, string Text);

/// <summary>The institution the customer form puts the customer in (none: not a member) and as what.</summary>
public sealed record MembershipChoice(int? InstitutionId, Institutions.Designation? Designation);

/// <summary>Find, register and maintain universal customers (DOMAIN.md §2).</summary>
public sealed partial class CustomerService(
    ICustomerDbFactory dbFactory, ICurrentUser currentUser, BusinessTime clock, BusinessDefaults businessDefaults,
    Institutions.InstitutionService memberships)
{
    private static readonly string[] Viewers = [Roles.Clerk, Roles.CreditManager, Roles.Accountant, Roles.Admin];
    private static readonly string[] Editors = [Roles.Clerk, Roles.CreditManager, Roles.Admin];
    private static readonly string[] Supervisors = [Roles.CreditManager, Roles.Admin];

    /// <summary>A page of the customers matching the search box, filters and sort, and how many match.</summary>
    public async Task<Page<CustomerListItem>> SearchAsync(
        CustomerQuery query, int skip, int take, CancellationToken cancellationToken = default)
    {
        var page = await ListAsync(query, skip, take, null, cancellationToken);
        return new Page<CustomerListItem>(page.Items, page.TotalCount);
    }

    /// <summary>
    /// The customer list: a page of matches and their count (capped for broad searches, see <see cref="CustomerListPage"/>).
    /// Given the position of the page shown before (<paramref name="from"/>), the next or previous page of the unfiltered
    /// list is read on from that row (keyset paging), so page 10,000 costs what page 2 does.
    /// </summary>
    public async Task<CustomerListPage> ListAsync(
        CustomerQuery query, int skip, int take, CustomerListPosition? from = null, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Viewers);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        skip = Math.Max(0, skip);
        take = Math.Clamp(take, 1, 200);
        var text = CustomerSearchText.Parse(query.Text, (await businessDefaults.GetAsync(db, cancellationToken)).PhoneCountryCode);
        if (db.Database.ProviderName == CustomerListSql.SqliteProvider
            && query is { Status: CustomerStatusFilter.Active, HasFilters: false }
            && await PlainSqlPageAsync(db, query, text, skip, take, from, cancellationToken) is { } page)
        {
            return page with { Items = await WithRelationsAsync(db, page.Items, currentUser.DivisionIds, cancellationToken) };
        }

        var general = await GeneralPageAsync(db, await WithMyEmployeeAsync(db, query, cancellationToken), text, skip, take, cancellationToken);
        return general with { Items = await WithRelationsAsync(db, general.Items, currentUser.DivisionIds, cancellationToken) };
    }

    /// <summary>
    /// The everyday cases as plain SQL (<see cref="CustomerListSql"/>): a key lookup, the start of a name, or the
    /// unfiltered list by name or number. Null when the query needs the general path.
    /// </summary>
    private static async Task<CustomerListPage?> PlainSqlPageAsync(
        ICustomerDb db, CustomerQuery query, SearchText text, int skip, int take, CustomerListPosition? from,
        CancellationToken cancellationToken)
    {
        var byNameAscending = query is { Sort: CustomerSort.Name, Descending: false };
        if (text.IsKeyLookup && byNameAscending)
        {
            var found = text.Kind switch
            {
                SearchTextKind.CustomerNumber => await CustomerListSql.ReadAsync(db, CustomerListSql.ActiveByNumber, [("@value", text.Value!)], cancellationToken),
                SearchTextKind.Email => await CustomerListSql.ReadAsync(db, CustomerListSql.ActiveByEmail, [("@value", text.Value!)], cancellationToken),
                SearchTextKind.AccountNumber => await CustomerListSql.ReadAsync(db, CustomerListSql.ActiveByAccountNumber, [("@value", text.Value!)], cancellationToken),
                _ => await CustomerListSql.ReadAsync(db, CustomerListSql.ActiveByPhoneOrNationalId,
                    [("@phone", text.Phone ?? ""), ("@otherPhone", text.OtherPhone ?? ""), ("@nationalId", text.NationalId ?? "")], cancellationToken),
            };
            return new CustomerListPage(found.Skip(skip).Take(take).Select(r => r.Item).ToList(), found.Count, false, null);
        }

        if (text is { Kind: SearchTextKind.Name, Phone: null, NationalId: null } && byNameAscending)
        {
            var key = text.NameKey!;
            var upper = key + '\uffff';
            var orders = Math.Min(text.NameOrders.Count, CustomerListSql.MaxNameOrders);
            (string, object)[] name = [("@key", key), ("@upper", upper), .. CustomerListSql.NameOrderParameters(text)];
            var rows = await CustomerListSql.ReadAsync(db, CustomerListSql.ActiveByNamePrefix(orders),
                [.. name, ("@n", skip + take), ("@skip", skip), ("@take", take)], cancellationToken);
            var items = rows.Select(r => r.Item).ToList();
            if (skip == 0 && rows.Count < take)
            {
                return new CustomerListPage(items, rows.Count, false, null);
            }

            var count = (int)await CustomerListSql.CountAsync(db, CustomerListSql.CountActiveByNamePrefix(orders),
                [.. name, ("@cap", CustomerListSql.CountCap)], cancellationToken);
            return new CustomerListPage(items, Math.Min(count, CustomerListSql.CountCap), count >= CustomerListSql.CountCap, null);
        }

        if (text.Kind != SearchTextKind.Everything || !CustomerListSql.HasListPage(query.Sort))
        {
            return null;
        }

        var total = (int)await CustomerListSql.CountAsync(db, CustomerListSql.CountActive, [], cancellationToken);
        var (mode, parameters) = ListPagePlan(query, skip, take, total, from);
        if (parameters is null)
        {
            return new CustomerListPage([], total, false, null);
        }

        var page = await CustomerListSql.ReadAsync(db, CustomerListSql.ListPage(query.Sort, query.Descending, mode), parameters, cancellationToken);
        string KeyOf((CustomerListItem Item, string NameKey) row) => query.Sort == CustomerSort.Name ? row.NameKey : row.Item.CustomerNumber;
        var position = page.Count == 0
            ? null
            : new CustomerListPosition(query, skip, take, KeyOf(page[0]), page[0].Item.Id, KeyOf(page[^1]), page[^1].Item.Id);
        return new CustomerListPage(page.Select(r => r.Item).ToList(), total, false, position);
    }

    /// <summary>
    /// Next or previous page of the one shown: read on from its last or first row. Otherwise skip rows in the index
    /// (which never reads the skipped rows), from the end when the page lies past the middle.
    /// </summary>
    private static (CustomerListSql.PageMode Mode, (string, object)[]? Parameters) ListPagePlan(
        CustomerQuery query, int skip, int take, int total, CustomerListPosition? from)
    {
        if (from is not null && from.Query == query && from.Take == take)
        {
            if (skip == from.Skip + take)
            {
                return (CustomerListSql.PageMode.After, [("@key", from.LastKey), ("@id", from.LastId), ("@take", take)]);
            }

            if (skip == from.Skip - take)
            {
                return (CustomerListSql.PageMode.Before, [("@key", from.FirstKey), ("@id", from.FirstId), ("@take", take)]);
            }
        }

        if (skip >= total)
        {
            return (CustomerListSql.PageMode.Offset, null);
        }

        if (skip > total / 2)
        {
            var fromEnd = total - skip - take;
            return (CustomerListSql.PageMode.OffsetFromEnd, [("@skip", Math.Max(0, fromEnd)), ("@take", take + Math.Min(0, fromEnd))]);
        }

        return (CustomerListSql.PageMode.Offset, [("@skip", skip), ("@take", take)]);
    }

    /// <summary>Any filter, status and sort, through LINQ on either provider.</summary>
    private async Task<CustomerListPage> GeneralPageAsync(
        ICustomerDb db, CustomerQuery query, SearchText text, int skip, int take, CancellationToken cancellationToken)
    {
        var (filtered, isExact) = await FilteredAsync(db, query, text, cancellationToken);
        var projected = Sorted(db, filtered, query).Select(c => new CustomerListItem(c.Id, c.CustomerNumber, c.FullName, c.Type,
            c.PrimaryPhone, c.PrimaryEmail, c.City, c.IsActive, c.IsBlacklisted));
        if (isExact)
        {
            // A key lookup matches a handful of rows: read them all, count and page in memory (one query).
            var all = await projected.ToListAsync(cancellationToken);
            return new CustomerListPage(all.Skip(skip).Take(take).ToList(), all.Count, false, null);
        }

        // Counting every match of a broad filter would cost more than the page: count up to a cap.
        var count = await filtered.OrderBy(c => c.Id).Take(GeneralCountCap).CountAsync(cancellationToken);
        var items = await projected.Skip(skip).Take(take).ToListAsync(cancellationToken);
        return new CustomerListPage(items, count, count >= GeneralCountCap, null);
    }

    /// <summary>A filtered list counts at most this many matches (400 pages of 25).</summary>
    public const int GeneralCountCap = 10_000;

    private static IQueryable<Customer> Sorted(ICustomerDb db, IQueryable<Customer> customers, CustomerQuery query) =>
        (query.Sort, query.Descending) switch
        {
            (CustomerSort.ChurnRisk, _) => customers.OrderByDescending(c => db.Subscriptions
                    .Where(s => s.CustomerId == c.Id && s.Status != Subscriptions.SubscriptionStatus.Cancelled)
                    .Max(s => (int?)(s.ChurnRisk == Subscriptions.ChurnRisk.High ? 3 : s.ChurnRisk == Subscriptions.ChurnRisk.Medium ? 2 : 1)) ?? 0)
                .ThenBy(c => c.FullNameKey).ThenBy(c => c.Id),
            (CustomerSort.NextBilling, _) => customers.OrderBy(c => db.Subscriptions
                    .Where(s => s.CustomerId == c.Id && s.Status == Subscriptions.SubscriptionStatus.Active)
                    .Min(s => (DateOnly?)s.NextBillingDate) ?? DateOnly.MaxValue)
                .ThenBy(c => c.FullNameKey).ThenBy(c => c.Id),
            (CustomerSort.Number, false) => customers.OrderBy(c => c.CustomerNumber),
            (CustomerSort.Number, true) => customers.OrderByDescending(c => c.CustomerNumber),
            (CustomerSort.Created, false) => customers.OrderBy(c => c.CreatedAtUtc).ThenBy(c => c.Id),
            (CustomerSort.Created, true) => customers.OrderByDescending(c => c.CreatedAtUtc).ThenByDescending(c => c.Id),
            (CustomerSort.City, false) => customers.OrderBy(c => c.City).ThenBy(c => c.FullNameKey).ThenBy(c => c.Id),
            (CustomerSort.City, true) => customers.OrderByDescending(c => c.City).ThenByDescending(c => c.FullNameKey).ThenByDescending(c => c.Id),
            (_, false) => customers.OrderBy(c => c.FullNameKey).ThenBy(c => c.Id),
            (_, true) => customers.OrderByDescending(c => c.FullNameKey).ThenByDescending(c => c.Id),
        };

    public async Task<CustomerProfile> GetProfileAsync(int id, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Viewers);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var customer = await db.Customers.AsNoTracking().Include(c => c.Tags).FirstOrDefaultAsync(c => c.Id == id, cancellationToken)
            ?? throw new NotFoundException("That customer does not exist.");
        var allAccounts = await (from a in db.DivisionAccounts
                                 join d in db.Divisions on a.DivisionId equals d.Id
                                 where a.CustomerId == id
                                 orderby d.Name
                                 select new { a, d.Name, d.Code }).AsNoTracking().ToListAsync(cancellationToken);
        // A user limited to some divisions sees the customer (shared by the group) and which other divisions hold an
        // account, but no number, balance, limit or entry of those accounts, and no total that would reveal them.
        var accounts = allAccounts.Where(x => currentUser.WorksIn(x.a.DivisionId)).ToList();
        var otherDivisions = allAccounts.Where(x => !currentUser.WorksIn(x.a.DivisionId)).Select(x => x.Name).ToList();
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
            x.a.AvailableCredit, x.a.PaymentTermsDays, x.a.AllowLayby, x.a.AllowCredit, x.a.LoyaltyTier, x.a.LoyaltyPoints)
        {
            AccountType = x.a.AccountType,
            Segment = x.a.Segment,
            IsMember = x.a.IsMember,
        }).ToList();
        // Open laybys: what the customer still owes on them, shown beside the accounts in the group view.
        var mine = currentUser.DivisionIds;
        var laybyBalance = await db.Laybys
            .Where(l => l.CustomerId == id && (l.Status == Laybys.LaybyStatus.Active || l.Status == Laybys.LaybyStatus.OnHold))
            .Where(l => mine == null || mine.Contains(l.DivisionId))
            .SumAsync(l => l.Balance, cancellationToken);
        return new CustomerProfile(customer, summaries, linkedUser, employee, mergedInto, summaries.Sum(a => a.Balance), laybyBalance, otherDivisions);
    }

    /// <summary>The audit trail of the customer, its tags and its division accounts, newest first.</summary>
    public async Task<IReadOnlyList<AuditEntry>> HistoryAsync(int id, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Viewers);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var key = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var mine = currentUser.DivisionIds;
        // Changes to accounts in divisions the user does not work in (limits, status) are not theirs to read.
        var accountKeys = (await db.DivisionAccounts.Where(a => a.CustomerId == id && (mine == null || mine.Contains(a.DivisionId)))
                .Select(a => a.Id).ToListAsync(cancellationToken))
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
        var (countryCode, _) = await BusinessDefaultsAsync(db, cancellationToken);
        var probe = DuplicateProbe.FromForm(details, countryCode);
        return probe.IsEmpty ? [] : await DuplicatesOfAsync(db, probe, excludeId, cancellationToken);
    }

    /// <summary>
    /// Registers a customer. Unless <paramref name="notDuplicateOf"/> lists every likely duplicate (the clerk said
    /// "not a duplicate"), likely duplicates refuse the save; the dismissals are remembered for those pairs.
    /// </summary>
    public async Task<Customer> CreateAsync(
        CustomerDetails details, IReadOnlyCollection<int>? notDuplicateOf = null, CancellationToken cancellationToken = default,
        MembershipChoice? membership = null)
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
        if (membership is not null)
        {
            // A refused membership (no designation, an inactive institution) rolls the new customer back with it.
            await memberships.ApplyMembershipAsync(db, customer, membership.InstitutionId, membership.Designation, cancellationToken);
        }

        await db.SaveOrExplainAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return customer;
    }

    public async Task<Customer> UpdateAsync(
        int id, int version, CustomerDetails details, IReadOnlyCollection<int>? notDuplicateOf = null,
        CancellationToken cancellationToken = default, MembershipChoice? membership = null)
    {
        currentUser.Require(Editors);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var customer = await LoadForChangeAsync(db, id, version, cancellationToken);
        var (countryCode, country) = await BusinessDefaultsAsync(db, cancellationToken);
        customer.Apply(details, countryCode, country, Today(), clock.UtcNow, currentUser.UserName);
        await EnsureUniqueAsync(db, customer, cancellationToken);
        var duplicates = await DuplicatesOfAsync(db, customer, id, cancellationToken);
        var dismissed = await DismissedPartnersAsync(db, id, cancellationToken);
        EnsureDuplicatesDismissed(duplicates.Where(d => !dismissed.Contains(d.CustomerId)).ToList(), notDuplicateOf);
        RememberDismissals(db, id, duplicates.Where(d => !dismissed.Contains(d.CustomerId)).ToList());
        if (membership is not null)
        {
            await memberships.ApplyMembershipAsync(db, customer, membership.InstitutionId, membership.Designation, cancellationToken);
        }

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
    private async Task<(IQueryable<Customer> Customers, bool IsExact)> FilteredAsync(
        ICustomerDb db, CustomerQuery query, SearchText text, CancellationToken cancellationToken)
    {
        var customers = db.Customers.AsNoTracking();
        var isExact = false;
        if (text.Kind == SearchTextKind.AccountNumber)
        {
            var accountNumber = text.Value;
            var ids = await db.DivisionAccounts.Where(a => a.AccountNumber == accountNumber).Select(a => a.CustomerId).ToListAsync(cancellationToken);
            customers = customers.Where(c => EF.Constant(ids).Contains(c.Id));
            isExact = true;
        }
        else if (SearchPlan.For(text) is { } plan)
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

        if (query.Member is { } member)
        {
            // Only divisions the user works in: membership elsewhere is another division's business.
            var mine = currentUser.DivisionIds;
            var division = query.DivisionId;
            var members = db.DivisionAccounts.Where(a => a.IsMember && (division == null || a.DivisionId == division)
                && (mine == null || mine.Contains(a.DivisionId)));
            customers = member
                ? customers.Where(c => members.Any(a => a.CustomerId == c.Id))
                : customers.Where(c => !members.Any(a => a.CustomerId == c.Id));
        }

        if (query.ChurnRisk is { } risk)
        {
            // Subscriptions of the divisions the user works in only, like the column.
            var mine = currentUser.DivisionIds;
            customers = customers.Where(c => db.Subscriptions.Any(s => s.CustomerId == c.Id && s.ChurnRisk == risk && s.Status != Subscriptions.SubscriptionStatus.Cancelled
                && (mine == null || mine.Contains(s.DivisionId))));
        }

        if (query.ServiceTypeId is { } serviceTypeId)
        {
            customers = customers.Where(c => db.Subscriptions.Any(s => s.CustomerId == c.Id && s.Status != Subscriptions.SubscriptionStatus.Cancelled
                && db.Plans.Any(p => p.Id == s.PlanId && p.ServiceTypeId == serviceTypeId)));
        }

        return (RelationFiltered(db, customers, query), isExact);
    }

    private async Task<Customer> BuildAsync(ICustomerDb db, CustomerDetails details, CancellationToken cancellationToken)
    {
        var (countryCode, country) = await BusinessDefaultsAsync(db, cancellationToken);
        return new Customer(details, countryCode, country, Today(), clock.UtcNow, currentUser.UserName);
    }

    private async Task<Customer> LoadForChangeAsync(ICustomerDb db, int id, int version, CancellationToken cancellationToken)
    {
        var customer = await db.Customers.Include(c => c.Tags).FirstOrDefaultAsync(c => c.Id == id, cancellationToken)
            ?? throw new NotFoundException("That customer does not exist.");
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

    private DateOnly Today() => clock.Today;

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
        ICustomerDb db, Customer customer, int? excludeId, CancellationToken cancellationToken) =>
        await DuplicatesOfAsync(db, DuplicateProbe.Of(customer), excludeId, cancellationToken);

    private static async Task<IReadOnlyList<DuplicateCandidate>> DuplicatesOfAsync(
        ICustomerDb db, DuplicateProbe probe, int? excludeId, CancellationToken cancellationToken)
    {
        var phones = probe.Phones.ToArray();
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
            .OrderBy(c => c.Id)
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
        var now = clock.UtcNow;
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
