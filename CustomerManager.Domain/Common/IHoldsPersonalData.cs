namespace CustomerManager.Domain.Common;

/// <summary>
/// A row with free text that can hold a customer's personal data. A pseudonymisation overwrites exactly
/// <see cref="PersonalProperties"/>; on an append-only row (a statement, a credit line event) that is the only change
/// the audit interceptor allows, and only in the save that records the pseudonymisation.
/// </summary>
public interface IHoldsPersonalData
{
    IReadOnlyCollection<string> PersonalProperties { get; }

    /// <summary>Replaces the personal values with <see cref="Pseudonym.Removed"/> (or a neutral value).</summary>
    void RemovePersonalData();
}

/// <summary>What a pseudonymised value reads.</summary>
public static class Pseudonym
{
    public const string Removed = "(removed)";
}
