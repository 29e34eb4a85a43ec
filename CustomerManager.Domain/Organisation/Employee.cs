using CustomerManager.Domain.Common;

namespace CustomerManager.Domain.Organisation;

/// <summary>Someone who works for a division; may have a sign-in and may also be a customer.</summary>
public class Employee : IVersioned
{
    public int Id { get; set; }

    public string FirstName { get; private set; } = "";

    public string LastName { get; private set; } = "";

    public int DivisionId { get; private set; }

    public Division? Division { get; private set; }

    public string JobTitle { get; private set; } = "";

    /// <summary>The sign-in of this employee, if they have one (at most one employee per user).</summary>
    public string? UserId { get; private set; }

    public bool IsActive { get; private set; } = true;

    public int Version { get; set; }

    public string FullName => $"{FirstName} {LastName}";

    private Employee()
    {
    }

    public Employee(string firstName, string lastName, int divisionId, string jobTitle, string? userId = null)
    {
        Update(firstName, lastName, divisionId, jobTitle, userId, isActive: true);
    }

    public void Update(string firstName, string lastName, int divisionId, string jobTitle, string? userId, bool isActive)
    {
        firstName = (firstName ?? "").Trim();
        lastName = (lastName ?? "").Trim();
        jobTitle = (jobTitle ?? "").Trim();

        if (firstName.Length is 0 or > 100)
        {
            throw new DomainException("The first name must be given, in at most 100 characters.", nameof(FirstName));
        }

        if (lastName.Length is 0 or > 100)
        {
            throw new DomainException("The last name must be given, in at most 100 characters.", nameof(LastName));
        }

        if (jobTitle.Length > 100)
        {
            throw new DomainException("The job title can be at most 100 characters.", nameof(JobTitle));
        }

        if (divisionId <= 0)
        {
            throw new DomainException("Choose the employee's division.", nameof(DivisionId));
        }

        FirstName = firstName;
        LastName = lastName;
        DivisionId = divisionId;
        JobTitle = jobTitle;
        UserId = string.IsNullOrWhiteSpace(userId) ? null : userId;
        IsActive = isActive;
    }
}
