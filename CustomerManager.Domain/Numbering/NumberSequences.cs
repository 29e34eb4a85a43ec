using CustomerManager.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Domain.Numbering;

public static class NumberSequences
{
    /// <summary>
    /// Takes the next number of <paramref name="name"/>. Must run inside the caller's transaction: the UPDATE comes
    /// first so that, on every provider, the row is locked before it is read and concurrent callers queue behind it.
    /// </summary>
    public static async Task<long> TakeNextAsync(this ICustomerDb db, string name, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Numbers must be taken inside the transaction that saves the numbered row.");
        }

        var updated = await db.NumberSequences.Where(s => s.Name == name)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.LastValue, x => x.LastValue + 1), cancellationToken);
        if (updated == 0)
        {
            db.NumberSequences.Add(new NumberSequence(name));
            await db.SaveChangesAsync(cancellationToken);
            await db.NumberSequences.Where(s => s.Name == name)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.LastValue, x => x.LastValue + 1), cancellationToken);
        }

        return await db.NumberSequences.Where(s => s.Name == name).Select(s => s.LastValue).SingleAsync(cancellationToken);
    }

    /// <summary>
    /// Takes the next <paramref name="count"/> numbers of <paramref name="name"/> at once and returns the first (an import
    /// numbers a batch of rows in one statement). Inside the caller's transaction, like <see cref="TakeNextAsync"/>: every
    /// number taken must be used by rows saved in that transaction, or the rollback gives them all back.
    /// </summary>
    public static async Task<long> TakeBlockAsync(this ICustomerDb db, string name, int count, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var first = await db.TakeNextAsync(name, cancellationToken);
        if (count > 1)
        {
            await db.NumberSequences.Where(s => s.Name == name)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.LastValue, x => x.LastValue + (count - 1)), cancellationToken);
        }

        return first;
    }
}
