namespace CustomerManager.Domain.Imports;

public enum ImportColumnKind
{
    Text,
    Number,
    WholeNumber,
    Date,
}

/// <summary>A column of an import sheet: its key, the header people see (required ones end with *), what it holds.</summary>
public sealed record ImportColumn(string Key, string Header, ImportColumnKind Kind, bool Required, int MaxLength, string Help)
{
    /// <summary>The header as written in the template: "Phone *" for a required column.</summary>
    public string TemplateHeader => Required ? Header + " *" : Header;
}

/// <summary>A sheet of the import workbook and its columns, in template order.</summary>
public sealed record ImportSheet(string Name, IReadOnlyList<ImportColumn> Columns, string Help)
{
    public ImportColumn? Find(string key) => Columns.FirstOrDefault(c => c.Key == key);

    /// <summary>The column a header names: case, spaces and the trailing * do not matter.</summary>
    public ImportColumn? ForHeader(string? header)
    {
        var wanted = ImportLayout.HeaderKey(header);
        return Columns.FirstOrDefault(c => ImportLayout.HeaderKey(c.Header) == wanted);
    }
}

/// <summary>
/// The import workbook (issue 15): customers with their division account, opening balances per account and open
/// laybys, one sheet each, plus a Notes sheet of instructions. The template, the reader and the annotated copy all
/// follow this one layout.
/// </summary>
public static class ImportLayout
{
    public const string NotesSheet = "Notes";
    public const string StatusHeader = "Import status";
    public const string MessageHeader = "Import message";

    public static class Keys
    {
        public const string ExternalNumber = "ExternalNumber";
        public const string CustomerNumber = "CustomerNumber";
        public const string Type = "Type";
        public const string FirstName = "FirstName";
        public const string LastName = "LastName";
        public const string CompanyName = "CompanyName";
        public const string Phone = "PrimaryPhone";
        public const string AlternatePhone = "AlternatePhone";
        public const string Email = "PrimaryEmail";
        public const string NationalId = "NationalId";
        public const string DateOfBirth = "DateOfBirth";
        public const string Address = "Address";
        public const string City = "City";
        public const string Province = "State";
        public const string PostalCode = "PostalCode";
        public const string Country = "Country";
        public const string Division = "Division";
        public const string CreditLimit = "CreditLimit";
        public const string PaymentTermsDays = "PaymentTermsDays";
        public const string NotADuplicate = "NotADuplicate";
        public const string AsOf = "AsOf";
        public const string Amount = "Amount";
        public const string Reference = "Reference";
        public const string LaybyReference = "LaybyReference";
        public const string Items = "Items";
        public const string Total = "Total";
        public const string PaidSoFar = "PaidSoFar";
        public const string Frequency = "Frequency";
        public const string CompletionDate = "CompletionDate";
    }

    private const int NameMax = Domain.Customers.Customer.NameMaxLength;

    private const string ExternalHelp = "The customer's number in the old system: the row's key. Importing the same file again creates nothing twice.";
    private const string CustomerRefHelp = "Which customer: the external number of a customer in the Customers sheet or imported before, or a customer number (UCST-000123) of a customer already here.";

