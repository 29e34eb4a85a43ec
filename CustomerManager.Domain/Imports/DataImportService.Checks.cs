using CustomerManager.Domain.Accounts;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Customers;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Domain.Imports;

/// <summary>The dry run's checks that need the other rows or the database: uniqueness, duplicates, which customer a row is for.</summary>
public sealed partial class DataImportService
{
    private static async Task CheckCustomersAsync(ICustomerDb db, ImportCheck check, ImportFile file, ImportContext context, CancellationToken cancellationToken)
    {
        var parsed = new List<CustomerImportRow>();
        foreach (var row in file.RowsOf(ImportLayout.Customers))
        {
            if (ImportRules.CustomerRow(row, context, check.MutableOutcomes) is { } customer)
            {
                parsed.Add(customer);
            }
        }

        // Within the file: each key once.
        var firstExternal = new Dictionary<string, int>(StringComparer.Ordinal);
        var firstNumber = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var firstEmail = new Dictionary<string, int>(StringComparer.Ordinal);
        var firstNationalId = new Dictionary<string, int>(StringComparer.Ordinal);
        var unique = new List<CustomerImportRow>();
        foreach (var r in parsed)
        {
            var problems = new List<(string Column, string Message)>();
            Once(firstExternal, r.ExternalNumber, r, ImportLayout.Keys.ExternalNumber, "External number", problems);
            Once(firstNumber, r.PreservedNumber, r, ImportLayout.Keys.CustomerNumber, "Customer number", problems);
            Once(firstEmail, r.Customer.PrimaryEmail, r, ImportLayout.Keys.Email, "E-mail", problems);
            Once(firstNationalId, r.Customer.NationalId, r, ImportLayout.Keys.NationalId, "National ID", problems);
            if (problems.Count > 0)
            {
                check.SetOutcome(r.Row, ImportRowStatus.Error, string.Join(" ", problems.Select(p => p.Message)), problems.Select(p => p.Column).ToList());
            }
            else
            {
                unique.Add(r);
            }
        }

        // Imported before (the row key is on a customer already): nothing to do.
        var fresh = new List<CustomerImportRow>();
        var existing = new Dictionary<string, (int Id, string Number)>(StringComparer.Ordinal);
        foreach (var chunk in Chunks(unique.Select(r => r.ExternalNumber)))
        {
            foreach (var c in await db.Customers.AsNoTracking().Where(c => c.ExternalReference != null && chunk.Contains(c.ExternalReference))
                         .Select(c => new { c.ExternalReference, c.Id, c.CustomerNumber }).ToListAsync(cancellationToken))
            {
                existing[c.ExternalReference!] = (c.Id, c.CustomerNumber);
            }
        }

        foreach (var r in unique)
        {
            if (existing.TryGetValue(r.ExternalNumber, out var before))
            {
                check.ExistingCustomerIds[new ImportCustomerRef(r.ExternalNumber, null).Key] = before.Id;
                check.SetOutcome(r.Row, ImportRowStatus.AlreadyImported, $"Imported before as {before.Number}; nothing changes.");
            }
            else
            {
                fresh.Add(r);
            }
        }

        // Taken by customers already here.
        var takenNumbers = await TakenAsync(fresh.Select(r => r.PreservedNumber), chunk =>
            db.Customers.Where(c => chunk.Contains(c.CustomerNumber)).Select(c => c.CustomerNumber), cancellationToken);
        var takenEmails = await TakenAsync(fresh.Select(r => r.Customer.PrimaryEmail), chunk =>
            db.Customers.Where(c => c.PrimaryEmail != null && chunk.Contains(c.PrimaryEmail)).Select(c => c.PrimaryEmail! + " " + c.CustomerNumber), cancellationToken);
        var takenIds = await TakenAsync(fresh.Select(r => r.Customer.NationalId), chunk =>
            db.Customers.Where(c => c.NationalId != null && chunk.Contains(c.NationalId)).Select(c => c.NationalId! + " " + c.CustomerNumber), cancellationToken);
        var emailOwners = takenEmails.ToDictionary(t => t[..t.LastIndexOf(' ')], t => t[(t.LastIndexOf(' ') + 1)..], StringComparer.Ordinal);
        var idOwners = takenIds.ToDictionary(t => t[..t.LastIndexOf(' ')], t => t[(t.LastIndexOf(' ') + 1)..], StringComparer.Ordinal);
        var candidates = new List<CustomerImportRow>();
        foreach (var r in fresh)
        {
            var problems = new List<(string Column, string Message)>();
            if (r.PreservedNumber is { } number && takenNumbers.Contains(number))
            {
                problems.Add((ImportLayout.Keys.CustomerNumber, $"Customer number {number} is already in use here."));
            }

            if (r.Customer.PrimaryEmail is { } email && emailOwners.TryGetValue(email, out var emailOwner))
            {
                problems.Add((ImportLayout.Keys.Email, $"{emailOwner} already uses this e-mail address."));
            }

            if (r.Customer.NationalId is { } id && idOwners.TryGetValue(id, out var idOwner))
            {
                problems.Add((ImportLayout.Keys.NationalId, $"{idOwner} already has this national ID."));
            }

            if (problems.Count > 0)
            {
                check.SetOutcome(r.Row, ImportRowStatus.Error, string.Join(" ", problems.Select(p => p.Message)), problems.Select(p => p.Column).ToList());
            }
            else
            {
                candidates.Add(r);
            }
        }

        await CheckDuplicatesAsync(db, check, candidates, cancellationToken);
    }

