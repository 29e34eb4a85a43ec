using System.Text.Json;
using CustomerManager.Domain.Accounts;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Numbering;

namespace CustomerManager.Domain.Statements;

/// <summary>Where a statement's closing balance stands (see <see cref="Statement.PaymentOf"/>).</summary>
public enum StatementPayment
{
    NothingDue,
    Open,
    Paid,
    Overdue,
}

/// <summary>One entry of the period as printed on the statement, with the balance after it.</summary>
public sealed record StatementLine(DateOnly Date, string Kind, string? Reference, string? Description, decimal Amount, decimal RunningBalance);

/// <summary>An open layby of the customer in the statement's division and what was owing on it at the statement date.</summary>
public sealed record StatementLaybyBalance(string LaybyNumber, string Status, decimal Balance);

/// <summary>Who the statement is for and from, copied onto it so the stored statement renders the same forever.</summary>
public sealed record StatementParties(
    string BusinessName, string Currency, int DivisionId, string DivisionCode, string DivisionName,
    int CustomerId, string CustomerNumber, string CustomerName, string? CustomerAddress, string AccountNumber, int LoyaltyPoints);

/// <summary>
/// A division account's statement for one calendar month (DOMAIN.md §7), stored once and never changed. The opening
/// balance is every entry before the month; the lines are the month's entries with running balance; the closing
/// balance is opening + lines. Aging is of the charges open at the statement date (the month's last day), with the
/// payments not yet allocated shown as credit, so that closing = aging total − unallocated credit.
/// </summary>
public class Statement : IAppendOnly, IHoldsPersonalData
{
    private static readonly string[] PersonalFields = [nameof(CustomerName), nameof(CustomerAddress), nameof(LinesJson), nameof(LaybyBalancesJson)];

    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyCollection<string> PersonalProperties => PersonalFields;

    /// <summary>The name and address printed on it; the lines, totals and aging stay as issued.</summary>
    public void RemovePersonalData(IReadOnlyList<string> personalValues)
    {
        CustomerName = Pseudonym.Removed;
        CustomerAddress = null;
        LinesJson = PersonalText.WithoutInJson(LinesJson, personalValues);
        LaybyBalancesJson = PersonalText.WithoutInJson(LaybyBalancesJson, personalValues);
    }

    public const string NumberPrefix = "STM";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public long Id { get; private set; }

    /// <summary>STM-CLO-202611-000001.</summary>
    public string Number { get; private set; } = "";

    public int DivisionAccountId { get; private set; }

    public string AccountNumber { get; private set; } = "";

    public int CustomerId { get; private set; }

    public string CustomerNumber { get; private set; } = "";

    public string CustomerName { get; private set; } = "";

    public string? CustomerAddress { get; private set; }

    public int DivisionId { get; private set; }

    public string DivisionName { get; private set; } = "";

    public string BusinessName { get; private set; } = "";

    public string Currency { get; private set; } = "";

    public DateOnly PeriodStart { get; private set; }

    public DateOnly PeriodEnd { get; private set; }

    /// <summary>The last day of the month: aging and layby balances are as of this day.</summary>
    public DateOnly StatementDate { get; private set; }

    /// <summary>When the closing balance must be paid: the statement date plus the account's payment terms then.</summary>
    public DateOnly DueDate { get; private set; }

    public decimal OpeningBalance { get; private set; }

    public decimal ClosingBalance { get; private set; }

    /// <summary>Sales on account and refunds paid out in the period.</summary>
    public decimal TotalCharges { get; private set; }

    /// <summary>Payments received in the period, as a positive amount.</summary>
    public decimal TotalPayments { get; private set; }

    public decimal TotalFees { get; private set; }

    public decimal TotalInterest { get; private set; }

    /// <summary>Reversals, adjustments, write-offs and recoveries in the period (signed).</summary>
    public decimal TotalOther { get; private set; }

    public decimal AgingCurrent { get; private set; }

    public decimal Aging1To30 { get; private set; }

    public decimal Aging31To60 { get; private set; }

    public decimal Aging61To90 { get; private set; }

    public decimal AgingOver90 { get; private set; }

    /// <summary>Payments not yet allocated to a charge at the statement date, as a positive amount.</summary>
    public decimal UnallocatedCredit { get; private set; }

    public int LoyaltyPoints { get; private set; }

    public string LinesJson { get; private set; } = "[]";

    public string LaybyBalancesJson { get; private set; } = "[]";

    public DateTime GeneratedAtUtc { get; private set; }

    public string GeneratedBy { get; private set; } = "";

    public AgingBalances Aging => new(AgingCurrent, Aging1To30, Aging31To60, Aging61To90, AgingOver90);

    public IReadOnlyList<StatementLine> Lines => JsonSerializer.Deserialize<List<StatementLine>>(LinesJson, Json) ?? [];

    public IReadOnlyList<StatementLaybyBalance> LaybyBalances =>
        JsonSerializer.Deserialize<List<StatementLaybyBalance>>(LaybyBalancesJson, Json) ?? [];

    private Statement()
    {
    }

    /// <summary>The first day of the month, refusing months that do not exist or have not ended by <paramref name="today"/>.</summary>
    public static DateOnly PeriodStartOf(int year, int month, DateOnly today)
    {
        if (year is < 2000 or > 9998 || month is < 1 or > 12)
        {
            throw new DomainException("Choose a month between January 2000 and the last month that has ended.", "Month");
        }

        var start = new DateOnly(year, month, 1);
        var end = start.AddMonths(1).AddDays(-1);
        if (end >= today)
        {
            throw new DomainException(
                $"A statement for {start:MMMM yyyy} can be generated from {end.AddDays(1):yyyy-MM-dd}, once the month has ended.", "Month");
        }

        return start;
    }

