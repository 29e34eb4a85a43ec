using CustomerManager.Domain.Common;

namespace CustomerManager.Domain.Customers;

/// <summary>
/// The universal customer: one identity across all divisions (DOMAIN.md §2). Contact fields are stored normalised;
/// the *Key columns hold lower-cased, accent-free names for prefix search and duplicate detection.
/// </summary>
public partial class Customer : IVersioned
{
    public const string NumberPrefix = "UCST";
    public const int NameMaxLength = 100;
    public const int CompanyNameMaxLength = 200;
    public const int TextMaxLength = 200;
    public const int MaxTags = 20;

    /// <summary>Every column that holds personal data (a pseudonymisation scrubs them from the audit trail too).</summary>
    public static readonly IReadOnlyList<string> PersonalFieldNames =
    [
        nameof(FirstName), nameof(LastName), nameof(FullName), nameof(CompanyName), nameof(DateOfBirth), nameof(Gender),
        nameof(PrimaryEmail), nameof(PrimaryPhone), nameof(AlternatePhone), nameof(Address), nameof(City), nameof(State),
        nameof(PostalCode), nameof(NationalId), nameof(PassportNumber), nameof(TaxNumber), nameof(LinkedUserId),
        nameof(LinkedEmployeeId), nameof(Source), nameof(ReferredBy), nameof(BlacklistReason), nameof(FirstNameKey),
        nameof(LastNameKey), nameof(FullNameKey), nameof(CompanyNameKey),
    ];

    public int Id { get; set; }

    public string CustomerNumber { get; private set; } = "";

    public CustomerType Type { get; private set; }

    public string? FirstName { get; private set; }

    public string? LastName { get; private set; }

    /// <summary>"First Last" for people, the company name otherwise.</summary>
    public string FullName { get; private set; } = "";

    public string? CompanyName { get; private set; }

    public DateOnly? DateOfBirth { get; private set; }

    public string? Gender { get; private set; }

    public string? PrimaryEmail { get; private set; }

    /// <summary>E.164, e.g. +27821234567.</summary>
    public string PrimaryPhone { get; private set; } = "";

    public string? AlternatePhone { get; private set; }

    public string? Address { get; private set; }

    public string? City { get; private set; }

    public string? State { get; private set; }

    public string Country { get; private set; } = "";

    public string? PostalCode { get; private set; }

    public string? NationalId { get; private set; }

    public string? PassportNumber { get; private set; }

    public string? TaxNumber { get; private set; }

    public string? LinkedUserId { get; private set; }

    public int? LinkedEmployeeId { get; private set; }

    public string? Source { get; private set; }

    public string? ReferredBy { get; private set; }

    /// <summary>The channel service messages go by when known (e-mail, SMS or WhatsApp).</summary>
    public Communications.CommunicationChannel? PreferredChannel { get; private set; }

    /// <summary>A language code such as "en" or "af": which templates the customer's messages use.</summary>
    public string? PreferredLanguage { get; private set; }

    /// <summary>
    /// The customer's number in the system it was imported from (the import's row key): a second import of the same
    /// file finds it and creates nothing twice. Unique when set.
    /// </summary>
    public string? ExternalReference { get; private set; }

    public bool IsActive { get; private set; } = true;

    public bool IsBlacklisted { get; private set; }

    public string? BlacklistReason { get; private set; }

