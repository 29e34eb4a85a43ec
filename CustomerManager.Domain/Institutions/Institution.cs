using CustomerManager.Domain.Common;

namespace CustomerManager.Domain.Institutions;

/// <summary>The kinds of institution (issue 17; DOMAIN.md §2 adds research institutes and libraries).</summary>
public enum InstitutionType
{
    University,
    College,
    School,
    ResearchInstitute,
    Library,
    Hospital,
    Clinic,
    Government,
    Corporate,
    Ngo,
    Other,
}

public enum InstitutionStatus
{
    Active,
    Inactive,
}

/// <summary>What a customer is at their institution (the seed's list as the issue gives it).</summary>
public enum Designation
{
    Student,
    Teacher,
    Lecturer,
    Professor,
    Staff,
    Nurse,
    Doctor,
    Administrator,
    Director,
    Manager,
    Principal,
    ViceChancellor,
    Other,
}

/// <summary>What the institution form holds.</summary>
public sealed record InstitutionInput
{
    public string? Name { get; init; }

    public string? Code { get; init; }

    public InstitutionType Type { get; init; } = InstitutionType.University;

    public string? Category { get; init; }

    public string? ContactName { get; init; }

    public string? Phone { get; init; }

    public string? Email { get; init; }

    public string? Website { get; init; }

    public string? Address { get; init; }

    public string? City { get; init; }

    public string? State { get; init; }

    public string? Country { get; init; }

    public string? PostalCode { get; init; }

    public string? Notes { get; init; }

    /// <summary>
    /// The customer record the institution is billed as (a business, government or NGO customer): its division
    /// accounts are the institution's own, apart from the members' roll-up.
    /// </summary>
    public int? BillingCustomerId { get; init; }
}

/// <summary>
/// A university, school, hospital, ministry or company whose people are customers (DOMAIN.md §2, seed
/// institution-centric-crm): a unique code, a type, contacts and address. Members are customers with
/// <see cref="Customers.Customer.InstitutionId"/>; its own accounts, if it is billed, are those of its billing customer.
/// Never deleted while it has members: deactivated instead.
/// </summary>
public class Institution : IVersioned
{
    public const int NameMaxLength = 200;
    public const int CodeMaxLength = 20;
    public const int TextMaxLength = 200;
    public const int NotesMaxLength = 4000;

    public int Id { get; private set; }

    public string Name { get; private set; } = "";

    /// <summary>Upper-case letters, digits and dashes; unique.</summary>
    public string Code { get; private set; } = "";

    public InstitutionType Type { get; private set; }

    public string? Category { get; private set; }

    public string? ContactName { get; private set; }

    public string? Phone { get; private set; }

    public string? Email { get; private set; }

    public string? Website { get; private set; }

    public string? Address { get; private set; }

    public string? City { get; private set; }

    public string? State { get; private set; }

    public string? Country { get; private set; }

    public string? PostalCode { get; private set; }

    public string? Notes { get; private set; }

    public int? BillingCustomerId { get; private set; }

    public InstitutionStatus Status { get; private set; } = InstitutionStatus.Active;

    public DateTime CreatedAtUtc { get; private set; }

    public string CreatedBy { get; private set; } = "";

    public int Version { get; set; }

    private Institution()
    {
    }

    public Institution(InstitutionInput input, DateTime nowUtc, string userName)
    {
        CreatedAtUtc = nowUtc;
        CreatedBy = userName;
        Apply(input);
    }

    /// <summary>"uct-01 " → "UCT-01": codes are compared and stored this way.</summary>
    public static string NormaliseCode(string? code) => (code ?? "").Trim().ToUpperInvariant();

    public void Apply(InstitutionInput input)
    {
        var name = TextRules.Required(input.Name, NameMaxLength, "institution's name", nameof(Name));
        var code = NormaliseCode(input.Code);
        if (code.Length == 0 || code.Length > CodeMaxLength || !code.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
        {
            throw new DomainException($"Enter a code of 1 to {CodeMaxLength} letters, digits or dashes (e.g. UCT).", nameof(Code));
        }

        if (!Enum.IsDefined(input.Type))
        {
            throw new DomainException("Choose the kind of institution.", nameof(Type));
        }

        var email = TextRules.Optional(input.Email, 254, "e-mail address", nameof(Email))?.ToLowerInvariant();
        if (email is not null && (!email.Contains('@', StringComparison.Ordinal) || email.StartsWith('@') || email.EndsWith('@')))
        {
            throw new DomainException("That e-mail address is not valid.", nameof(Email));
        }

        Name = name;
        Code = code;
        Type = input.Type;
        Category = TextRules.Optional(input.Category, 100, "category", nameof(Category));
        ContactName = TextRules.Optional(input.ContactName, 100, "contact person", nameof(ContactName));
        Phone = TextRules.Optional(input.Phone, 30, "phone number", nameof(Phone));
        Email = email;
        Website = TextRules.Optional(input.Website, TextMaxLength, "website", nameof(Website));
        Address = TextRules.Optional(input.Address, TextMaxLength, "address", nameof(Address));
        City = TextRules.Optional(input.City, 100, "city", nameof(City));
        State = TextRules.Optional(input.State, 100, "province or state", nameof(State));
        Country = TextRules.Optional(input.Country, 100, "country", nameof(Country));
        PostalCode = TextRules.Optional(input.PostalCode, 20, "postal code", nameof(PostalCode));
        Notes = TextRules.Optional(input.Notes, NotesMaxLength, "notes", nameof(Notes));
        BillingCustomerId = input.BillingCustomerId;
    }

    public void Deactivate()
    {
        if (Status == InstitutionStatus.Inactive)
        {
            throw new DomainException($"{Code} is already inactive.");
        }

        Status = InstitutionStatus.Inactive;
    }

    public void Reactivate()
    {
        if (Status == InstitutionStatus.Active)
        {
            throw new DomainException($"{Code} is already active.");
        }

        Status = InstitutionStatus.Active;
    }

    public InstitutionInput Input() => new()
    {
        Name = Name,
        Code = Code,
        Type = Type,
        Category = Category,
        ContactName = ContactName,
        Phone = Phone,
        Email = Email,
        Website = Website,
        Address = Address,
        City = City,
        State = State,
        Country = Country,
        PostalCode = PostalCode,
        Notes = Notes,
        BillingCustomerId = BillingCustomerId,
    };
}
