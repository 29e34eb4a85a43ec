using CustomerManager.Domain.Common;
using CustomerManager.Domain.Laybys;

namespace CustomerManager.Domain.Accounts;

/// <summary>Which way an adjustment moves what the customer owes.</summary>
public enum AdjustmentDirection
{
    /// <summary>The customer owes more: a charge, due after the account's terms.</summary>
    Debit,

    /// <summary>The customer owes less: settles open charges like a payment.</summary>
    Credit,
}

/// <summary>
/// The rules for the entries that are neither sales nor payments (DOMAIN.md §4): refunds never pay out more than the
/// credit held; a write-off never writes off more than is owed; fees, adjustments and write-offs always say why.
/// </summary>
public static class LedgerCorrections
{
    public const int ReasonMaxLength = 200;

    /// <summary>How a credit balance can be paid back to the customer.</summary>
    public static readonly IReadOnlyList<PaymentMethod> RefundMethods = [PaymentMethod.Cash, PaymentMethod.Card, PaymentMethod.BankTransfer];

    public static string Reason(string? reason, string what) =>
        TextRules.Optional(reason, ReasonMaxLength, "reason", "Reason")
        ?? throw new DomainException($"Say why {what} (at most {ReasonMaxLength} characters).", "Reason");

    /// <summary>The credit the customer holds: payments and credits not allocated to any charge.</summary>
    public static decimal CreditHeld(AccountLedger ledger) => ledger.FreeCredit().Sum(f => f.Free);

    public static decimal RefundAmount(AccountLedger ledger, decimal amount, PaymentMethod method)
    {
        amount = CreditCheck.ValidAmount(amount);
        if (!RefundMethods.Contains(method))
        {
            throw new DomainException("A refund is paid in cash, to a card or by bank transfer.", "Method");
        }

        var credit = CreditHeld(ledger);
        if (amount > credit)
        {
            throw new DomainException(credit == 0
                ? "The customer holds no credit on this account, so there is nothing to refund."
                : $"The refund of {amount:N2} is more than the credit held ({credit:N2}).", "Amount");
        }

        return amount;
    }

    public static decimal WriteOffAmount(AccountLedger ledger, decimal amount)
    {
        amount = CreditCheck.ValidAmount(amount);
        var owed = ledger.OpenCharges().Sum(c => c.Open);
        if (owed <= 0)
        {
            throw new DomainException("Nothing is owed on this account, so there is nothing to write off.", "Amount");
        }

        if (amount > owed)
        {
            throw new DomainException($"A write-off of {amount:N2} is more than the balance owed ({owed:N2}).", "Amount");
        }

        return amount;
    }

    /// <summary>Written off and not yet recovered: what a later payment recovers first.</summary>
    public static decimal Unrecovered(IEnumerable<AccountEntry> entries, AccountLedger ledger)
    {
        var counted = entries.Where(e => !ledger.IsReversed(e)).ToList();
        var writtenOff = -counted.Where(e => e.Kind == AccountEntryKind.WriteOff).Sum(e => e.Amount);
        var recovered = counted.Where(e => e.Kind == AccountEntryKind.Recovery).Sum(e => e.Amount);
        return Math.Max(0, writtenOff - recovered);
    }

    /// <summary>Signed amount of an adjustment: a debit adds to what is owed, a credit takes from it.</summary>
    public static decimal AdjustmentAmount(AdjustmentDirection direction, decimal amount)
    {
        if (!Enum.IsDefined(direction))
        {
            throw new DomainException("Choose whether the adjustment is a debit or a credit.", "Direction");
        }

        amount = CreditCheck.ValidAmount(amount);
        return direction == AdjustmentDirection.Debit ? amount : -amount;
    }
}
