using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using CustomerManager.Domain.Auditing;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Credit;
using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Laybys;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Domain.Privacy;

/// <summary>Everything held on a customer, as read for a privacy export (the JSON is what the zip carries).</summary>
public sealed record PrivacyExport(string CustomerNumber, string CustomerName, DateTime ExportedAtUtc, string ExportedBy,
    CustomerRecords Records, string Json);

/// <summary>A customer the retention period lets go: nothing owed, nothing open, no activity since <see cref="LastActivityUtc"/>.</summary>
public sealed record RetentionCandidate(int Id, string CustomerNumber, string Name, CustomerType Type, DateTime LastActivityUtc);

/// <summary>The customer a privacy request is about, as the privacy page shows them.</summary>
public sealed record PrivacySubject(int Id, string CustomerNumber, string Name, CustomerType Type, bool IsActive, DateTime? PseudonymisedAtUtc,
    IReadOnlyList<string> Blockers, IReadOnlyList<PrivacyRequest> Requests);

public sealed record BulkPseudonymisation(int Done, IReadOnlyList<string> Refused, bool Cancelled);

/// <summary>
/// Privacy requests (DOMAIN.md §11, POPIA / GDPR), for admins: export everything held on a customer, pseudonymise a
/// customer once nothing requires keeping their details, and the retention list with bulk pseudonymisation.
/// </summary>
public sealed class PrivacyService(ICustomerDbFactory dbFactory, ICurrentUser currentUser, BusinessTime clock, PrivacySettings settings)
{
    private static readonly JsonSerializerOptions ExportJson = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { ColumnsOnly } },
    };

    public PrivacySettings Settings => settings;

    /// <summary>Logs the request, then reads every row about the customer and writes it as JSON (one array per table).</summary>
    public async Task<PrivacyExport> ExportAsync(int customerId, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Roles.Admin);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var customer = await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == customerId, cancellationToken)
            ?? throw new NotFoundException("That customer does not exist.");
        var now = clock.UtcNow;
        db.PrivacyRequests.Add(new PrivacyRequest(customer.Id, customer.CustomerNumber, PrivacyRequestKind.Export, currentUser.UserName, now));
        await db.SaveChangesAsync(cancellationToken);

        var records = await CustomerRecords.LoadAsync(db, customerId, tracked: false, cancellationToken);
        var document = new Dictionary<string, object>
        {
            ["customerNumber"] = customer.CustomerNumber,
            ["exportedAtUtc"] = now,
            ["exportedBy"] = currentUser.UserName,
            ["tables"] = records.Tables().ToDictionary(t => t.Table, t => t.Rows),
        };
        var json = JsonSerializer.Serialize(document, ExportJson);
        return new PrivacyExport(customer.CustomerNumber, customer.FullName, now, currentUser.UserName, records, json);
    }

    /// <summary>The customer by id, or by a customer number typed loosely (<c>ucst 42</c>); null when there is none.</summary>
    public async Task<PrivacySubject?> FindAsync(int? customerId, string? number, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Roles.Admin);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var wanted = Search.RecordNumber.Parse(number) is { Kind: Search.RecordKind.Customer } parsed ? parsed.Number : null;
        var id = customerId ?? await db.Customers.Where(c => c.CustomerNumber == wanted).Select(c => (int?)c.Id).FirstOrDefaultAsync(cancellationToken);
        if (id is null || !await db.Customers.AnyAsync(c => c.Id == id, cancellationToken))
        {
            return null;
        }

        var records = await CustomerRecords.LoadAsync(db, id.Value, tracked: false, cancellationToken);
        var c = records.Customer;
        return new PrivacySubject(c.Id, c.CustomerNumber, c.FullName, c.Type, c.IsActive, c.PseudonymisedAtUtc, Blockers(records),
            records.PrivacyRequests.OrderByDescending(r => r.Id).ToList());
    }

    /// <summary>What stops the customer from being pseudonymised now (empty when nothing does).</summary>
    public async Task<IReadOnlyList<string>> BlockersAsync(int customerId, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Roles.Admin);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var records = await CustomerRecords.LoadAsync(db, customerId, tracked: false, cancellationToken);
        return Blockers(records);
    }

    /// <summary>
    /// Replaces every personal value of the customer for good, in one transaction: the customer's fields, the free text of
    /// their accounts, applications, laybys, write-offs, credit line events and statements, their side of merge snapshots,
    /// and the personal values in earlier audit rows about them. Money, dates, numbers and statuses stay, so ledgers and
    /// totals are unchanged. <paramref name="confirmation"/> must be the customer number (the dialog asks for it).
    /// </summary>
    public async Task PseudonymiseAsync(int customerId, string confirmation, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Roles.Admin);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var records = await CustomerRecords.LoadAsync(db, customerId, tracked: true, cancellationToken);
        var customer = records.Customer;
        if (!string.Equals((confirmation ?? "").Trim(), customer.CustomerNumber, StringComparison.OrdinalIgnoreCase))
        {
            throw new DomainException($"Type the customer number {customer.CustomerNumber} to confirm.", "Confirmation");
        }

        if (customer.PseudonymisedAtUtc is not null)
        {
            throw new DomainException($"{customer.CustomerNumber} has already been pseudonymised.");
        }

        if (Blockers(records) is { Count: > 0 } blockers)
        {
            throw new DomainException($"{customer.CustomerNumber} cannot be pseudonymised yet: {string.Join("; ", blockers)}.");
        }

        var personalValues = PersonalValues(records);
        var now = clock.UtcNow;
        customer.Pseudonymise(now, currentUser.UserName);
        foreach (var duplicate in records.MergedCustomers.Where(c => c.PseudonymisedAtUtc is null))
        {
            duplicate.Pseudonymise(now, currentUser.UserName);
        }
        foreach (var row in records.Tables().SelectMany(t => t.Rows).OfType<IHoldsPersonalData>())
        {
            row.RemovePersonalData(personalValues);
        }

        foreach (var merge in records.Merges)
        {
            merge.RemovePersonalDataOf(customer.Id, customer.Details(), personalValues);
        }

        // The marker the audit interceptor honours: this save's audit rows keep no old values.
        db.PrivacyRequests.Add(new PrivacyRequest(customer.Id, customer.CustomerNumber, PrivacyRequestKind.Pseudonymisation, currentUser.UserName, now));
        await db.SaveChangesAsync(cancellationToken);
        await ScrubAuditTrailAsync(db, records, personalValues, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Customers with nothing owed or open and no activity for longer than the retention period, oldest first.</summary>
    public async Task<IReadOnlyList<RetentionCandidate>> RetentionCandidatesAsync(int max = 1000, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Roles.Admin);
        var cutoff = clock.UtcNow.AddMonths(-Math.Max(PrivacySettings.MinimumMonths, settings.RetentionMonths));
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var rows = await db.Customers.AsNoTracking()
            .Where(c => c.PseudonymisedAtUtc == null && c.UpdatedAtUtc < cutoff)
            .Where(c => !db.DivisionAccounts.Any(a => a.CustomerId == c.Id && a.Balance != 0m))
            .Where(c => !db.Laybys.Any(l => l.CustomerId == c.Id && (l.Status == LaybyStatus.Active || l.Status == LaybyStatus.OnHold)))
            .Where(c => !db.CreditApplications.Any(a => a.CustomerId == c.Id
                && (a.Status == CreditApplicationStatus.Pending || a.Status == CreditApplicationStatus.UnderReview)))
            .Select(c => new
            {
                c.Id,
                c.CustomerNumber,
                c.FullName,
                c.Type,
                c.UpdatedAtUtc,
                LastEntry = db.AccountEntries.Where(e => db.DivisionAccounts.Any(a => a.Id == e.DivisionAccountId && a.CustomerId == c.Id))
                    .Max(e => (DateTime?)e.CreatedAtUtc),
                LastLaybyEntry = db.LaybyEntries.Where(e => db.Laybys.Any(l => l.Id == e.LaybyId && l.CustomerId == c.Id))
                    .Max(e => (DateTime?)e.PostedAtUtc),
            })
            .Where(c => (c.LastEntry == null || c.LastEntry < cutoff) && (c.LastLaybyEntry == null || c.LastLaybyEntry < cutoff))
            .OrderBy(c => c.UpdatedAtUtc).ThenBy(c => c.Id)
            .Take(max)
            .ToListAsync(cancellationToken);
        return rows.Select(c => new RetentionCandidate(c.Id, c.CustomerNumber, c.FullName, c.Type,
            new[] { c.UpdatedAtUtc, c.LastEntry ?? DateTime.MinValue, c.LastLaybyEntry ?? DateTime.MinValue }.Max())).ToList();
    }

    /// <summary>
    /// Pseudonymises the chosen customers one transaction each, reporting progress after each; a cancel stops before the
    /// next customer (those done stay done). Customers no longer past the retention period are refused with the reason.
    /// </summary>
    public async Task<BulkPseudonymisation> PseudonymiseManyAsync(
        IReadOnlyList<int> customerIds, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Roles.Admin);
        var eligible = (await RetentionCandidatesAsync(int.MaxValue, cancellationToken)).ToDictionary(c => c.Id);
        var done = 0;
        var refused = new List<string>();
        for (var i = 0; i < customerIds.Count; i++)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                return new BulkPseudonymisation(done, refused, Cancelled: true);
            }

            if (!eligible.TryGetValue(customerIds[i], out var candidate))
            {
                refused.Add($"Customer {customerIds[i]} is not past the retention period with nothing owed.");
            }
            else
            {
                try
                {
                    await PseudonymiseAsync(candidate.Id, candidate.CustomerNumber, CancellationToken.None);
                    done++;
                }
                catch (DomainException e)
                {
                    refused.Add(e.Message);
                }
            }

            progress?.Report(i + 1);
        }

        return new BulkPseudonymisation(done, refused, Cancelled: false);
    }

    private static List<string> Blockers(CustomerRecords records)
    {
        var blockers = new List<string>();
        var owing = records.Accounts.Where(a => a.Balance != 0m).ToList();
        if (owing.Count > 0)
        {
            blockers.Add("open balance on " + string.Join(", ", owing.Select(a => $"{a.AccountNumber} ({a.Balance:N2})")));
        }

        var open = records.Laybys.Where(l => l.Status is LaybyStatus.Active or LaybyStatus.OnHold).ToList();
        if (open.Count > 0)
        {
            blockers.Add("open layby " + string.Join(", ", open.Select(l => l.LaybyNumber)));
        }

        var pending = records.CreditApplications.Where(a => a.Status is CreditApplicationStatus.Pending or CreditApplicationStatus.UnderReview).ToList();
        if (pending.Count > 0)
        {
            blockers.Add("pending credit application " + string.Join(", ", pending.Select(a => a.ApplicationNumber)));
        }

        return blockers;
    }

    /// <summary>The values to hunt for in earlier audit rows: the customer's, and other free text held about them.</summary>
    private static List<string> PersonalValues(CustomerRecords records)
    {
        var values = records.MergedCustomers.Prepend(records.Customer).SelectMany(c => c.PersonalValues()).ToList();
        foreach (var a in records.CreditApplications)
        {
            values.AddRange(new[] { a.EmployerName, a.EmployerContact, a.Reference1Name, a.Reference1Contact, a.Reference2Name, a.Reference2Contact }
                .Where(v => !string.IsNullOrWhiteSpace(v) && v != Pseudonym.Removed)!);
        }

        // Very short values (a two-letter first name) would match inside unrelated words; fields are scrubbed by name anyway.
        return values.Where(v => v.Length >= 3).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>
    /// Earlier audit rows about the customer's rows keep their structure (who, when, which field) but lose the personal
    /// values: named personal fields, and any value containing one of <paramref name="personalValues"/>. Audit rows are
    /// append-only; the database lets this one change through only with <see cref="AuditEntry.PersonalDataRemovedAtUtc"/>.
    /// </summary>
    private static async Task ScrubAuditTrailAsync(
        ICustomerDb db, CustomerRecords records, IReadOnlyList<string> personalValues, DateTime now, CancellationToken cancellationToken)
    {
        var personalFields = records.Tables().SelectMany(t => t.Rows).OfType<IHoldsPersonalData>()
            .GroupBy(r => r.GetType().Name)
            .ToDictionary(g => g.Key, g => g.First().PersonalProperties.ToHashSet());
        personalFields[nameof(Customer)] = Customer.PersonalFieldNames.ToHashSet();
        personalFields[nameof(CustomerMerge)] = [nameof(CustomerMerge.SurvivorBeforeJson), nameof(CustomerMerge.MergedBeforeJson)];
        foreach (var entry in records.AuditEntries)
        {
            var fields = personalFields.GetValueOrDefault(entry.EntityType) ?? [];
            var scrubbed = entry.ChangesWithout((change, value) => fields.Contains(change.Field)
                || personalValues.Any(p => value.Contains(p, StringComparison.OrdinalIgnoreCase)));
            if (scrubbed is not null)
            {
                await db.AuditEntries.Where(a => a.Id == entry.Id).ExecuteUpdateAsync(
                    s => s.SetProperty(a => a.ChangesJson, scrubbed).SetProperty(a => a.PersonalDataRemovedAtUtc, now), cancellationToken);
            }
        }
    }

    /// <summary>The export writes columns, not object graphs: navigations and computed views are left out.</summary>
    private static void ColumnsOnly(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object || info.Type.Assembly != typeof(PrivacyService).Assembly)
        {
            return;
        }

        foreach (var property in info.Properties.Where(p => !IsColumn(p.PropertyType)).ToList())
        {
            info.Properties.Remove(property);
        }
    }

    private static bool IsColumn(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(DateTime)
            || type == typeof(DateOnly) || type == typeof(DateTimeOffset) || type == typeof(Guid) || type == typeof(TimeOnly);
    }
}