    public static string SequenceName(string divisionCode, DateOnly periodStart) => $"{NumberPrefix}-{divisionCode}-{periodStart:yyyyMM}";

    /// <summary>
    /// Builds the statement of <paramref name="periodStart"/>'s month from the account's whole ledger (entries in
    /// posting order and stored allocations); entries after the month play no part.
    /// </summary>
    internal static Statement Compose(
        long number, DivisionAccount account, StatementParties parties, DateOnly periodStart,
        IReadOnlyList<AccountEntry> entries, IReadOnlyList<PaymentAllocation> allocations,
        IReadOnlyList<StatementLaybyBalance> laybys, DateTime nowUtc, string userName)
    {
        var periodEnd = periodStart.AddMonths(1).AddDays(-1);
        var opening = entries.Where(e => e.PostingDate < periodStart).Sum(e => e.Amount);
        var inPeriod = entries.Where(e => e.PostingDate >= periodStart && e.PostingDate <= periodEnd)
            .OrderBy(e => e.PostingDate).ThenBy(e => e.Id).ToList();
        var running = opening;
        var lines = new List<StatementLine>(inPeriod.Count);
        foreach (var e in inPeriod)
        {
            running += e.Amount;
            lines.Add(new StatementLine(e.PostingDate, KindName(e.Kind), e.ReceiptNumber ?? e.Reference, e.Description, e.Amount, running));
        }

        var ledger = LedgerAsOf.At(entries, allocations, periodEnd);
        var aging = AgingBuckets.Age(ledger.OpenCharges(), periodEnd);
        var credit = ledger.FreeCredit().Sum(f => f.Free);
        decimal Sum(params AccountEntryKind[] kinds) => inPeriod.Where(e => kinds.Contains(e.Kind)).Sum(e => e.Amount);

        var statement = new Statement
        {
            Number = NumberSequence.Format(SequenceName(parties.DivisionCode, periodStart), number),
            DivisionAccountId = account.Id,
            AccountNumber = parties.AccountNumber,
            CustomerId = parties.CustomerId,
            CustomerNumber = parties.CustomerNumber,
            CustomerName = parties.CustomerName,
            CustomerAddress = parties.CustomerAddress,
            DivisionId = parties.DivisionId,
            DivisionName = parties.DivisionName,
            BusinessName = parties.BusinessName,
            Currency = parties.Currency,
            PeriodStart = periodStart,
            PeriodEnd = periodEnd,
            StatementDate = periodEnd,
            DueDate = periodEnd.AddDays(account.PaymentTermsDays),
            OpeningBalance = opening,
            ClosingBalance = running,
            TotalCharges = Sum(AccountEntryKind.SaleOnAccount, AccountEntryKind.Refund, AccountEntryKind.OpeningBalance),
            TotalPayments = -Sum(AccountEntryKind.Payment),
            TotalFees = Sum(AccountEntryKind.Fee),
            TotalInterest = Sum(AccountEntryKind.Interest),
            TotalOther = Sum(OtherKinds),
            AgingCurrent = aging.Current,
            Aging1To30 = aging.Days1To30,
            Aging31To60 = aging.Days31To60,
            Aging61To90 = aging.Days61To90,
            AgingOver90 = aging.Over90,
            UnallocatedCredit = credit,
            LoyaltyPoints = parties.LoyaltyPoints,
            LinesJson = JsonSerializer.Serialize(lines, Json),
            LaybyBalancesJson = JsonSerializer.Serialize(laybys, Json),
            GeneratedAtUtc = nowUtc,
            GeneratedBy = userName,
        };
        statement.CheckArithmetic();
        return statement;
    }

    /// <summary>The statement's own sums agree: closing = opening + period totals; aging − credit = closing.</summary>
    public void CheckArithmetic()
    {
        var byTotals = OpeningBalance + TotalCharges - TotalPayments + TotalFees + TotalInterest + TotalOther;
        if (byTotals != ClosingBalance)
        {
            throw new InvalidOperationException(
                $"Statement {Number}: opening {OpeningBalance} + period totals gives {byTotals}, not the closing balance {ClosingBalance}.");
        }

        if (Aging.Total - UnallocatedCredit != ClosingBalance)
        {
            throw new InvalidOperationException(
                $"Statement {Number}: aging {Aging.Total} less credit {UnallocatedCredit} is not the closing balance {ClosingBalance}.");
        }
    }

    /// <summary>
    /// Whether the statement's closing balance has been paid, computed from the ledger as it is now (never typed): nothing
    /// was due; paid, once every charge posted up to the statement date has been settled (or reversed); otherwise open,
    /// or overdue after the due date.
    /// </summary>
    public static StatementPayment PaymentOf(decimal closingBalance, DateOnly statementDate, DateOnly dueDate, AccountLedger ledgerNow, DateOnly today)
    {
        if (closingBalance <= 0)
        {
            return StatementPayment.NothingDue;
        }

        if (ledgerNow.OpenCharges().All(c => c.Charge.PostingDate > statementDate))
        {
            return StatementPayment.Paid;
        }

        return today > dueDate ? StatementPayment.Overdue : StatementPayment.Open;
    }

    /// <summary>Every kind not totalled on its own line, so that the totals always add up to the closing balance.</summary>
    private static readonly AccountEntryKind[] OtherKinds = Enum.GetValues<AccountEntryKind>()
        .Except([AccountEntryKind.SaleOnAccount, AccountEntryKind.Refund, AccountEntryKind.OpeningBalance, AccountEntryKind.Payment, AccountEntryKind.Fee, AccountEntryKind.Interest])
        .ToArray();

    public static string KindName(AccountEntryKind kind) => kind.Words();
}
