using System.Text.Json;
using CustomerManager.Domain.Accounts;

namespace CustomerManager.Domain.Customers;

/// <summary>
/// Two accounts of one division combined by a merge: the duplicate's entries moved to the survivor's account, with the
/// balance they carried, so an undo can move exactly those back.
/// </summary>
public sealed record CombinedAccount(int FromAccountId, int ToAccountId, IReadOnlyList<long> EntryIds, decimal Balance);

/// <summary>One field that differs between the two customers of a merge, with both values as shown.</summary>
public sealed record MergeField(string Field, string Label, string? SurvivorValue, string? MergedValue);

/// <summary>
/// A merge as it was done, with what is needed to undo it: both customers' values before, the accounts moved to the
/// survivor, the accounts of a division where both had one (closed, their entries moved to the survivor's account),
/// the other rows moved (laybys, credit applications...), and the versions after.
/// </summary>
public class CustomerMerge
{
    public int Id { get; set; }

    public int SurvivorId { get; private set; }

    public int MergedId { get; private set; }

    public string SurvivorBeforeJson { get; private set; } = "{}";

    public string MergedBeforeJson { get; private set; } = "{}";

    /// <summary>Account id → its status before: accounts closed by the merge.</summary>
    public string ClosedAccountsJson { get; private set; } = "{}";

    public string MovedAccountIdsJson { get; private set; } = "[]";

    /// <summary>Accounts of the same division combined (<see cref="CombinedAccount"/>).</summary>
    public string CombinedAccountsJson { get; private set; } = "[]";

    /// <summary>Kind of row (e.g. "Laybys") → ids of the merged customer's rows moved to the survivor.</summary>
    public string MovedRowsJson { get; private set; } = "{}";

    /// <summary>Row versions right after the merge: undo is refused once any of them changed.</summary>
    public string VersionsAfterJson { get; private set; } = "{}";

    public DateTime MergedAtUtc { get; private set; }

    public string MergedBy { get; private set; } = "";

    public DateTime? UndoneAtUtc { get; private set; }

    public string? UndoneBy { get; private set; }

    private CustomerMerge()
    {
    }

    internal CustomerMerge(
        int survivorId, int mergedId, CustomerDetails survivorBefore, CustomerDetails mergedBefore,
        IReadOnlyList<int> movedAccountIds, IReadOnlyDictionary<int, DivisionAccountStatus> closedAccounts,
        DateTime nowUtc, string userName)
    {
        SurvivorId = survivorId;
        MergedId = mergedId;
        SurvivorBeforeJson = JsonSerializer.Serialize(survivorBefore);
        MergedBeforeJson = JsonSerializer.Serialize(mergedBefore);
        MovedAccountIdsJson = JsonSerializer.Serialize(movedAccountIds);
        ClosedAccountsJson = JsonSerializer.Serialize(closedAccounts);
        MergedAtUtc = nowUtc;
        MergedBy = userName;
    }

    public bool IsUndone => UndoneAtUtc is not null;

    /// <summary>
    /// A pseudonymisation of one side of the merge: that side's snapshot keeps only what is not personal (type,
    /// country, tags), so the merge can no longer be undone with the old values (its versions changed anyway).
    /// </summary>
    public void RemovePersonalDataOf(int customerId, CustomerDetails pseudonymised, IReadOnlyList<string> personalValues)
    {
        if (customerId == SurvivorId)
        {
            SurvivorBeforeJson = JsonSerializer.Serialize(pseudonymised);
        }

        if (customerId == MergedId)
        {
            MergedBeforeJson = JsonSerializer.Serialize(pseudonymised);
        }

        // The other side's snapshot may hold a value this customer took over in the merge (an e-mail, a phone).
        SurvivorBeforeJson = Without(SurvivorBeforeJson, personalValues);
        MergedBeforeJson = Without(MergedBeforeJson, personalValues);
    }

    private static string Without(string json, IReadOnlyList<string> personalValues)
    {
        if (System.Text.Json.Nodes.JsonNode.Parse(json) is not System.Text.Json.Nodes.JsonObject snapshot)
        {
            return json;
        }

        foreach (var (name, value) in snapshot.ToList())
        {
            if (value is System.Text.Json.Nodes.JsonValue v && v.TryGetValue<string>(out var text)
                && personalValues.Any(p => text.Contains(p, StringComparison.OrdinalIgnoreCase)))
            {
                snapshot[name] = null;
            }
        }

        return snapshot.ToJsonString();
    }

    internal CustomerDetails SurvivorBefore => JsonSerializer.Deserialize<CustomerDetails>(SurvivorBeforeJson)!;

    internal CustomerDetails MergedBefore => JsonSerializer.Deserialize<CustomerDetails>(MergedBeforeJson)!;

    internal IReadOnlyList<int> MovedAccountIds => JsonSerializer.Deserialize<List<int>>(MovedAccountIdsJson)!;

    internal IReadOnlyDictionary<int, DivisionAccountStatus> ClosedAccounts =>
        JsonSerializer.Deserialize<Dictionary<int, DivisionAccountStatus>>(ClosedAccountsJson)!;

    internal IReadOnlyList<CombinedAccount> CombinedAccounts => JsonSerializer.Deserialize<List<CombinedAccount>>(CombinedAccountsJson)!;

    internal IReadOnlyDictionary<string, List<int>> MovedRows => JsonSerializer.Deserialize<Dictionary<string, List<int>>>(MovedRowsJson)!;

    internal void RecordMoves(IReadOnlyList<CombinedAccount> combined, IReadOnlyDictionary<string, List<int>> rows)
    {
        CombinedAccountsJson = JsonSerializer.Serialize(combined);
        MovedRowsJson = JsonSerializer.Serialize(rows);
    }

    internal IReadOnlyDictionary<string, int> VersionsAfter => JsonSerializer.Deserialize<Dictionary<string, int>>(VersionsAfterJson)!;

    internal void RecordVersionsAfter(IReadOnlyDictionary<string, int> versions) =>
        VersionsAfterJson = JsonSerializer.Serialize(versions);

    internal void MarkUndone(DateTime nowUtc, string userName)
    {
        UndoneAtUtc = nowUtc;
        UndoneBy = userName;
    }
}
