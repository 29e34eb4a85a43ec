using System.Globalization;
using CustomerManager.Domain.Accounts;
using CustomerManager.Domain.Auditing;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Laybys;
using CustomerManager.Domain.Numbering;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Domain.Imports;

/// <summary>The confirmed import: ready rows in batches, each batch in one transaction, recorded in the history.</summary>
public sealed partial class DataImportService
{
    /// <summary>A customer and what the file brings for it: saved in the same batch.</summary>
    private sealed record ImportUnit(
        string Key, CustomerImportRow? NewCustomer, int ExistingCustomerId, List<BalanceImportRow> Balances, List<LaybyImportRow> Laybys,
        IReadOnlyList<int> NotDuplicateOf)
    {
        public IEnumerable<ImportRow> Rows =>
            (NewCustomer is null ? [] : new[] { NewCustomer.Row }).Concat(Balances.Select(b => b.Row)).Concat(Laybys.Select(l => l.Row));
    }

    /// <summary>
    /// Imports the ready rows of <paramref name="check"/> in batches of <see cref="ImportOptions.BatchSize"/> customers.
    /// Each batch is one transaction: a failure or a cancel rolls back the batch under way, never part of it; batches
    /// already saved stay (importing the file again skips them). Every row imported is audited with the import's id.
    /// </summary>
    public async Task<ImportResult> ImportAsync(ImportCheck check, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Importers);
        if (check.UserName != currentUser.UserName)
        {
            throw new AccessDeniedException("Import the file you checked yourself.");
        }

        if (!check.CanImport)
        {
            throw new DomainException(check.Imported ? "This check was imported already; upload the file again to check it anew."
                : "Nothing in this file is ready to import.");
        }

        check.Imported = true;
        var units = Units(check);
        var total = units.Sum(u => u.Rows.Count());
        int importId;
        await using (var db = await dbFactory.OpenAsync(CancellationToken.None))
        {
            var record = new DataImport(check.FileName, currentUser.UserId, currentUser.UserName, check.Outcomes.Count, clock.UtcNow);
            db.DataImports.Add(record);
            await db.SaveChangesAsync(CancellationToken.None);
            importId = record.Id;
        }

        var done = 0;
        var imported = 0;
        var status = DataImportStatus.Completed;
        string? message = null;
        progress?.Report(new ImportProgress(0, total, 0));
        foreach (var batch in units.Chunk(Math.Max(1, options.BatchSize)))
        {
            if (cancellationToken.IsCancellationRequested)
            {
                status = DataImportStatus.Cancelled;
                break;
            }

            try
            {
                var results = await ImportBatchAsync(importId, batch, cancellationToken);
                foreach (var (row, created) in results)
                {
                    check.SetOutcome(row, created is null ? ImportRowStatus.AlreadyImported : ImportRowStatus.Imported,
                        created is null ? "Imported before; nothing changed." : $"Imported: {created}.");
                    imported += created is null ? 0 : 1;
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                status = DataImportStatus.Cancelled;
                break;
            }
            catch (Exception e) when (e is DomainException or DbUpdateException or InvalidOperationException)
            {
                status = DataImportStatus.Failed;
                message = $"A batch failed and was rolled back whole: {Why(e)}";
                foreach (var row in batch.SelectMany(u => u.Rows))
                {
                    check.SetOutcome(row, ImportRowStatus.Error, "Not imported: its batch failed and was rolled back. " + Why(e));
                }

                break;
            }

            done += batch.Sum(u => u.Rows.Count());
            progress?.Report(new ImportProgress(done, total, imported));
        }

        if (status == DataImportStatus.Cancelled)
        {
            message = $"Cancelled after {done:N0} of {total:N0} rows; the rest were not imported (import the file again to carry on).";
            foreach (var row in units.SelectMany(u => u.Rows).Where(r => check.StatusOf(r) == ImportRowStatus.Ready))
            {
                check.SetOutcome(row, ImportRowStatus.Ready, "Not imported: the import was cancelled before this row.");
            }
        }

        check.Annotated = workbook.Annotate(check.Content, check.Outcomes);
        await using (var db = await dbFactory.OpenAsync(CancellationToken.None))
        {
            var record = await db.DataImports.FirstAsync(i => i.Id == importId, CancellationToken.None);
            record.Finish(status, check.Counts, message, check.Annotated, clock.UtcNow);
            await db.SaveChangesAsync(CancellationToken.None);
        }

        return new ImportResult(importId, status, check.Counts, message);
    }

