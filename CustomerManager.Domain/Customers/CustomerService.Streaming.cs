using System.Runtime.CompilerServices;
using CustomerManager.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Domain.Customers;

/// <summary>A customer list row with what an export adds to the grid's columns.</summary>
public sealed record CustomerExportRow(
    int Id, string CustomerNumber, string FullName, CustomerType Type, string PrimaryPhone, string? PrimaryEmail, string? City,
    bool IsActive, bool IsBlacklisted, DateTime CreatedAtUtc, string? InstitutionCode, Institutions.Designation? Designation);

public sealed partial class CustomerService
{
    /// <summary>
    /// Every customer the list's search and filters match, in the list's sort order, streamed from the database one
    /// row at a time (exports of the customer list). The same filtering as <see cref="SearchAsync"/>, without paging.
    /// </summary>
    public async IAsyncEnumerable<CustomerExportRow> StreamAsync(
        CustomerQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        currentUser.Require(Viewers);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var text = CustomerSearchText.Parse(query.Text, (await businessDefaults.GetAsync(db, cancellationToken)).PhoneCountryCode);
        var (customers, _) = await FilteredAsync(db, await WithMyEmployeeAsync(db, query, cancellationToken), text, cancellationToken);
        var rows = Sorted(db, customers, query).Select(c => new CustomerExportRow(
            c.Id, c.CustomerNumber, c.FullName, c.Type, c.PrimaryPhone, c.PrimaryEmail, c.City, c.IsActive, c.IsBlacklisted, c.CreatedAtUtc,
            db.Institutions.Where(i => i.Id == c.InstitutionId).Select(i => i.Code).FirstOrDefault(), c.Designation));
        await foreach (var row in rows.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return row;
        }
    }
}
