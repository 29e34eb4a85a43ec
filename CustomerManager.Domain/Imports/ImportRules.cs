using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Laybys;

namespace CustomerManager.Domain.Imports;

public sealed record ImportDivision(int Id, string Code, string Name, bool IsActive);

/// <summary>What the row rules need to know about the business and the user, read once per file.</summary>
public sealed record ImportContext(
    string PhoneCountryCode,
    string Country,
    DateOnly Today,
    DateTime NowUtc,
    string UserName,
    IReadOnlyDictionary<string, ImportDivision> DivisionsByCode,
    IReadOnlyDictionary<int, LaybyPolicy> LaybyPolicies,
    Func<int, bool> WorksIn,
    Regex PreservedNumber);

/// <summary>A customer row that passed its own checks: the customer built by the domain (not saved), and its account.</summary>
public sealed record CustomerImportRow(
    ImportRow Row, string ExternalNumber, string? PreservedNumber, Customer Customer, ImportDivision? Division,
    decimal CreditLimit, int PaymentTermsDays, bool NotADuplicate);

/// <summary>Which customer a balance or layby row belongs to: by external number or by customer number.</summary>
public sealed record ImportCustomerRef(string? ExternalNumber, string? CustomerNumber)
{
    public string Key => ExternalNumber is { } e ? "ext:" + e : "num:" + CustomerNumber!.ToUpperInvariant();

    public override string ToString() => ExternalNumber ?? CustomerNumber ?? "";
}

public sealed record BalanceImportRow(
    ImportRow Row, ImportCustomerRef Customer, ImportDivision Division, DateOnly AsOf, decimal Amount, string? Reference, Guid RequestId);

public sealed record LaybyImportRow(
    ImportRow Row, ImportCustomerRef Customer, ImportDivision Division, string LaybyReference, string Items, decimal Total,
    decimal PaidSoFar, LaybyFrequency Frequency, DateOnly CompletionDate, Guid RequestId);

/// <summary>
/// The checks of one row on its own, with the same domain rules as the forms: a customer is built by
/// <see cref="Customer"/> (normalised phone, e-mail and ID), a layby opened by <see cref="Layby.Open"/> against the
/// division's current policy. What needs the database or the other rows (uniqueness, duplicates) is the service's.
/// </summary>
public static class ImportRules
{
    public const string DefaultPreservedNumberPattern = "^[A-Z][A-Z0-9]{0,9}-[0-9]{1,12}$";

    /// <summary>Column of the customer sheet that a domain field name refers to.</summary>
    private static readonly Dictionary<string, string> CustomerFieldColumns = new(StringComparer.Ordinal)
    {
        [nameof(Customer.Type)] = ImportLayout.Keys.Type,
        [nameof(Customer.FirstName)] = ImportLayout.Keys.FirstName,
        [nameof(Customer.LastName)] = ImportLayout.Keys.LastName,
        [nameof(Customer.CompanyName)] = ImportLayout.Keys.CompanyName,
        [nameof(Customer.DateOfBirth)] = ImportLayout.Keys.DateOfBirth,
        [nameof(Customer.PrimaryPhone)] = ImportLayout.Keys.Phone,
        [nameof(Customer.AlternatePhone)] = ImportLayout.Keys.AlternatePhone,
        [nameof(Customer.PrimaryEmail)] = ImportLayout.Keys.Email,
        [nameof(Customer.NationalId)] = ImportLayout.Keys.NationalId,
        [nameof(Customer.Address)] = ImportLayout.Keys.Address,
        [nameof(Customer.City)] = ImportLayout.Keys.City,
        [nameof(Customer.State)] = ImportLayout.Keys.Province,
        [nameof(Customer.PostalCode)] = ImportLayout.Keys.PostalCode,
        [nameof(Customer.Country)] = ImportLayout.Keys.Country,
    };