    /// <summary>
    /// Likely duplicates by the form's scoring (<see cref="DuplicateScoring"/>), against existing customers and against
    /// earlier rows of the file. "yes" in Not a duplicate lets a row through, and the decision is remembered on import.
    /// </summary>
    private static async Task CheckDuplicatesAsync(ICustomerDb db, ImportCheck check, List<CustomerImportRow> rows, CancellationToken cancellationToken)
    {
        var known = new Dictionary<int, Customer>();
        foreach (var chunk in rows.Chunk(LookupChunk))
        {
            var phones = chunk.SelectMany(r => Phones(r.Customer)).Distinct().ToList();
            var emails = chunk.Select(r => r.Customer.PrimaryEmail).OfType<string>().Distinct().ToList();
            var ids = chunk.Select(r => r.Customer.NationalId).OfType<string>().Distinct().ToList();
            var lastNames = chunk.Select(r => r.Customer.LastNameKey).Where(k => k.Length > 0).Distinct().ToList();
            var companies = chunk.Select(r => r.Customer.CompanyNameKey).Where(k => k.Length > 0).Distinct().ToList();
            var live = db.Customers.AsNoTracking().Where(c => c.MergedIntoId == null);
            // One indexed lookup per key, so each uses its own index.
            IQueryable<Customer>[] lookups =
            [
                live.Where(c => phones.Contains(c.PrimaryPhone)),
                live.Where(c => c.AlternatePhone != null && phones.Contains(c.AlternatePhone)),
                live.Where(c => c.PrimaryEmail != null && emails.Contains(c.PrimaryEmail)),
                live.Where(c => c.NationalId != null && ids.Contains(c.NationalId)),
                live.Where(c => lastNames.Contains(c.LastNameKey)),
                live.Where(c => companies.Contains(c.CompanyNameKey)),
            ];
            foreach (var lookup in lookups)
            {
                foreach (var c in await lookup.ToListAsync(cancellationToken))
                {
                    known.TryAdd(c.Id, c);
                }
            }
        }

        var existingIndex = new DuplicateIndex<Customer>(c => c);
        foreach (var c in known.Values)
        {
            existingIndex.Add(c);
        }

        var fileIndex = new DuplicateIndex<CustomerImportRow>(r => r.Customer);
        foreach (var r in rows)
        {
            var inDatabase = existingIndex.Likely(r.Customer)
                .Select(x => (Label: x.Other.CustomerNumber, x.Other.Id, x.Score, x.Reasons)).ToList();
            var inFile = fileIndex.Likely(r.Customer)
                .Select(x => (Label: $"row {x.Other.Row.RowNumber}", Id: 0, x.Score, x.Reasons)).ToList();
            fileIndex.Add(r);
            var all = inDatabase.Concat(inFile).OrderByDescending(x => x.Score).ToList();
            if (all.Count > 0 && !r.NotADuplicate)
            {
                var best = all[0];
                check.SetOutcome(r.Row, ImportRowStatus.Duplicate,
                    $"Looks like {string.Join(", ", all.Take(3).Select(x => x.Label))} ({string.Join("; ", best.Reasons)}, score {best.Score}). " +
                    "If it is a different customer, write yes in Not a duplicate and check the file again.",
                    [ImportLayout.Keys.NotADuplicate]);
                continue;
            }

            if (inDatabase.Count > 0)
            {
                check.DismissedDuplicates[r.Row] = inDatabase.Select(x => x.Id).ToList();
            }

            check.Customers.Add(r);
            check.SetOutcome(r.Row, ImportRowStatus.Ready,
                "Ready: a new customer" + (r.PreservedNumber is { } n ? $" keeping number {n}" : "") + (r.Division is { } d ? $" with an account in {d.Name}" : "")
                + (all.Count > 0 ? $" (confirmed not a duplicate of {string.Join(", ", all.Take(3).Select(x => x.Label))})." : "."));
        }
    }

