using System.Globalization;
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

    /// <summary>
    /// The one change a pseudonymisation makes to append-only rows (DOMAIN.md §11): it may overwrite the columns that
    /// can hold personal data, and only so that <paramref name="allowedWhen"/> holds for the new row (a stamp, or the
    /// "(removed)" text); every other column, and every DELETE, is still refused. <paramref name="allowedWhen"/> names the
    /// new row as <c>{0}</c> and the old one as <c>{1}</c>, e.g. <c>{0}.[Reason] = '(removed)'</c>. Columns in
    /// <paramref name="movableColumns"/> (a merge's move) stay free to change.
    /// </summary>
    public static void CreatePersonalDataRemovalTrigger(
        this MigrationBuilder migrationBuilder, string table, IReadOnlyList<string> fixedColumns, IReadOnlyList<string> personalColumns,
        string allowedWhen, IReadOnlyList<string>? movableColumns = null)
    {
        var (_, message, error) = PersonalDataTables.Single(t => t.Table == table);
        if (IsSqlServer(migrationBuilder))
        {
            var changed = string.Join(" OR ", fixedColumns.Select(c => $"UPDATE([{c}])"));
            var set = string.Join(", ", personalColumns.Concat(movableColumns ?? []).Select(c => $"[{c}] = i.[{c}]"));
            migrationBuilder.Sql($"""
                CREATE TRIGGER [{table}_AppendOnly] ON [{table}] INSTEAD OF UPDATE, DELETE
                AS BEGIN
                    IF NOT EXISTS (SELECT 1 FROM inserted) OR {changed}
                        OR EXISTS (SELECT 1 FROM inserted i JOIN deleted d ON d.[Id] = i.[Id]
                            WHERE NOT ({string.Format(CultureInfo.InvariantCulture, allowedWhen, "i", "d")}))
                        THROW {error}, '{message}', 1;
                    UPDATE e SET {set} FROM [{table}] e JOIN inserted i ON e.[Id] = i.[Id];
                END
                """);
            return;
        }

        migrationBuilder.Sql($"""
            CREATE TRIGGER {table}_NoUpdate BEFORE UPDATE OF {string.Join(", ", fixedColumns)} ON {table}
            BEGIN SELECT RAISE(ABORT, '{message}'); END;
            """);
        migrationBuilder.Sql($"""
            CREATE TRIGGER {table}_OnlyPersonalDataRemoval BEFORE UPDATE OF {string.Join(", ", personalColumns)} ON {table}
            WHEN NOT ({string.Format(CultureInfo.InvariantCulture, allowedWhen, "NEW", "OLD")})
            BEGIN SELECT RAISE(ABORT, '{message}'); END;
            """);
        migrationBuilder.Sql($"""
            CREATE TRIGGER {table}_NoDelete BEFORE DELETE ON {table}
            BEGIN SELECT RAISE(ABORT, '{message}'); END;
            """);
    }

    /// <summary>Tables whose personal columns a pseudonymisation may overwrite, with the message and SQL Server error.</summary>
    public static readonly IReadOnlyList<(string Table, string Message, int SqlServerError)> PersonalDataTables =
    [
        ("AuditEntries", "The audit trail is append-only", 50001),
        ("CreditLineEvents", "CreditLineEvents are append-only", 50010),
        ("AccountEntries", "AccountEntries are append-only", 50003),
        ("LaybyEntries", "Layby entries are append-only", 50002),
    ];

    /// <summary>
    /// Ledger texts: each personal column either unchanged or now holding "(removed)" (a pseudonymisation replaces only
    /// the customer's values inside them); amounts, dates and kinds stay fixed; an account entry may still move.
    /// </summary>
    public static void CreateLedgerPersonalDataRemovalTriggers(this MigrationBuilder migrationBuilder)
    {
        string[] accountTexts = ["Description", "Reference", "OverrideReason"];
        migrationBuilder.CreatePersonalDataRemovalTrigger("AccountEntries", AccountEntryFixedColumns.Except(accountTexts).ToList(),
            accountTexts, TextRemovedOrSame(accountTexts), movableColumns: ["DivisionAccountId"]);
        migrationBuilder.CreatePersonalDataRemovalTrigger("LaybyEntries",
            ["Id", "Amount", "InstalmentNumber", "Kind", "LaybyId", "Method", "PostedAtUtc", "PostedBy", "ReceiptNumber", "RequestId",
                "ReversalOfId", "ReversesFee", "ReversesPayment"],
            ["Reference"], TextRemovedOrSame(["Reference"]));
    }

    private static string TextRemovedOrSame(IEnumerable<string> columns) =>
        string.Join(" AND ", columns.Select(c =>
            $"({{0}}.[{c}] IS NULL OR {{0}}.[{c}] LIKE '%(removed)%' OR {{0}}.[{c}] = {{1}}.[{c}])"));

    /// <summary>Audit rows: only ChangesJson, and only with PersonalDataRemovedAtUtc stamped.</summary>
    public static void CreateAuditPersonalDataRemovalTrigger(this MigrationBuilder migrationBuilder) =>
        migrationBuilder.CreatePersonalDataRemovalTrigger("AuditEntries",
            ["Id", "OccurredAtUtc", "UserId", "UserName", "EntityType", "EntityKey", "Action"],
            ["ChangesJson", "PersonalDataRemovedAtUtc"], "{0}.[PersonalDataRemovedAtUtc] IS NOT NULL");

    /// <summary>Credit line events: only the reason, and only to "(removed)".</summary>
    public static void CreateCreditLineEventPersonalDataRemovalTrigger(this MigrationBuilder migrationBuilder) =>
        migrationBuilder.CreatePersonalDataRemovalTrigger("CreditLineEvents",
            ["Id", "DivisionAccountId", "Kind", "OldLimit", "NewLimit", "NextReviewOn", "UserName", "OccurredAtUtc"],
            ["Reason"], "{0}.[Reason] = '(removed)'");

    public static void DropPersonalDataRemovalTrigger(this MigrationBuilder migrationBuilder, string table)
    {
        migrationBuilder.DropAppendOnlyTrigger(table);
        if (!IsSqlServer(migrationBuilder))
        {
            migrationBuilder.Sql($"DROP TRIGGER IF EXISTS {table}_OnlyPersonalDataRemoval;");
        }
    }

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
