namespace CustomerManager.Domain.Common;

/// <summary>One page of a server-side paged list and the count of all rows matching its filter.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int TotalCount);
