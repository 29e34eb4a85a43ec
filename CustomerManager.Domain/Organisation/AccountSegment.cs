using CustomerManager.Domain.Common;

namespace CustomerManager.Domain.Organisation;

/// <summary>
/// A segment division accounts can be put in (core seed: admin-defined, e.g. "Students", "Trade", "Corporate"). A segment
/// in use is retired rather than deleted, so accounts keep what they were given.
/// </summary>
public class AccountSegment
{
    public const int NameMaxLength = 50;

    public int Id { get; private set; }

    public string Name { get; private set; } = "";

    public bool IsActive { get; private set; } = true;

    private AccountSegment()
    {
    }

    public AccountSegment(string name) => Name = ValidName(name);

    public void SetActive(bool active) => IsActive = active;

    public static string ValidName(string? name)
    {
        name = (name ?? "").Trim();
        if (name.Length is 0 or > NameMaxLength)
        {
            throw new DomainException($"A segment needs a name of at most {NameMaxLength} characters.", nameof(Name));
        }

        return name;
    }
}
