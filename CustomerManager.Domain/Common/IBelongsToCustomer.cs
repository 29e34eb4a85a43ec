namespace CustomerManager.Domain.Common;

/// <summary>
/// A row that belongs to one customer (a layby, a credit application, and later notes, messages, purchases...). A merge
/// moves every such row to the surviving customer, and an undo moves the same rows back
/// (<see cref="Customers.CustomerMergeService"/> lists the kinds it moves).
/// </summary>
public interface IBelongsToCustomer
{
    int Id { get; }

    int CustomerId { get; }

    void MoveToCustomer(int customerId);
}

/// <summary>
/// Append-only rows that a merge may move to another owner: only the property named here may change (the append-only
/// guard allows that one change and nothing else). Amounts, dates and kinds stay as they were posted.
/// </summary>
public interface IMovableAppendOnly : IAppendOnly
{
    string OwnerProperty { get; }
}
