using CustomerManager.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Domain.Laybys;

public sealed record LaybyJobResult(int LaybysChecked, int LateFeesAdded, int Defaulted);

/// <summary>
/// The daily layby run (and the Admin's "run now"): late fees for instalments missed beyond the grace period, and
/// defaults past the completion date plus the policy's days. Idempotent: running it twice for a day adds nothing.
/// </summary>
public sealed class LaybyJobs(ICustomerDbFactory dbFactory, ICurrentUser currentUser, BusinessTime clock)
{
    public async Task<LaybyJobResult> RunAsync(DateOnly today, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Roles.Admin);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var ids = await db.Laybys.Where(l => l.Status == LaybyStatus.Active || l.Status == LaybyStatus.OnHold)
            .Select(l => l.Id).ToListAsync(cancellationToken);
        var policies = await db.LaybyPolicies.AsNoTracking().ToDictionaryAsync(p => p.Id, cancellationToken);
        int fees = 0, defaulted = 0;
        foreach (var id in ids)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await using var one = await dbFactory.OpenAsync(cancellationToken);
            var layby = await one.Laybys.AsSplitQuery().Include(l => l.Instalments).Include(l => l.Entries)
                .FirstAsync(l => l.Id == id, cancellationToken);
            var policy = policies[layby.PolicyId];
            var now = clock.UtcNow;
            if (layby.DefaultIfOverdue(policy, today, now))
            {
                defaulted++;
            }
            else
            {
                fees += layby.ApplyLateFees(policy, today, now);
            }

            try
            {
                await one.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // A clerk changed this layby at the same moment (or a fee for that instalment exists already):
                // tomorrow's run, or the next "run now", picks it up again.
            }
        }

        return new LaybyJobResult(ids.Count, fees, defaulted);
    }
}