    /// <summary>Set when this record was merged into another; it stays inactive while the merge stands.</summary>
    public int? MergedIntoId { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    public DateTime UpdatedAtUtc { get; private set; }

    public string CreatedBy { get; private set; } = "";

    public string UpdatedBy { get; private set; } = "";

    public string FirstNameKey { get; private set; } = "";

    public string LastNameKey { get; private set; } = "";

    public string FullNameKey { get; private set; } = "";

    public string CompanyNameKey { get; private set; } = "";

    public int Version { get; set; }

    /// <summary>The institution the customer belongs to (at most one); history in <see cref="Institutions.InstitutionMembership"/>.</summary>
    public int? InstitutionId { get; private set; }

    /// <summary>What the customer is at <see cref="InstitutionId"/> (set exactly when it is).</summary>
    public Institutions.Designation? Designation { get; private set; }

    /// <summary>Set once the personal fields were replaced (a privacy request or the retention period); irreversible.</summary>
    public DateTime? PseudonymisedAtUtc { get; private set; }

    public List<CustomerTag> Tags { get; } = [];

    private Customer()
    {
    }

    public Customer(CustomerDetails details, string defaultPhoneCountryCode, string defaultCountry, DateOnly today,
        DateTime nowUtc, string userName)
    {
        CreatedAtUtc = nowUtc;
        CreatedBy = userName;
        Apply(details, defaultPhoneCountryCode, defaultCountry, today, nowUtc, userName);
    }

    /// <summary>Given once, inside the transaction that inserts the customer (see NumberSequences).</summary>
    public void AssignNumber(long value)
    {
        if (CustomerNumber.Length > 0)
        {
            throw new InvalidOperationException("A customer number never changes.");
        }

        CustomerNumber = Numbering.NumberSequence.Format(NumberPrefix, value);
    }

    public const int ExternalReferenceMaxLength = 50;

    /// <summary>
    /// Keeps the number the customer had in the old system (seed: "preserve existing customer numbers"). Such numbers
    /// are outside the gap-free UCST series, so the counter for new customers never skips or clashes.
    /// </summary>
    internal void KeepNumber(string number)
    {
        if (CustomerNumber.Length > 0)
        {
            throw new InvalidOperationException("A customer number never changes.");
        }

        if (number.StartsWith(NumberPrefix + "-", StringComparison.OrdinalIgnoreCase) || number.Length is 0 or > 20)
        {
            throw new DomainException($"{number} cannot be kept: it is in this system's own {NumberPrefix} series or longer than 20 characters.");
        }

        CustomerNumber = number;
    }

    internal void SetExternalReference(string reference)
    {
        if (ExternalReference is not null)
        {
            throw new InvalidOperationException("An external reference never changes.");
        }

        ExternalReference = TextRules.Required(reference, ExternalReferenceMaxLength, "external number", nameof(ExternalReference));
    }

    /// <summary>Validates and normalises every field, then applies them all or none.</summary>
    public void Apply(CustomerDetails d, string defaultPhoneCountryCode, string defaultCountry, DateOnly today,
        DateTime nowUtc, string userName)
    {
        if (PseudonymisedAtUtc is not null)
        {
            throw new DomainException($"{CustomerNumber} was pseudonymised; its details cannot be changed.");
        }

        if (!Enum.IsDefined(d.Type))
        {
            throw new DomainException("Choose the customer type.", nameof(Type));
        }

        var firstName = Text(d.FirstName, NameMaxLength, "first name", nameof(FirstName));
        var lastName = Text(d.LastName, NameMaxLength, "last name", nameof(LastName));
        var companyName = Text(d.CompanyName, CompanyNameMaxLength, "company name", nameof(CompanyName));
        var isPerson = d.Type is CustomerType.Individual or CustomerType.Employee or CustomerType.User;
        if (isPerson && (firstName is null || lastName is null))
        {
            throw new DomainException("Enter the customer's first and last name.", firstName is null ? nameof(FirstName) : nameof(LastName));
        }

        if (!isPerson && companyName is null)
        {
            throw new DomainException("Enter the name of the business or organisation.", nameof(CompanyName));
        }

        if (d.DateOfBirth is { } born)
        {
            if (born > today)
            {
                throw new DomainException("The date of birth cannot be in the future.", nameof(DateOfBirth));
            }

            if (born < today.AddYears(-130))
            {
                throw new DomainException("That date of birth is more than 130 years ago; check the year.", nameof(DateOfBirth));
            }
        }

        var primaryPhone = ContactNormalisation.NormalisePhone(d.PrimaryPhone, defaultPhoneCountryCode, nameof(PrimaryPhone));
        var alternatePhone = string.IsNullOrWhiteSpace(d.AlternatePhone)
            ? null
            : ContactNormalisation.NormalisePhone(d.AlternatePhone, defaultPhoneCountryCode, nameof(AlternatePhone));
        var email = ContactNormalisation.NormaliseEmail(d.PrimaryEmail, nameof(PrimaryEmail));
        var nationalId = ContactNormalisation.NormaliseNationalId(d.NationalId, nameof(NationalId));
        var tags = NormaliseTags(d.Tags);
        if (d.PreferredChannel is { } channel
            && channel is not (Communications.CommunicationChannel.Email or Communications.CommunicationChannel.Sms or Communications.CommunicationChannel.WhatsApp))
        {
            throw new DomainException("Messages are sent by e-mail, SMS or WhatsApp; choose one of those.", nameof(PreferredChannel));
        }

        if (d.PreferredChannel == Communications.CommunicationChannel.Email && email is null)
        {
            throw new DomainException("E-mail is the preferred channel but there is no e-mail address.", nameof(PreferredChannel));
        }

        var language = string.IsNullOrWhiteSpace(d.PreferredLanguage) ? null : d.PreferredLanguage.Trim().ToLowerInvariant();
        if (language is not null && !LanguageCode().IsMatch(language))
        {
            throw new DomainException("Give the language as a code such as \"en\", \"af\" or \"zu\".", nameof(PreferredLanguage));
        }

        Type = d.Type;
        FirstName = firstName;
        LastName = lastName;
        CompanyName = companyName;
        FullName = isPerson ? $"{firstName} {lastName}" : companyName!;
        DateOfBirth = d.DateOfBirth;
        Gender = Text(d.Gender, 30, "gender", nameof(Gender));
        PrimaryEmail = email;
        PrimaryPhone = primaryPhone;
        AlternatePhone = alternatePhone;
        Address = Text(d.Address, TextMaxLength, "address", nameof(Address));
        City = Text(d.City, NameMaxLength, "city", nameof(City));
        State = Text(d.State, NameMaxLength, "province or state", nameof(State));
        Country = Text(d.Country, NameMaxLength, "country", nameof(Country)) ?? defaultCountry;
        PostalCode = Text(d.PostalCode, 20, "postal code", nameof(PostalCode));
        NationalId = nationalId;
        PassportNumber = Text(d.PassportNumber, 30, "passport number", nameof(PassportNumber))?.ToUpperInvariant();
        TaxNumber = Text(d.TaxNumber, 30, "tax number", nameof(TaxNumber));
        LinkedUserId = string.IsNullOrWhiteSpace(d.LinkedUserId) ? null : d.LinkedUserId;
        LinkedEmployeeId = d.LinkedEmployeeId;
        Source = Text(d.Source, NameMaxLength, "source", nameof(Source));
        ReferredBy = Text(d.ReferredBy, NameMaxLength, "referred by", nameof(ReferredBy));
        PreferredChannel = d.PreferredChannel;
        PreferredLanguage = language;
        SetNameKeys();
        UpdatedAtUtc = nowUtc;
        UpdatedBy = userName;

        Tags.RemoveAll(t => !tags.Contains(t.Tag));
        Tags.AddRange(tags.Where(tag => Tags.All(t => t.Tag != tag)).Select(tag => new CustomerTag { CustomerId = Id, Tag = tag }));
    }

    public void Blacklist(string reason)
    {
        reason = (reason ?? "").Trim();
        if (reason.Length is 0 or > TextMaxLength)
        {
            throw new DomainException($"Give the reason for blacklisting, in at most {TextMaxLength} characters.", nameof(BlacklistReason));
        }

        IsBlacklisted = true;
        BlacklistReason = reason;
    }

    public void ClearBlacklist()
    {
        if (!IsBlacklisted)
        {
            throw new DomainException("This customer is not blacklisted.");
        }

        IsBlacklisted = false;
        BlacklistReason = null;
    }

    /// <summary>Soft delete: hidden from lists by default, restorable; rows with money are never deleted.</summary>
    public void Deactivate()
    {
        if (!IsActive)
        {
            throw new DomainException($"{CustomerNumber} is already inactive.");
        }

        IsActive = false;
    }

    public void Restore()
    {
        if (PseudonymisedAtUtc is not null)
        {
            throw new DomainException($"{CustomerNumber} was pseudonymised; it cannot be restored.");
        }

        if (MergedIntoId is not null)
        {
            throw new DomainException($"{CustomerNumber} was merged into another customer; undo the merge instead.");
        }

        if (IsActive)
        {
            throw new DomainException($"{CustomerNumber} is already active.");
        }

        IsActive = true;
    }

    /// <summary>
    /// The customer's personal values as stored (names, contacts, identity numbers, address, free text), for checks that
    /// none survives a pseudonymisation anywhere else (earlier audit rows, merge snapshots).
    /// </summary>
    public IReadOnlyList<string> PersonalValues() =>
        new[]
        {
            FirstName, LastName, FullName, CompanyName, PrimaryEmail, PrimaryPhone, AlternatePhone, Address, PostalCode,
            NationalId, PassportNumber, TaxNumber, ReferredBy, BlacklistReason,
            DateOfBirth?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        }
        .Where(v => !string.IsNullOrWhiteSpace(v) && v != Pseudonym.Removed)
        .Select(v => v!)
        .Distinct()
        .ToList();

    /// <summary>
    /// Replaces every personal field for good (DOMAIN.md §11): the record keeps its number, type, country, dates and its
    /// accounts' money, and reads "Pseudonymised UCST-000042". It becomes inactive.
    /// </summary>
    public void Pseudonymise(DateTime nowUtc, string userName)
    {
        if (PseudonymisedAtUtc is not null)
        {
            throw new DomainException($"{CustomerNumber} has already been pseudonymised.");
        }

        var isPerson = Type is CustomerType.Individual or CustomerType.Employee or CustomerType.User;
        FirstName = isPerson ? "Pseudonymised" : null;
        LastName = isPerson ? CustomerNumber : null;
        FullName = $"Pseudonymised {CustomerNumber}";
        CompanyName = isPerson ? null : FullName;
        DateOfBirth = null;
        Gender = null;
        PrimaryEmail = null;
        PrimaryPhone = "";
        AlternatePhone = null;
        Address = null;
        City = null;
        State = null;
        PostalCode = null;
        NationalId = null;
        PassportNumber = null;
        TaxNumber = null;
        LinkedUserId = null;
        LinkedEmployeeId = null;
        Source = null;
        ReferredBy = null;
        BlacklistReason = IsBlacklisted ? Pseudonym.Removed : null;
        IsActive = false;
        SetNameKeys();
        UpdatedAtUtc = nowUtc;
        UpdatedBy = userName;
        PseudonymisedAtUtc = nowUtc;
    }

    private void SetNameKeys()
    {
        FirstNameKey = ContactNormalisation.NameKey(FirstName);
        LastNameKey = ContactNormalisation.NameKey(LastName);
        FullNameKey = ContactNormalisation.NameKey(FullName);
        CompanyNameKey = ContactNormalisation.NameKey(CompanyName);
    }

    /// <summary>Only through the institution service, which keeps the membership history beside it.</summary>
    internal void SetMembership(int? institutionId, Institutions.Designation? designation)
    {
        InstitutionId = institutionId;
        Designation = institutionId is null ? null : designation;
    }

    internal void MarkMergedInto(int survivorId)
    {
        MergedIntoId = survivorId;
        IsActive = false;
    }

    internal void UndoMerged()
    {
        MergedIntoId = null;
        IsActive = true;
    }

    private static string? Text(string? value, int maxLength, string what, string field) =>
        TextRules.Optional(value, maxLength, what, field);

    private static List<string> NormaliseTags(IReadOnlyList<string>? tags)
    {
        var result = (tags ?? []).Select(t => (t ?? "").Trim().ToLowerInvariant()).Where(t => t.Length > 0).Distinct().ToList();
        if (result.Count > MaxTags)
        {
            throw new DomainException($"A customer can have at most {MaxTags} tags.", nameof(Tags));
        }

        if (result.FirstOrDefault(t => t.Length > 40) is { } tooLong)
        {
            throw new DomainException($"The tag \"{tooLong}\" is longer than 40 characters.", nameof(Tags));
        }

        return result;
    }

    /// <summary>ISO 639 language, optionally with a region: "en", "af", "en-za".</summary>
    [System.Text.RegularExpressions.GeneratedRegex("^[a-z]{2,3}(-[a-z]{2})?$")]
    private static partial System.Text.RegularExpressions.Regex LanguageCode();
}

/// <summary>A searchable label on a customer, stored lower-case.</summary>
public class CustomerTag
{
    public int CustomerId { get; set; }

    public string Tag { get; set; } = "";
}
