using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Domain.Common;

/// <summary>
/// Money postings read a balance, check it and write it back, guarded by the row's version. When another posting
/// commits first (a version conflict, or the same request id inserted at the same moment) the whole attempt runs
/// again on fresh data, in a fresh context.
/// </summary>
public static class OptimisticRetry
{
    public const int MaxAttempts = 20;

    public static async Task<T> RunAsync<T>(Func<Task<T>> attempt)
    {
        for (var number = 1; ; number++)
        {
            try
            {
                return await attempt();
            }
            catch (DbUpdateConcurrencyException) when (number < MaxAttempts)
            {
                // Someone else's posting won: try again with the new balance.
            }
            catch (DbUpdateException e) when (e.IsUniqueViolation() && number < MaxAttempts)
            {
                // The same request id won elsewhere: the next attempt finds and returns it.
            }
        }
    }
}
