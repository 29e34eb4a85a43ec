using System.Globalization;

namespace CustomerManager.Domain.Templates;

/// <summary>What a message is for: each purpose has its own templates and offers its own placeholders.</summary>
public enum TemplatePurpose
{
    Receipt,
    LaybyInstalmentReminder,
    OverdueAccountReminder,

    /// <summary>Sent a few days before an account charge falls due (the division's reminder policy).</summary>
    AccountDueReminder,
    StatementReady,
    CreditDecision,
    Welcome,
    FreeText,

    /// <summary>A subscription's charge for a billing period (the billing run, issue 19).</summary>
    SubscriptionInvoice,

    /// <summary>A division account became a member (by hand or by the purchase threshold, issue 18).</summary>
    MembershipWelcome,
}

/// <summary>A value a template can show, written <c>{{Name}}</c>, and the purposes whose messages supply it.</summary>
public sealed record TemplatePlaceholder(string Name, string Description, string Example, IReadOnlySet<TemplatePurpose> Purposes)
{
    /// <summary>How it is typed into a template.</summary>
    public string Token => "{{" + Name + "}}";

    public bool IsOfferedFor(TemplatePurpose purpose) => Purposes.Contains(purpose);
}

/// <summary>
/// The one list of placeholders. Customer-level values (names, number, business, total balance) are offered by every
/// purpose; record-level ones (a layby's number, an amount due, a statement) only by the purposes whose messages are
/// about such a record, so a template cannot name a value its messages never have.
/// </summary>
public static class TemplatePlaceholders
{
    private static readonly TemplatePurpose[] Every = Enum.GetValues<TemplatePurpose>();

    public static readonly IReadOnlyList<TemplatePlaceholder> All =
    [
        new("FirstName", "The customer's first name (the business name for a company).", "Thandi", Offer(Every)),
        new("LastName", "The customer's last name.", "Nkosi", Offer(Every)),
        new("FullName", "The customer's full name as on their record.", "Thandi Nkosi", Offer(Every)),
        new("CustomerNumber", "The customer's number.", "CUST-000123", Offer(Every)),
        new("BusinessName", "The business's name.", "Umbrella Trading Group", Offer(Every)),
        new("Balance", "The balance owed: in total on all accounts, or on the layby or account the message is about.", "ZAR 1,250.00", Offer(Every)),
        new("DivisionName", "The division the layby, account, receipt or statement belongs to.", "Clothing",
            Offer(TemplatePurpose.SubscriptionInvoice, TemplatePurpose.Receipt, TemplatePurpose.LaybyInstalmentReminder, TemplatePurpose.OverdueAccountReminder, TemplatePurpose.AccountDueReminder,
                TemplatePurpose.StatementReady, TemplatePurpose.CreditDecision, TemplatePurpose.MembershipWelcome)),
        new("LaybyNumber", "The layby's number.", "LAY-CLO-000042", Offer(TemplatePurpose.Receipt, TemplatePurpose.LaybyInstalmentReminder)),
        new("AccountNumber", "The division account's number.", "CLO-CUST-000017",
            Offer(TemplatePurpose.SubscriptionInvoice, TemplatePurpose.Receipt, TemplatePurpose.OverdueAccountReminder, TemplatePurpose.AccountDueReminder, TemplatePurpose.StatementReady, TemplatePurpose.CreditDecision,
                TemplatePurpose.MembershipWelcome)),
        new("AmountDue", "The amount to pay now (an instalment, the overdue amount, the statement's amount due).", "ZAR 350.00",
            Offer(TemplatePurpose.LaybyInstalmentReminder, TemplatePurpose.OverdueAccountReminder, TemplatePurpose.AccountDueReminder, TemplatePurpose.StatementReady)),
        new("DueDate", "The date it is (or was) due.", "15 December 2026",
            Offer(TemplatePurpose.SubscriptionInvoice, TemplatePurpose.LaybyInstalmentReminder, TemplatePurpose.OverdueAccountReminder, TemplatePurpose.AccountDueReminder, TemplatePurpose.StatementReady)),
        new("StatementNumber", "The statement's number.", "STM-CLO-2026-11-000017", Offer(TemplatePurpose.StatementReady)),
        new("ReceiptNumber", "The receipt's number.", "RCP-CLO-000512", Offer(TemplatePurpose.Receipt)),
        new("Amount", "The amount paid (receipts), the credit limit decided (credit decisions) or the amount charged (subscription invoices).", "ZAR 500.00",
            Offer(TemplatePurpose.Receipt, TemplatePurpose.CreditDecision, TemplatePurpose.SubscriptionInvoice)),
        new("SubscriptionNumber", "The subscription's number.", "SUB-000042", Offer(TemplatePurpose.SubscriptionInvoice)),
        new("PlanName", "The subscribed plan's name.", "Fiber 100", Offer(TemplatePurpose.SubscriptionInvoice)),
        new("Period", "The billing period charged.", "1 December 2026 to 31 December 2026", Offer(TemplatePurpose.SubscriptionInvoice)),
        new("Decision", "The credit decision in words: approved or declined.", "approved", Offer(TemplatePurpose.CreditDecision)),
    ];

