using Microsoft.AspNetCore.Identity;

namespace CustomerManager.Domain.Users;

/// <summary>A sign-in. Admins create them (no self-registration); a disabled user cannot sign in.</summary>
public class ApplicationUser : IdentityUser
{
    public const int DisplayNameMaxLength = 100;

    public string DisplayName { get; set; } = "";

    public bool IsDisabled { get; set; }

    /// <summary>Divisions this user is limited to; empty means all divisions.</summary>
    public List<UserDivision> Divisions { get; } = [];
}

/// <summary>Limits a user to a division.</summary>
public class UserDivision
{
    public string UserId { get; set; } = "";

    public int DivisionId { get; set; }
}
