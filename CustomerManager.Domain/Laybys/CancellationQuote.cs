using CustomerManager.Domain.Common;

namespace CustomerManager.Domain.Laybys;

/// <summary>
/// What a cancellation means in money, shown before it is confirmed: the amount paid, the penalty and how it was
/// computed, the fees kept, and the refund. Penalty and kept fees never take more than was paid.
/// </summary>
public sealed record CancellationQuote(
    decimal Paid, decimal Penalty, string PenaltyExplanation, decimal FeesKept, decimal Refund)
{
    public static CancellationQuote For(
        decimal total, decimal fees, decimal paid, LaybyPolicy policy, CancellationReason reason, bool keepFees)
    {
        var exempt = reason is CancellationReason.Death or CancellationReason.Hospitalisation;
        var fullPenalty = exempt ? 0m : policy.Penalty(total);
        var penalty = Math.Min(fullPenalty, Math.Max(0, paid));
        var explanation = exempt
            ? $"No penalty: {(reason == CancellationReason.Death ? "death" : "hospitalisation")} is exempt."
            : $"{policy.CancellationPenaltyPercent:0.##} % of the layby total {total:N2} = {fullPenalty:N2}"
              + (penalty < fullPenalty ? $", limited to the {paid:N2} paid" : "") + ".";
        var feesKept = keepFees ? Math.Min(Math.Max(0, fees), Math.Max(0, paid - penalty)) : 0m;
        var refund = Money.Round(Math.Max(0, paid - penalty - feesKept));
        return new CancellationQuote(paid, penalty, explanation, feesKept, refund);
    }
}