    private static readonly Dictionary<string, TemplatePlaceholder> ByName = All.ToDictionary(p => p.Name, StringComparer.Ordinal);

    public static TemplatePlaceholder? Find(string name) => ByName.GetValueOrDefault(name);

    /// <summary>A placeholder with the same name in another case ("firstname" → FirstName), to suggest it.</summary>
    public static TemplatePlaceholder? FindIgnoringCase(string name) =>
        All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The placeholders a purpose's messages supply, in list order.</summary>
    public static IReadOnlyList<TemplatePlaceholder> For(TemplatePurpose purpose) => All.Where(p => p.IsOfferedFor(purpose)).ToList();

    /// <summary>Every placeholder's example value: what a preview shows where a real record has none.</summary>
    public static IReadOnlyDictionary<string, string?> Examples() => All.ToDictionary(p => p.Name, p => (string?)p.Example, StringComparer.Ordinal);

    private static HashSet<TemplatePurpose> Offer(params TemplatePurpose[] purposes) => [.. purposes];
}

/// <summary>Formatted values by placeholder name; money and dates are formatted by the caller (see the helpers).</summary>
public sealed record MessageValues(IReadOnlyDictionary<string, string?> Values)
{
    public static MessageValues Empty { get; } = new(new Dictionary<string, string?>(StringComparer.Ordinal));

    /// <summary>"ZAR 1,250.00": money as receipts and statements print it.</summary>
    public static string FormatMoney(string currency, decimal amount) => $"{currency} {amount.ToString("N2", CultureInfo.InvariantCulture)}";

    /// <summary>"15 December 2026": a date as a customer reads it.</summary>
    public static string FormatDate(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>
    /// The customer-level values every purpose offers: names (a company's name as its first name), number, the
    /// business's name and <paramref name="balance"/> (the total owed, or the record the message is about).
    /// </summary>
    public static MessageValues ForCustomer(Customers.Customer customer, string businessName, string balance) =>
        new(new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["FirstName"] = customer.FirstName ?? customer.CompanyName ?? customer.FullName,
            ["LastName"] = customer.LastName ?? "",
            ["FullName"] = customer.FullName,
            ["CustomerNumber"] = customer.CustomerNumber,
            ["BusinessName"] = businessName,
            ["Balance"] = balance,
        });

    /// <summary>These values with <paramref name="more"/> added (a value in <paramref name="more"/> wins).</summary>
    public MessageValues With(IReadOnlyDictionary<string, string?> more)
    {
        var values = new Dictionary<string, string?>(Values, StringComparer.Ordinal);
        foreach (var (name, value) in more)
        {
            values[name] = value;
        }

        return new MessageValues(values);
    }
}

/// <summary>A message ready to send: the subject (e-mail only), the text body, and the HTML body when the template has one.</summary>
public sealed record RenderedMessage(string? Subject, string TextBody, string? HtmlBody);