    private static async Task CheckBalancesAndLaybysAsync(
        ICustomerDb db, ImportCheck check, ImportFile file, ImportContext context, bool isAdmin, CancellationToken cancellationToken)
    {
        var balances = file.RowsOf(ImportLayout.OpeningBalances).Select(r => ImportRules.BalanceRow(r, context, check.MutableOutcomes)).OfType<BalanceImportRow>().ToList();
        var laybys = file.RowsOf(ImportLayout.Laybys).Select(r => ImportRules.LaybyRow(r, context, check.MutableOutcomes)).OfType<LaybyImportRow>().ToList();
        var refs = balances.Select(b => b.Customer).Concat(laybys.Select(l => l.Customer)).ToList();

        // Customers of the file, then customers already here by external number or customer number.
        var fileCustomers = file.RowsOf(ImportLayout.Customers)
            .Select(r => (Row: r, External: r.Cell(ImportLayout.Keys.ExternalNumber).Text?.Trim()))
            .Where(x => !string.IsNullOrEmpty(x.External))
            .GroupBy(x => x.External!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Row, StringComparer.Ordinal);
        var found = new Dictionary<string, (int Id, bool IsActive, bool IsBlacklisted, string Number)>(StringComparer.Ordinal);
        foreach (var chunk in Chunks(refs.Where(r => r.ExternalNumber is not null && !fileCustomers.ContainsKey(r.ExternalNumber)).Select(r => r.ExternalNumber!).Distinct()))
        {
            foreach (var c in await db.Customers.AsNoTracking().Where(c => c.ExternalReference != null && chunk.Contains(c.ExternalReference))
                         .Select(c => new { c.ExternalReference, c.Id, c.IsActive, c.IsBlacklisted, c.CustomerNumber }).ToListAsync(cancellationToken))
            {
                found["ext:" + c.ExternalReference] = (c.Id, c.IsActive, c.IsBlacklisted, c.CustomerNumber);
            }
        }

        foreach (var chunk in Chunks(refs.Where(r => r.ExternalNumber is null).Select(r => r.CustomerNumber!).Distinct()))
        {
            foreach (var c in await db.Customers.AsNoTracking().Where(c => chunk.Contains(c.CustomerNumber))
                         .Select(c => new { c.Id, c.IsActive, c.IsBlacklisted, c.CustomerNumber }).ToListAsync(cancellationToken))
            {
                found["num:" + c.CustomerNumber] = (c.Id, c.IsActive, c.IsBlacklisted, c.CustomerNumber);
            }
        }

        var customerIds = found.Values.Select(v => v.Id).Concat(check.ExistingCustomerIds.Values).Distinct().ToList();
        var accounts = new Dictionary<(int CustomerId, int DivisionId), DivisionAccount>();
        foreach (var chunk in Chunks(customerIds))
        {
            foreach (var a in await db.DivisionAccounts.AsNoTracking().Where(a => chunk.Contains(a.CustomerId)).ToListAsync(cancellationToken))
            {
                accounts[(a.CustomerId, a.DivisionId)] = a;
            }
        }

        var requestIds = balances.Select(b => b.RequestId).ToList();
        var posted = new HashSet<Guid>();
        foreach (var chunk in Chunks(requestIds))
        {
            posted.UnionWith(await db.AccountEntries.Where(e => e.RequestId != null && chunk.Contains(e.RequestId.Value)).Select(e => e.RequestId!.Value).ToListAsync(cancellationToken));
        }

        foreach (var chunk in Chunks(laybys.Select(l => l.RequestId)))
        {
            posted.UnionWith(await db.LaybyEntries.Where(e => e.RequestId != null && chunk.Contains(e.RequestId.Value)).Select(e => e.RequestId!.Value).ToListAsync(cancellationToken));
        }

        // Whose row it is: a string for an error, or the existing customer's id (0 for a customer of this file).
        (string? Error, int CustomerId) Resolve(ImportCustomerRef customer)
        {
            if (customer.ExternalNumber is { } external && fileCustomers.TryGetValue(external, out var customerRow))
            {
                return check.StatusOf(customerRow) switch
                {
                    ImportRowStatus.Ready => (null, 0),
                    ImportRowStatus.AlreadyImported => (null, check.ExistingCustomerIds[customer.Key]),
                    _ => ($"Its customer ({ImportLayout.Customers.Name} row {customerRow.RowNumber}) is not imported: fix that row first.", 0),
                };
            }

            if (!found.TryGetValue(customer.Key, out var c))
            {
                return (customer.ExternalNumber is { } e
                    ? $"No customer has external number {e}, here or in the {ImportLayout.Customers.Name} sheet."
                    : $"There is no customer {customer.CustomerNumber}.", 0);
            }

            return !c.IsActive ? ($"{c.Number} is inactive; restore the customer first.", 0)
                : c.IsBlacklisted ? ($"{c.Number} is blacklisted.", 0)
                : (null, c.Id);
        }

        string? AccountProblem(int customerId, ImportDivision division, bool forLayby)
        {
            if (customerId == 0)
            {
                return isAdmin ? null : "Accountants import balances of existing accounts only.";
            }

            if (!accounts.TryGetValue((customerId, division.Id), out var account))
            {
                return isAdmin ? null : $"The customer has no account in {division.Name}; an admin opens it first.";
            }

            return account.Status == DivisionAccountStatus.Closed ? $"Account {account.AccountNumber} is closed."
                : forLayby && (account.Status != DivisionAccountStatus.Active || !account.AllowLayby) ? $"Account {account.AccountNumber} does not allow laybys."
                : null;
        }

        // One verdict per balance or layby row: imported before, not possible, twice in the file, or ready.
        var seen = new Dictionary<Guid, int>();
        bool Ready(ImportRow row, ImportCustomerRef customer, ImportDivision division, Guid requestId, bool forLayby, string what, string twiceColumn)
        {
            var (error, customerId) = Resolve(customer);
            error ??= AccountProblem(customerId, division, forLayby);
            if (posted.Contains(requestId))
            {
                check.SetOutcome(row, ImportRowStatus.AlreadyImported, $"This {what} was imported before; nothing changes.");
            }
            else if (error is not null)
            {
                check.SetOutcome(row, ImportRowStatus.Error, error, [customer.ExternalNumber is null ? ImportLayout.Keys.CustomerNumber : ImportLayout.Keys.ExternalNumber]);
            }
            else if (seen.TryGetValue(requestId, out var first))
            {
                check.SetOutcome(row, ImportRowStatus.Error, $"Row {first} already has this {what}: each once.", [twiceColumn]);
            }
            else
            {
                seen[requestId] = row.RowNumber;
                check.ExistingCustomerIds[customer.Key] = customerId;
                return true;
            }

            return false;
        }

        foreach (var b in balances.Where(b => Ready(b.Row, b.Customer, b.Division, b.RequestId, false, "account's opening balance", ImportLayout.Keys.Division)))
        {
            check.Balances.Add(b);
            check.SetOutcome(b.Row, ImportRowStatus.Ready, $"Ready: opening balance {b.Amount:N2} as of {b.AsOf:yyyy-MM-dd} in {b.Division.Name}.");
        }

        foreach (var l in laybys.Where(l => Ready(l.Row, l.Customer, l.Division, l.RequestId, true, "layby", ImportLayout.Keys.LaybyReference)))
        {
            check.Laybys.Add(l);
            check.SetOutcome(l.Row, ImportRowStatus.Ready, $"Ready: layby {l.LaybyReference} of {l.Total:N2}, {l.PaidSoFar:N2} paid, in {l.Division.Name}.");
        }
    }

