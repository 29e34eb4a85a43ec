using Microsoft.EntityFrameworkCore.Migrations;

namespace CustomerManager.Data.Migrations;

/// <summary>
/// Database triggers that refuse UPDATE and DELETE on append-only tables (posted money, the audit trail), a second
/// line behind the DbContext's own refusal: a hand-written statement or another tool cannot change history either.
/// One definition for both providers so a migration names the table and the message, never the SQL dialect.
/// </summary>
public static class AppendOnlyTriggers
{
    /// <summary>The tables guarded today, with the message the database raises (and SQL Server's error number).</summary>
    public static readonly IReadOnlyList<(string Table, string Message, int SqlServerError)> Tables =
    [
        ("AuditEntries", "The audit trail is append-only", 50001),
        ("LaybyEntries", "Layby entries are append-only", 50002),
        ("AccountEntries", "AccountEntries are append-only", 50003),
        ("PaymentAllocations", "PaymentAllocations are append-only", 50004),
    ];

    /// <summary>Every table with an append-only trigger, including those added by later migrations.</summary>
    public static readonly IReadOnlySet<string> TriggeredTables = Tables.Select(t => t.Table).Append("CreditLineEvents").ToHashSet();

    public static void CreateAppendOnlyTrigger(this MigrationBuilder migrationBuilder, string table, string message, int sqlServerError)
    {
        if (IsSqlServer(migrationBuilder))
        {
            migrationBuilder.Sql($"""
                CREATE TRIGGER [{table}_AppendOnly] ON [{table}] INSTEAD OF UPDATE, DELETE
                AS BEGIN THROW {sqlServerError}, '{message}', 1; END
                """);
            return;
        }

        migrationBuilder.Sql($"""
            CREATE TRIGGER {table}_NoUpdate BEFORE UPDATE ON {table}
            BEGIN SELECT RAISE(ABORT, '{message}'); END;
            """);
        migrationBuilder.Sql($"""
            CREATE TRIGGER {table}_NoDelete BEFORE DELETE ON {table}
            BEGIN SELECT RAISE(ABORT, '{message}'); END;
            """);
    }

    /// <summary>
    /// Account entries keep every posted value, but a merge may move them to the survivor's account of the same
    /// division (DOMAIN.md §2): an UPDATE that sets any column but <c>DivisionAccountId</c>, and every DELETE, is refused.
    /// A column added to AccountEntries later belongs in <see cref="AccountEntryFixedColumns"/>.
    /// </summary>
    public static void CreateAccountEntryMoveOnlyTrigger(this MigrationBuilder migrationBuilder)
    {
        const string table = "AccountEntries";
        var (_, message, error) = Tables.Single(t => t.Table == table);
        if (IsSqlServer(migrationBuilder))
        {
            var changed = string.Join(" OR ", AccountEntryFixedColumns.Select(c => $"UPDATE([{c}])"));
            migrationBuilder.Sql($"""
                CREATE TRIGGER [{table}_AppendOnly] ON [{table}] INSTEAD OF UPDATE, DELETE
                AS BEGIN
                    IF NOT EXISTS (SELECT 1 FROM inserted) OR {changed} THROW {error}, '{message}', 1;
                    UPDATE e SET [DivisionAccountId] = i.[DivisionAccountId] FROM [{table}] e JOIN inserted i ON e.[Id] = i.[Id];
                END
                """);
            return;
        }

        migrationBuilder.Sql($"""
            CREATE TRIGGER {table}_NoUpdate BEFORE UPDATE OF {string.Join(", ", AccountEntryFixedColumns)} ON {table}
            BEGIN SELECT RAISE(ABORT, '{message}'); END;
            """);
        migrationBuilder.Sql($"""
            CREATE TRIGGER {table}_NoDelete BEFORE DELETE ON {table}
            BEGIN SELECT RAISE(ABORT, '{message}'); END;
            """);
    }

    /// <summary>Every column of AccountEntries that never changes once posted (all but DivisionAccountId).</summary>
    public static readonly IReadOnlyList<string> AccountEntryFixedColumns =
    [
        "Id", "Amount", "CreatedAtUtc", "CreatedBy", "Description", "DueDate", "Kind", "Method", "OverrideReason", "PostingDate",
        "ReceiptNumber", "Reference", "RequestId", "ReversalOfId",
    ];

    public static void DropAppendOnlyTrigger(this MigrationBuilder migrationBuilder, string table)
    {
        if (IsSqlServer(migrationBuilder))
        {
            migrationBuilder.Sql($"DROP TRIGGER IF EXISTS [{table}_AppendOnly];");
            return;
        }

        migrationBuilder.Sql($"DROP TRIGGER IF EXISTS {table}_NoUpdate;");
        migrationBuilder.Sql($"DROP TRIGGER IF EXISTS {table}_NoDelete;");
    }

    public static void CreateAppendOnlyTriggers(this MigrationBuilder migrationBuilder)
    {
        foreach (var (table, message, error) in Tables)
        {
            migrationBuilder.CreateAppendOnlyTrigger(table, message, error);
        }
    }

    public static void DropAppendOnlyTriggers(this MigrationBuilder migrationBuilder)
    {
        foreach (var (table, _, _) in Tables)
        {
            migrationBuilder.DropAppendOnlyTrigger(table);
        }
    }

    private static bool IsSqlServer(MigrationBuilder migrationBuilder) =>
        migrationBuilder.ActiveProvider == "Microsoft.EntityFrameworkCore.SqlServer";
}
