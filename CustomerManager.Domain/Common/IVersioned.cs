namespace CustomerManager.Domain.Common;

/// <summary>
/// An entity with an application-managed version for optimistic concurrency (SQLite generates no row version).
/// The DbContext increments <see cref="Version"/> on every update and uses it as the concurrency token.
/// </summary>
public interface IVersioned
{
    int Version { get; set; }
}