    private static void Once(Dictionary<string, int> first, string? value, CustomerImportRow r, string column, string header, List<(string, string)> problems)
    {
        if (value is null)
        {
            return;
        }

        if (first.TryGetValue(value, out var row))
        {
            problems.Add((column, $"{header} {value} is also on row {row}: each customer once."));
        }
        else
        {
            first[value] = r.Row.RowNumber;
        }
    }

    private static async Task<HashSet<string>> TakenAsync(
        IEnumerable<string?> values, Func<List<string>, IQueryable<string>> query, CancellationToken cancellationToken)
    {
        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in Chunks(values.OfType<string>().Distinct()))
        {
            taken.UnionWith(await query(chunk).ToListAsync(cancellationToken));
        }

        return taken;
    }

    private static IEnumerable<string> Phones(Customer c) => c.AlternatePhone is null ? [c.PrimaryPhone] : [c.PrimaryPhone, c.AlternatePhone];

    /// <summary>Customers by each key the scoring compares, so a row is scored only against those sharing one.</summary>
    private sealed class DuplicateIndex<T>(Func<T, Customer> customerOf)
    {
        private readonly Dictionary<string, List<T>> byKey = new(StringComparer.Ordinal);

        public void Add(T item)
        {
            foreach (var key in Keys(customerOf(item)))
            {
                if (!byKey.TryGetValue(key, out var list))
                {
                    byKey[key] = list = [];
                }

                list.Add(item);
            }
        }

        public IEnumerable<(T Other, int Score, IReadOnlyList<string> Reasons)> Likely(Customer probe)
        {
            var others = new HashSet<T>();
            foreach (var key in Keys(probe))
            {
                if (byKey.TryGetValue(key, out var list))
                {
                    others.UnionWith(list.Take(200));
                }
            }

            foreach (var other in others)
            {
                var (score, reasons) = DuplicateScoring.Score(probe, customerOf(other));
                if (score >= DuplicateScoring.Threshold)
                {
                    yield return (other, score, reasons);
                }
            }
        }

        private static IEnumerable<string> Keys(Customer c)
        {
            foreach (var phone in Phones(c))
            {
                yield return "p:" + phone;
            }

            if (c.PrimaryEmail is { } email)
            {
                yield return "e:" + email;
            }

            if (c.NationalId is { } id)
            {
                yield return "i:" + id;
            }

            if (c.LastNameKey.Length > 0)
            {
                yield return "l:" + c.LastNameKey;
            }

            if (c.CompanyNameKey.Length > 0)
            {
                yield return "c:" + c.CompanyNameKey;
            }
        }
    }
}
