namespace CustomerManager.Domain.Customers;

/// <summary>What a clerk enters on the customer form; <see cref="Customer.Apply"/> validates and normalises it.</summary>
public sealed record CustomerDetails
{
    public CustomerType Type { get; init; } = CustomerType.Individual;

    public string? FirstName { get; init; }

    public string? LastName { get; init; }

    public string? CompanyName { get; init; }

    public DateOnly? DateOfBirth { get; init; }

    public string? Gender { get; init; }

    public string? PrimaryEmail { get; init; }

    public string? PrimaryPhone { get; init; }

    public string? AlternatePhone { get; init; }

    public string? Address { get; init; }

    public string? City { get; init; }

    public string? State { get; init; }

    public string? Country { get; init; }

    public string? PostalCode { get; init; }

    public string? NationalId { get; init; }

    public string? PassportNumber { get; init; }

    public string? TaxNumber { get; init; }

    public string? LinkedUserId { get; init; }

    public int? LinkedEmployeeId { get; init; }

    public string? Source { get; init; }

    public string? ReferredBy { get; init; }

    /// <summary>How the customer wants service messages (receipts, statements, reminders): e-mail, SMS or WhatsApp.</summary>
    public Communications.CommunicationChannel? PreferredChannel { get; init; }

    /// <summary>The language of the templates to use (e.g. "en", "af"); null: the business's default.</summary>
    public string? PreferredLanguage { get; init; }

    public IReadOnlyList<string> Tags { get; init; } = [];
}

public static class CustomerDetailsOf
{
    /// <summary>The customer's current values as form input (for editing, merging and undoing a merge).</summary>
    public static CustomerDetails Details(this Customer c) => new()
    {
        PreferredChannel = c.PreferredChannel,
        PreferredLanguage = c.PreferredLanguage,
        Type = c.Type,
        FirstName = c.FirstName,
        LastName = c.LastName,
        CompanyName = c.CompanyName,
        DateOfBirth = c.DateOfBirth,
        Gender = c.Gender,
        PrimaryEmail = c.PrimaryEmail,
        PrimaryPhone = c.PrimaryPhone,
        AlternatePhone = c.AlternatePhone,
        Address = c.Address,
        City = c.City,
        State = c.State,
        Country = c.Country,
        PostalCode = c.PostalCode,
        NationalId = c.NationalId,
        PassportNumber = c.PassportNumber,
        TaxNumber = c.TaxNumber,
        LinkedUserId = c.LinkedUserId,
        LinkedEmployeeId = c.LinkedEmployeeId,
        Source = c.Source,
        ReferredBy = c.ReferredBy,
        Tags = c.Tags.Select(t => t.Tag).Order().ToList(),
    };
}
