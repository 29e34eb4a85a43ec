using CustomerManager.Domain.Common;
using CustomerManager.Domain.Statements;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Domain.Messaging;

/// <summary>The automatic statement run's setting: the day of the month it runs (1 to 28), or 0 for never.</summary>
public sealed record MonthlyStatementSettings(int Day);

/// <summary>What a monthly run did in one division.</summary>
public sealed record MonthlyStatementDivisionResult(string Division, StatementBatchResult Generated, StatementSendResult Sent);

/// <summary>
/// On the configured day of the month, last month's statements for every active division are generated and sent
/// (issue 16). Both steps skip what is already done, so a second run on the same day (a restart, a second node)
/// generates and sends nothing more.
/// </summary>
public sealed class MonthlyStatementRun(
    ICustomerDbFactory dbFactory, ICurrentUser currentUser, MonthlyStatementSettings settings, StatementService statements,
    ServiceMessageService messages)
{
    /// <summary>Runs when <paramref name="today"/> is the configured day; otherwise does nothing and returns no rows.</summary>
    public async Task<IReadOnlyList<MonthlyStatementDivisionResult>> RunIfDueAsync(DateOnly today, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Roles.Admin);
        if (settings.Day is < 1 or > 28 || today.Day != settings.Day)
        {
            return [];
        }

        var month = today.AddMonths(-1);
        List<(int Id, string Name)> divisions;
        await using (var db = await dbFactory.OpenAsync(cancellationToken))
        {
            divisions = (await db.Divisions.AsNoTracking().Where(d => d.IsActive).OrderBy(d => d.Id).Select(d => new { d.Id, d.Name })
                .ToListAsync(cancellationToken)).Select(d => (d.Id, d.Name)).ToList();
        }

        var results = new List<MonthlyStatementDivisionResult>();
        foreach (var (id, name) in divisions)
        {
            var generated = await statements.RunBatchAsync(id, month.Year, month.Month, includeQuiet: false, progress: null, cancellationToken);
            var sent = await messages.SendStatementsAsync(id, month.Year, month.Month, null, cancellationToken);
            results.Add(new MonthlyStatementDivisionResult(name, generated, sent));
        }

        return results;
    }
}