    public static CustomerImportRow? CustomerRow(ImportRow row, ImportContext context, List<ImportRowOutcome> outcomes)
    {
        var cells = new ImportCellReader(row, ImportLayout.Customers);
        var external = cells.Text(ImportLayout.Keys.ExternalNumber);
        var preserved = cells.Text(ImportLayout.Keys.CustomerNumber)?.ToUpperInvariant();
        if (preserved is not null && !PreservedNumberAllowed(preserved, context.PreservedNumber, out var why))
        {
            cells.Problem(ImportLayout.Keys.CustomerNumber, why);
        }

        var type = ParseType(cells);
        var division = DivisionOf(cells, context);
        var creditLimit = cells.Amount(ImportLayout.Keys.CreditLimit) ?? 0m;
        var terms = cells.WholeNumber(ImportLayout.Keys.PaymentTermsDays) ?? 30;
        if (division is null && (row.Cell(ImportLayout.Keys.CreditLimit).IsBlank == false || !row.Cell(ImportLayout.Keys.PaymentTermsDays).IsBlank)
            && !cells.Problems.Any(p => p.Column == ImportLayout.Keys.Division))
        {
            cells.Problem(ImportLayout.Keys.Division, "A credit limit or payment terms need the division of the account.");
        }

        if (creditLimit is < 0 or > 100_000_000m)
        {
            cells.Problem(ImportLayout.Keys.CreditLimit, "The credit limit must be between 0 and 100,000,000.");
        }

        if (terms is < 0 or > 365)
        {
            cells.Problem(ImportLayout.Keys.PaymentTermsDays, "Payment terms must be between 0 and 365 days.");
        }

        var notDuplicate = cells.Text(ImportLayout.Keys.NotADuplicate)?.ToLowerInvariant();
        if (notDuplicate is not (null or "yes" or "no"))
        {
            cells.Problem(ImportLayout.Keys.NotADuplicate, "Write yes, no or nothing.");
        }

        var details = new CustomerDetails
        {
            Type = type ?? CustomerType.Individual,
            FirstName = cells.Text(ImportLayout.Keys.FirstName),
            LastName = cells.Text(ImportLayout.Keys.LastName),
            CompanyName = cells.Text(ImportLayout.Keys.CompanyName),
            PrimaryPhone = cells.Text(ImportLayout.Keys.Phone),
            AlternatePhone = cells.Text(ImportLayout.Keys.AlternatePhone),
            PrimaryEmail = cells.Text(ImportLayout.Keys.Email),
            NationalId = cells.Text(ImportLayout.Keys.NationalId),
            DateOfBirth = cells.Date(ImportLayout.Keys.DateOfBirth),
            Address = cells.Text(ImportLayout.Keys.Address),
            City = cells.Text(ImportLayout.Keys.City),
            State = cells.Text(ImportLayout.Keys.Province),
            PostalCode = cells.Text(ImportLayout.Keys.PostalCode),
            Country = cells.Text(ImportLayout.Keys.Country),
            Source = "Import",
        };
        Customer? customer = null;
        if (!cells.HasProblems)
        {
            try
            {
                customer = new Customer(details, context.PhoneCountryCode, context.Country, context.Today, context.NowUtc, context.UserName);
                customer.SetExternalReference(external!);
            }
            catch (DomainException e)
            {
                cells.Problem(e.Field is { } f && CustomerFieldColumns.TryGetValue(f, out var column) ? column : ImportLayout.Keys.Type, e.Message);
            }
        }

        if (cells.HasProblems || customer is null)
        {
            outcomes.Add(Error(row, cells));
            return null;
        }

        return new CustomerImportRow(row, external!, preserved, customer, division, creditLimit, terms, notDuplicate == "yes");
    }

    public static BalanceImportRow? BalanceRow(ImportRow row, ImportContext context, List<ImportRowOutcome> outcomes)
    {
        var cells = new ImportCellReader(row, ImportLayout.OpeningBalances);
        var customer = CustomerRef(cells);
        var division = DivisionOf(cells, context);
        var asOf = cells.Date(ImportLayout.Keys.AsOf);
        var amount = cells.Amount(ImportLayout.Keys.Amount);
        var reference = cells.Text(ImportLayout.Keys.Reference);
        if (asOf is { } date && date > context.Today)
        {
            cells.Problem(ImportLayout.Keys.AsOf, "An opening balance cannot be as of a future date.");
        }

        if (amount is { } a && (a == 0 || Math.Abs(a) > 100_000_000m))
        {
            cells.Problem(ImportLayout.Keys.Amount, "The amount must be non-zero and at most 100,000,000 either way.");
        }

        if (cells.HasProblems)
        {
            outcomes.Add(Error(row, cells));
            return null;
        }

        return new BalanceImportRow(row, customer!, division!, asOf!.Value, amount!.Value, reference,
            RequestId("opening-balance", customer!.Key, division!.Code));
    }

    public static LaybyImportRow? LaybyRow(ImportRow row, ImportContext context, List<ImportRowOutcome> outcomes)
    {
        var cells = new ImportCellReader(row, ImportLayout.Laybys);
        var customer = CustomerRef(cells);
        var division = DivisionOf(cells, context);
        var reference = cells.Text(ImportLayout.Keys.LaybyReference);
        var items = cells.Text(ImportLayout.Keys.Items);
        var total = cells.Amount(ImportLayout.Keys.Total);
        var paid = cells.Amount(ImportLayout.Keys.PaidSoFar);
        var frequencyText = cells.Text(ImportLayout.Keys.Frequency);
        LaybyFrequency? frequency = null;
        if (frequencyText is not null)
        {
            frequency = Enum.GetValues<LaybyFrequency>().Cast<LaybyFrequency?>().FirstOrDefault(f => string.Equals(f!.Value.Words(), frequencyText, StringComparison.OrdinalIgnoreCase));
            if (frequency is null)
            {
                cells.Problem(ImportLayout.Keys.Frequency, "Write Weekly, Fortnightly or Monthly.");
            }
        }

        var completion = cells.Date(ImportLayout.Keys.CompletionDate);
        if (!cells.HasProblems)
        {
            if (!context.LaybyPolicies.TryGetValue(division!.Id, out var policy))
            {
                cells.Problem(ImportLayout.Keys.Division, $"{division.Name} has no layby policy yet; an admin sets one up first.");
            }
            else
            {
                try
                {
                    // The form's rules: minimum deposit, frequencies and maximum term of the division's policy.
                    Layby.Open(0, division.Id, policy, [new LaybyItemInput(items!, null, 1, total!.Value)], paid!.Value, PaymentMethod.Cash,
                        frequency!.Value, completion!.Value, context.Today, context.NowUtc, context.UserName);
                }
                catch (DomainException e)
                {
                    cells.Problem(e.Field switch
                    {
                        nameof(Layby.Deposit) => ImportLayout.Keys.PaidSoFar,
                        nameof(Layby.Frequency) => ImportLayout.Keys.Frequency,
                        nameof(Layby.CompletionDate) => ImportLayout.Keys.CompletionDate,
                        _ => ImportLayout.Keys.Total,
                    }, e.Message.Replace("The deposit", "Paid so far", StringComparison.Ordinal));
                }
            }
        }

        if (cells.HasProblems)
        {
            outcomes.Add(Error(row, cells));
            return null;
        }

        return new LaybyImportRow(row, customer!, division!, reference!, items!, total!.Value, paid!.Value, frequency!.Value, completion!.Value,
            RequestId("layby", customer!.Key, division!.Code, reference!.ToUpperInvariant()));
    }