    public static readonly ImportSheet Customers = new("Customers",
    [
        new(Keys.ExternalNumber, "External number", ImportColumnKind.Text, true, 50, ExternalHelp),
        new(Keys.CustomerNumber, "Customer number", ImportColumnKind.Text, false, 20,
            "Optional: keep the old system's customer number (e.g. OLD-1042). Blank: a new UCST number is given."),
        new(Keys.Type, "Type", ImportColumnKind.Text, true, 20, "Individual, Business, Employee, User, Government or NGO."),
        new(Keys.FirstName, "First name", ImportColumnKind.Text, false, NameMax, "Required for individuals, employees and users."),
        new(Keys.LastName, "Last name", ImportColumnKind.Text, false, NameMax, "Required for individuals, employees and users."),
        new(Keys.CompanyName, "Company name", ImportColumnKind.Text, false, 200, "Required for businesses, government and NGOs."),
        new(Keys.Phone, "Phone", ImportColumnKind.Text, true, 30, "Any common way of writing it; stored as +27821234567. Format the column as text."),
        new(Keys.AlternatePhone, "Alternate phone", ImportColumnKind.Text, false, 30, "Optional second number."),
        new(Keys.Email, "E-mail", ImportColumnKind.Text, false, 254, "Unique: no two customers share an e-mail address."),
        new(Keys.NationalId, "National ID", ImportColumnKind.Text, false, 20, "Unique: no two customers share an ID number."),
        new(Keys.DateOfBirth, "Date of birth", ImportColumnKind.Date, false, 0, "A date cell, or text written yyyy-mm-dd."),
        new(Keys.Address, "Address", ImportColumnKind.Text, false, 200, ""),
        new(Keys.City, "City", ImportColumnKind.Text, false, NameMax, ""),
        new(Keys.Province, "Province", ImportColumnKind.Text, false, NameMax, ""),
        new(Keys.PostalCode, "Postal code", ImportColumnKind.Text, false, 20, ""),
        new(Keys.Country, "Country", ImportColumnKind.Text, false, NameMax, "Blank: the business's country."),
        new(Keys.Division, "Division", ImportColumnKind.Text, false, 10, "Optional: the code of the division to open an account in (see Notes)."),
        new(Keys.CreditLimit, "Credit limit", ImportColumnKind.Number, false, 0, "Optional, with a division: the account's credit limit (credit is allowed when above 0)."),
        new(Keys.PaymentTermsDays, "Payment terms days", ImportColumnKind.WholeNumber, false, 0, "Optional, with a division: 0 to 365 (default 30)."),
        new(Keys.NotADuplicate, "Not a duplicate", ImportColumnKind.Text, false, 3,
            "Write yes when the dry run called the row a likely duplicate but it is a different customer."),
    ], "One row per customer, with at most one division account.");


    public static readonly ImportSheet OpeningBalances = new("Opening balances",
    [
        new(Keys.ExternalNumber, "External number", ImportColumnKind.Text, false, 50, CustomerRefHelp),
        new(Keys.CustomerNumber, "Customer number", ImportColumnKind.Text, false, 20, CustomerRefHelp),
        new(Keys.Division, "Division", ImportColumnKind.Text, true, 10, "The division code of the account (opened when the customer has none there)."),
        new(Keys.AsOf, "As of", ImportColumnKind.Date, true, 0, "The date the balance was owed: the charge is due on it (statements and aging count from it)."),
        new(Keys.Amount, "Amount", ImportColumnKind.Number, true, 0, "What the customer owed on that date; negative for credit held."),
        new(Keys.Reference, "Reference", ImportColumnKind.Text, false, 100, "Optional, e.g. the old system's account number."),
    ], "One row per account: the balance brought forward from the old system, posted as an Opening balance entry.");

    public static readonly ImportSheet Laybys = new("Laybys",
    [
        new(Keys.ExternalNumber, "External number", ImportColumnKind.Text, false, 50, CustomerRefHelp),
        new(Keys.CustomerNumber, "Customer number", ImportColumnKind.Text, false, 20, CustomerRefHelp),
        new(Keys.Division, "Division", ImportColumnKind.Text, true, 10, "The division code of the layby."),
        new(Keys.LaybyReference, "Layby reference", ImportColumnKind.Text, true, 50, "The layby's number in the old system: the row's key."),
        new(Keys.Items, "Items", ImportColumnKind.Text, true, 200, "What is put away, e.g. \"School uniform, 2 shirts\"."),
        new(Keys.Total, "Total", ImportColumnKind.Number, true, 0, "The price of the goods."),
        new(Keys.PaidSoFar, "Paid so far", ImportColumnKind.Number, true, 0, "Deposit and payments received; at least the division's minimum deposit."),
        new(Keys.Frequency, "Frequency", ImportColumnKind.Text, true, 12, "Weekly, Fortnightly or Monthly."),
        new(Keys.CompletionDate, "Completion date", ImportColumnKind.Date, true, 0, "When it must be paid up; within the division's maximum term from today."),
    ], "One row per open layby: the rest is scheduled from today to the completion date under the division's current policy.");

    public static readonly IReadOnlyList<ImportSheet> Sheets = [Customers, OpeningBalances, Laybys];

    public static string HeaderKey(string? header) =>
        new string((header ?? "").Trim().TrimEnd('*').Trim().ToLowerInvariant().Where(ch => !char.IsWhiteSpace(ch)).ToArray());
}
