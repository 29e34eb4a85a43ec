namespace CustomerManager.Domain.Common;

/// <summary>
/// The one rounding rule for money (DOMAIN.md §4): two decimal places, midpoint away from zero, applied at every
/// posting. Amounts are stored as whole minor units (cents) so SQL can sort, compare and sum them on every provider.
/// </summary>
public static class Money
{
    public static decimal Round(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);

    public static long ToMinorUnits(decimal amount) => (long)(Round(amount) * 100m);

    public static decimal FromMinorUnits(long minorUnits) => minorUnits / 100m;
}
