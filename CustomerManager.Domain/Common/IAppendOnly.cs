namespace CustomerManager.Domain.Common;

/// <summary>Rows that are only ever added (audit entries, money entries): updates and deletes are refused.</summary>
public interface IAppendOnly;
