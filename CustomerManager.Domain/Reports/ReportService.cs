using CustomerManager.Domain.Common;

namespace CustomerManager.Domain.Reports;

/// <summary>
/// The accountant's reports (issue 6): customer list, credit outstanding, layby status, collections, division
/// performance and customer lifetime value, plus the dashboard's figures. Sums and counts are computed by the
/// database (money is stored in whole cents, so SUM is exact); only ratios and roll-ups of grouped rows are done here.
/// Each report lives in its own file of this partial class. For accountants, credit managers and admins.
/// </summary>
public sealed partial class ReportService(
    ICustomerDbFactory dbFactory, ICurrentUser currentUser, BusinessTime clock, Statements.StatementService statements)
{
    public const string ReaderRoles = Roles.Accountant + "," + Roles.CreditManager + "," + Roles.Admin;

    private static readonly string[] Readers = [Roles.Accountant, Roles.CreditManager, Roles.Admin];

    public DateOnly Today() => clock.Today;

    /// <summary>The business's local day of a stored UTC time.</summary>
    public DateOnly LocalDate(DateTime utc) => clock.LocalDate(utc);

    /// <summary>The divisions a limited user works in (null: all). Every report counts only their records.</summary>
    private IReadOnlySet<int>? Mine => currentUser.DivisionIds;

    /// <summary>Refuses a report filtered to a division the user does not work in.</summary>
    private void CheckDivision(int? divisionId)
    {
        if (divisionId is { } id)
        {
            currentUser.RequireDivision(id);
        }
    }

    private static void CheckRange(DateOnly from, DateOnly to)
    {
        if (from > to)
        {
            throw new DomainException("The 'from' date must not be after the 'to' date.", "From");
        }

        if (to.DayNumber - from.DayNumber > 366 * 5)
        {
            throw new DomainException("Choose at most five years.", "To");
        }
    }

    /// <summary>balance / limit, or null when there is no limit.</summary>
    public static decimal? Utilisation(decimal balance, decimal limit) => limit == 0 ? null : Math.Round(balance / limit, 4, MidpointRounding.AwayFromZero);
}
