using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Domain.Common;

/// <summary>Recognises constraint violations across SQLite and SQL Server without referencing either provider.</summary>
public static class DbUpdateErrors
{
    /// <summary>True when the failure is a unique index violation (SQLite error 19 "UNIQUE", SQL Server 2601/2627).</summary>
    public static bool IsUniqueViolation(this DbUpdateException exception)
    {
        var message = exception.InnerException?.Message ?? exception.Message;
        return message.Contains("UNIQUE constraint failed", StringComparison.OrdinalIgnoreCase)
            || message.Contains("duplicate key", StringComparison.OrdinalIgnoreCase)
            || message.Contains("unique index", StringComparison.OrdinalIgnoreCase);
    }
}