    /// <summary>
    /// A kept customer number must look like the configured format and must not be one of the gap-free UCST series,
    /// whose counter keeps numbering new customers without gaps or clashes.
    /// </summary>
    public static bool PreservedNumberAllowed(string number, Regex pattern, out string why)
    {
        if (number.StartsWith(Customer.NumberPrefix + "-", StringComparison.OrdinalIgnoreCase))
        {
            why = $"{number} is in this system's own {Customer.NumberPrefix} series; leave Customer number blank to give a new one, or keep the old system's prefix.";
            return false;
        }

        if (!pattern.IsMatch(number))
        {
            why = $"{number} does not match the format for kept customer numbers ({pattern}).";
            return false;
        }

        why = "";
        return true;
    }

    /// <summary>
    /// A request id that is the same whenever the same row is imported (from its kind and key, not the import), so the
    /// unique request-id indexes of the ledger and laybys make a second import post nothing.
    /// </summary>
    public static Guid RequestId(params string[] parts)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("import|" + string.Join("|", parts)));
        var bytes = hash[..16];
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x50); // version 5 style: name-based
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }

    public static ImportRowOutcome Error(ImportRow row, ImportCellReader cells) =>
        new(row.Sheet, row.RowNumber, ImportRowStatus.Error, string.Join(" ", cells.Problems.Select(p => p.Message)),
            cells.Problems.Select(p => p.Column).ToList());

    private static CustomerType? ParseType(ImportCellReader cells)
    {
        var text = cells.Text(ImportLayout.Keys.Type);
        if (text is null)
        {
            return null;
        }

        var type = Enum.GetValues<CustomerType>().Cast<CustomerType?>()
            .FirstOrDefault(t => string.Equals(t!.Value.Words(), text, StringComparison.OrdinalIgnoreCase) || string.Equals(t.Value.ToString(), text, StringComparison.OrdinalIgnoreCase));
        if (type is null)
        {
            cells.Problem(ImportLayout.Keys.Type, $"\"{text}\" is not a customer type: write {string.Join(", ", Enum.GetValues<CustomerType>().Select(t => t.Words()))}.");
        }

        return type;
    }

    private static ImportDivision? DivisionOf(ImportCellReader cells, ImportContext context)
    {
        var code = cells.Text(ImportLayout.Keys.Division);
        if (code is null)
        {
            return null;
        }

        if (!context.DivisionsByCode.TryGetValue(code, out var division))
        {
            cells.Problem(ImportLayout.Keys.Division,
                $"There is no division {code}: use one of {string.Join(", ", context.DivisionsByCode.Values.Where(d => d.IsActive).Select(d => d.Code).Order())}.");
            return null;
        }

        if (!division.IsActive)
        {
            cells.Problem(ImportLayout.Keys.Division, $"{division.Name} is inactive.");
            return null;
        }

        if (!context.WorksIn(division.Id))
        {
            cells.Problem(ImportLayout.Keys.Division, $"You are limited to other divisions; {division.Name} is not one of yours.");
            return null;
        }

        return division;
    }

    private static ImportCustomerRef? CustomerRef(ImportCellReader cells)
    {
        var external = cells.Text(ImportLayout.Keys.ExternalNumber);
        var number = cells.Text(ImportLayout.Keys.CustomerNumber)?.ToUpperInvariant();
        if (external is null && number is null && !cells.Problems.Any(p => p.Column is ImportLayout.Keys.ExternalNumber or ImportLayout.Keys.CustomerNumber))
        {
            cells.Problem(ImportLayout.Keys.ExternalNumber, "Give the customer's external number or customer number.");
            return null;
        }

        return external is null && number is null ? null : new ImportCustomerRef(external, number);
    }
}