    private static List<ImportUnit> Units(ImportCheck check)
    {
        var units = new Dictionary<string, ImportUnit>(StringComparer.Ordinal);
        ImportUnit For(ImportCustomerRef customer)
        {
            if (!units.TryGetValue(customer.Key, out var unit))
            {
                unit = new ImportUnit(customer.Key, null, check.ExistingCustomerIds.GetValueOrDefault(customer.Key), [], [], []);
                units[customer.Key] = unit;
            }

            return unit;
        }

        foreach (var c in check.Customers)
        {
            var key = new ImportCustomerRef(c.ExternalNumber, null).Key;
            units[key] = new ImportUnit(key, c, 0, [], [], check.DismissedDuplicates.GetValueOrDefault(c.Row) ?? []);
        }

        foreach (var b in check.Balances)
        {
            For(b.Customer).Balances.Add(b);
        }

        foreach (var l in check.Laybys)
        {
            For(l.Customer).Laybys.Add(l);
        }

        return [.. units.Values];
    }

    /// <summary>One batch in one transaction. Returns each row with what it created, or null when it was there already.</summary>
    private async Task<List<(ImportRow Row, string? Created)>> ImportBatchAsync(int importId, ImportUnit[] batch, CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        var today = clock.Today;
        var user = currentUser.UserName;
        var results = new List<(ImportRow, string?)>();
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        // Customers: a re-import (or another import since the check) finds the row key and creates nothing.
        var externals = batch.Where(u => u.NewCustomer is not null).Select(u => u.NewCustomer!.ExternalNumber).ToList();
        var existing = await db.Customers.Where(c => c.ExternalReference != null && externals.Contains(c.ExternalReference))
            .Select(c => new { c.ExternalReference, c.Id }).ToDictionaryAsync(c => c.ExternalReference!, c => c.Id, cancellationToken);
        var customerIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var created = new Dictionary<string, Customer>(StringComparer.Ordinal);
        foreach (var unit in batch)
        {
            if (unit.NewCustomer is { } row && existing.TryGetValue(row.ExternalNumber, out var id))
            {
                customerIds[unit.Key] = id;
                results.Add((row.Row, null));
            }
            else if (unit.NewCustomer is not null)
            {
                created[unit.Key] = unit.NewCustomer.Customer;
            }
            else
            {
                customerIds[unit.Key] = unit.ExistingCustomerId;
            }
        }

        // New numbers for the customers without a kept one, taken as one block of the gap-free counter.
        var toNumber = batch.Count(u => created.ContainsKey(u.Key) && u.NewCustomer!.PreservedNumber is null);
        var next = toNumber > 0 ? await db.TakeBlockAsync(Customer.NumberPrefix, toNumber, cancellationToken) : 0;
        foreach (var unit in batch.Where(u => created.ContainsKey(u.Key)))
        {
            var customer = unit.NewCustomer!.Customer;
            if (unit.NewCustomer.PreservedNumber is { } kept)
            {
                customer.KeepNumber(kept);
            }
            else
            {
                customer.AssignNumber(next++);
            }

            db.Customers.Add(customer);
        }

        await db.SaveChangesAsync(cancellationToken);
        foreach (var (unitKey, customer) in created)
        {
            customerIds[unitKey] = customer.Id;
        }

        // "Not a duplicate" in the file: remembered for those pairs, as the form does.
        foreach (var unit in batch.Where(u => created.ContainsKey(u.Key)))
        {
            foreach (var other in unit.NotDuplicateOf)
            {
                db.DuplicateDismissals.Add(new DuplicateDismissal(customerIds[unit.Key], other, user, now));
            }
        }

        // Accounts: the customer row's division, and those its balances and laybys need.
        var ids = customerIds.Values.ToList();
        var accounts = (await db.DivisionAccounts.Where(a => ids.Contains(a.CustomerId)).ToListAsync(cancellationToken))
            .ToDictionary(a => (a.CustomerId, a.DivisionId));
        var wanted = new List<(int CustomerId, ImportDivision Division, CustomerImportRow? Terms)>();
        foreach (var unit in batch)
        {
            var customerId = customerIds[unit.Key];
            var fresh = created.ContainsKey(unit.Key);
            if (fresh && unit.NewCustomer!.Division is { } division)
            {
                wanted.Add((customerId, division, unit.NewCustomer));
            }

            wanted.AddRange(unit.Balances.Select(b => (customerId, b.Division, (CustomerImportRow?)null)));
            wanted.AddRange(unit.Laybys.Select(l => (customerId, l.Division, (CustomerImportRow?)null)));
        }

        var toOpen = wanted.Where(w => !accounts.ContainsKey((w.CustomerId, w.Division.Id))).GroupBy(w => (w.CustomerId, w.Division.Id)).Select(g => g.First()).ToList();
        foreach (var group in toOpen.GroupBy(w => w.Division.Code))
        {
            var number = await db.TakeBlockAsync(DivisionAccount.SequenceName(group.Key), group.Count(), cancellationToken);
            foreach (var (customerId, division, terms) in group)
            {
                var account = new DivisionAccount(customerId, division.Id, division.Code, number++, now);
                if (terms is not null)
                {
                    account.SetCreditTerms(DivisionAccountStatus.Active, terms.CreditLimit, terms.PaymentTermsDays, terms.CreditLimit > 0, allowLayby: true);
                }

                db.DivisionAccounts.Add(account);
                accounts[(customerId, division.Id)] = account;
            }
        }

        await db.SaveChangesAsync(cancellationToken);

        // Opening balances and laybys, idempotent by the request ids derived from their rows.
        var policies = new Dictionary<int, LaybyPolicy>();
        foreach (var unit in batch)
        {
            var customerId = customerIds[unit.Key];
            if (created.TryGetValue(unit.Key, out var customer))
            {
                var account = unit.NewCustomer!.Division is { } d ? accounts[(customerId, d.Id)].AccountNumber : null;
                results.Add((unit.NewCustomer.Row, account is null ? customer.CustomerNumber : $"{customer.CustomerNumber}, account {account}"));
            }

            foreach (var b in unit.Balances)
            {
                var account = accounts[(customerId, b.Division.Id)];
                var entry = await AccountLedgerService.AddOpeningBalanceAsync(db, account, b.Amount, b.AsOf, b.Reference ?? $"Import {importId}", b.RequestId,
                    now, user, cancellationToken);
                results.Add((b.Row, entry is null ? null : $"opening balance {b.Amount.ToString("N2", CultureInfo.InvariantCulture)} on {account.AccountNumber}"));
            }

            foreach (var l in unit.Laybys)
            {
                if (await db.LaybyEntries.AnyAsync(e => e.RequestId == l.RequestId, cancellationToken))
                {
                    results.Add((l.Row, null));
                    continue;
                }

                if (!policies.TryGetValue(l.Division.Id, out var policy))
                {
                    policy = await LaybyPolicyService.CurrentAsync(db, l.Division.Id, cancellationToken)
                        ?? throw new DomainException($"{l.Division.Name} has no layby policy.");
                    policies[l.Division.Id] = policy;
                }

                var layby = Layby.Open(customerId, l.Division.Id, policy, [new LaybyItemInput(l.Items, null, 1, l.Total)], l.PaidSoFar, PaymentMethod.Cash,
                    l.Frequency, l.CompletionDate, today, now, user, l.RequestId);
                layby.AssignNumber(l.Division.Code, await db.TakeNextAsync($"LAY-{l.Division.Code}", cancellationToken));
                foreach (var payment in layby.Entries.Where(e => e.IsPayment))
                {
                    payment.ReceiptNumber = NumberSequence.Format($"RCT-{l.Division.Code}", await db.TakeNextAsync($"RCT-{l.Division.Code}", cancellationToken));
                }

                db.Laybys.Add(layby);
                results.Add((l.Row, $"layby {layby.LaybyNumber} (was {l.LaybyReference})"));
            }
        }

        // Each imported row in the audit trail, under the import's id.
        var key = importId.ToString(CultureInfo.InvariantCulture);
        foreach (var (row, what) in results.Where(r => r.Item2 is not null))
        {
            db.AuditEntries.Add(new AuditEntry(now, currentUser.UserId, user, nameof(DataImport), key, AuditAction.Created,
                [new("Sheet", null, row.Sheet), new("Row", null, row.RowNumber.ToString(CultureInfo.InvariantCulture)), new("Imported", null, what)]));
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return results;
    }

    private static string Why(Exception e) => e switch
    {
        DomainException domain => domain.Message,
        DbUpdateException update when update.IsUniqueViolation() =>
            "a value that must be unique (e-mail, national ID, customer number or external number) was taken by another customer since the check; check the file again.",
        _ => e.GetBaseException().Message,
    };
}
