using CustomerManager.Domain.Customers;

namespace CustomerManager.Web.Components.Pages.Customers;

/// <summary>The customer form's editable state (form inputs bind to settable properties; the domain record is immutable).</summary>
internal sealed class CustomerForm
{
    public CustomerType Type { get; set; } = CustomerType.Individual;

    public string? FirstName { get; set; }

    public string? LastName { get; set; }

    public string? CompanyName { get; set; }

    public DateTime? DateOfBirth { get; set; }

    public string? Gender { get; set; }

    public string? PrimaryEmail { get; set; }

    public string? PrimaryPhone { get; set; }

    public string? AlternatePhone { get; set; }

    public string? Address { get; set; }

    public string? City { get; set; }

    public string? State { get; set; }

    public string? Country { get; set; }

    public string? PostalCode { get; set; }

    public string? NationalId { get; set; }

    public string? PassportNumber { get; set; }

    public string? TaxNumber { get; set; }

    public string? LinkedUserId { get; set; }

    public int? LinkedEmployeeId { get; set; }

    public string? Source { get; set; }

    public string? ReferredBy { get; set; }

    public string? Tags { get; set; }

    public Domain.Communications.CommunicationChannel? PreferredChannel { get; set; }

    public string? PreferredLanguage { get; set; }

    /// <summary>The institution the customer belongs to (saved with the customer, its history kept).</summary>
    public int? InstitutionId { get; set; }

    public Domain.Institutions.Designation? Designation { get; set; }

    public MembershipChoice Membership() => new(InstitutionId, InstitutionId is null ? null : Designation);

    public static CustomerForm From(CustomerDetails d) => new()
    {
        Type = d.Type,
        FirstName = d.FirstName,
        LastName = d.LastName,
        CompanyName = d.CompanyName,
        DateOfBirth = d.DateOfBirth?.ToDateTime(TimeOnly.MinValue),
        Gender = d.Gender,
        PrimaryEmail = d.PrimaryEmail,
        PrimaryPhone = d.PrimaryPhone,
        AlternatePhone = d.AlternatePhone,
        Address = d.Address,
        City = d.City,
        State = d.State,
        Country = d.Country,
        PostalCode = d.PostalCode,
        NationalId = d.NationalId,
        PassportNumber = d.PassportNumber,
        TaxNumber = d.TaxNumber,
        LinkedUserId = d.LinkedUserId,
        LinkedEmployeeId = d.LinkedEmployeeId,
        Source = d.Source,
        ReferredBy = d.ReferredBy,
        PreferredChannel = d.PreferredChannel,
        PreferredLanguage = d.PreferredLanguage,
        Tags = string.Join(", ", d.Tags),
    };

    public CustomerDetails ToDetails() => new()
    {
        Type = Type,
        FirstName = FirstName,
        LastName = LastName,
        CompanyName = CompanyName,
        DateOfBirth = DateOfBirth is { } born ? DateOnly.FromDateTime(born) : null,
        Gender = Gender,
        PrimaryEmail = PrimaryEmail,
        PrimaryPhone = PrimaryPhone,
        AlternatePhone = AlternatePhone,
        Address = Address,
        City = City,
        State = State,
        Country = Country,
        PostalCode = PostalCode,
        NationalId = NationalId,
        PassportNumber = PassportNumber,
        TaxNumber = TaxNumber,
        LinkedUserId = LinkedUserId,
        LinkedEmployeeId = LinkedEmployeeId,
        Source = Source,
        ReferredBy = ReferredBy,
        PreferredChannel = PreferredChannel,
        PreferredLanguage = PreferredLanguage,
        Tags = (Tags ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
    };
}
