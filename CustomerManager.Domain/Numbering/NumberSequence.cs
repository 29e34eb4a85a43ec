namespace CustomerManager.Domain.Numbering;

/// <summary>
/// A gap-free counter for one kind of document number (e.g. "UCST", "CLO-CUST"). Taken inside the transaction that
/// saves the numbered row: a rollback gives the number back, and the row lock serialises concurrent takers.
/// </summary>
public class NumberSequence
{
    public string Name { get; private set; } = "";

    /// <summary>The last number handed out.</summary>
    public long LastValue { get; private set; }

    private NumberSequence()
    {
    }

    public NumberSequence(string name)
    {
        Name = name;
    }

    /// <summary>PREFIX-000001: six digits, more when the counter outgrows them.</summary>
    public static string Format(string prefix, long value) => $"{prefix}-{value:D6}";
}
