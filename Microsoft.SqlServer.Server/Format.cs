namespace Microsoft.SqlServer.Server
{
    /// <summary>Serialization format of a user-defined type or aggregate.</summary>
    public enum Format
    {
        Unknown = 0,
        Native = 1,
        UserDefined = 2,
    }

    /// <summary>Whether a user-defined method or function reads user data.</summary>
    public enum DataAccessKind
    {
        None = 0,
        Read = 1,
    }

    /// <summary>Whether a user-defined method or function reads system data.</summary>
    public enum SystemDataAccessKind
    {
        None = 0,
        Read = 1,
    }
}
